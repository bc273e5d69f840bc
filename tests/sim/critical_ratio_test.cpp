// HCM's critical v/c of an intersection, Xc = C/(C − L) · Σ critical y, from the plan in force and the
// measured lane-group volumes: worked by hand here for a two-stage plan and for a dual-ring plan whose
// critical ring differs between its barrier groups.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "support/cross_scenario.hpp"

using namespace itsc;

namespace {

// Flow ratio v / s of each lane group of C (one shared group of two lanes per approach; its s is checked
// against HCM's factors in saturation_flow_test.cpp).
std::map<std::string, double> flow_ratios(const SimulationResult& result) {
  std::map<std::string, double> y;
  for (const LaneGroupResult& group : result.intersections.front().lane_groups) {
    y[group.id] = group.volume_veh_per_h / group.saturation_flow_veh_per_h;
  }
  return y;
}

Phase phase(int number, std::vector<std::string> protected_ids, double split_s, double red_s) {
  Phase p;
  p.number = number;
  p.serves.protected_movements = std::move(protected_ids);
  p.split_s = split_s;
  p.yellow_s = 4;
  p.red_clearance_s = red_s;
  return p;
}

}  // namespace

TEST_CASE("critical v/c: a two-stage plan") {
  Scenario scenario = test::make_cross_scenario();  // stages of 25 + 4 + 1 s, cycle 60 s; 600 veh/h per approach
  scenario.demand.entries[1].flow_veh_per_h = {900};  // east approach heavier
  scenario.demand.turns[1].shares = {{"WBL", {90}}, {"WBT", {720}}, {"WBR", {90}}};
  const SimulationResult result = simulate(scenario);
  const auto y = flow_ratios(result);
  // Lost time per stage: l1 2 + yellow 4 + red 1 − e 2 = 5 s.
  const double expected = (std::max(y.at("SB"), y.at("NB")) + std::max(y.at("EB"), y.at("WB"))) * 60.0 / (60.0 - 10.0);
  CHECK(result.intersections.front().critical_v_c == doctest::Approx(expected).epsilon(1e-9));
  const double s = result.intersections.front().lane_groups.front().saturation_flow_veh_per_h;
  CHECK(expected == doctest::Approx((600 + 900) / s * 1.2).epsilon(0.02));  // the volumes are the demand
}

TEST_CASE("critical v/c: a dual-ring plan takes the larger ring in each barrier group") {
  Scenario scenario = test::make_cross_scenario();
  // One approach per phase, lefts permitted: barrier 1 runs SB (ring 1) beside NB (ring 2), barrier 2 EB
  // (ring 1) beside WB (ring 2).
  RingPlan plan;
  plan.phases = {phase(2, {"SBT", "SBR"}, 30, 1), phase(6, {"NBT", "NBR"}, 30, 2), phase(4, {"EBT", "EBR"}, 30, 2),
                 phase(8, {"WBT", "WBR"}, 30, 1)};
  plan.phases[0].serves.permitted_movements = {"SBL"};
  plan.phases[1].serves.permitted_movements = {"NBL"};
  plan.phases[2].serves.permitted_movements = {"EBL"};
  plan.phases[3].serves.permitted_movements = {"WBL"};
  plan.rings = {{{2}, {4}}, {{6}, {8}}};
  scenario.timing["C"].stages.clear();
  scenario.timing["C"].rings = plan;
  // Heavier northbound (ring 2 critical in barrier 1) and eastbound (ring 1 critical in barrier 2).
  scenario.demand.entries[2].flow_veh_per_h = {900};  // S_C: northbound
  scenario.demand.turns[2].shares = {{"NBL", {90}}, {"NBT", {720}}, {"NBR", {90}}};
  scenario.demand.entries[3].flow_veh_per_h = {800};  // W_C: eastbound
  scenario.demand.turns[3].shares = {{"EBL", {80}}, {"EBT", {640}}, {"EBR", {80}}};
  const SimulationResult result = simulate(scenario);
  const auto y = flow_ratios(result);
  REQUIRE(y.at("NB") > y.at("SB"));
  REQUIRE(y.at("EB") > y.at("WB"));
  // Critical: phase 6 (NB, red 2: lost 6 s) and phase 4 (EB, red 2: lost 6 s); C = 60.
  const double expected = (y.at("NB") + y.at("EB")) * 60.0 / (60.0 - 12.0);
  CHECK(result.intersections.front().critical_v_c == doctest::Approx(expected).epsilon(1e-9));
}

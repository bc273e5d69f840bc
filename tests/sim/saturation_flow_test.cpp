// The engine discharges every lane group at its HCM saturation flow under prevailing conditions:
// s = s0 · N · f_w · f_HVg · f_p · f_bb · f_a · f_LU, each vehicle at its own turn's rate; and the
// heavy vehicles of the entries are carried downstream to the lane groups they reach.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "model/saturation.hpp"
#include "sim/approach_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

LaneGroup* find_group(Scenario& s, const std::string& id) {
  for (LaneGroup& group : test::node_c(s).lane_groups) {
    if (group.id == id) return &group;
  }
  return nullptr;
}

// Eastbound into C, saturated all run long, served 45 s of effective green in a 90 s cycle; the cross
// street takes the rest.
test::FourLeg saturated_eastbound(int lanes) {
  test::FourLeg x = test::four_leg(NodeControl::signalized, 600, lanes);
  test::add_movement(x, "SBT", "N_C", "C_S", TurnType::through, lanes);
  test::add_flow(x.s, "N_C", 300);
  return x;
}

void finish(test::FourLeg& x, std::vector<std::string> eastbound) {
  test::set_plan(x.s, {test::stage(std::move(eastbound), {}, 45), test::stage({"SBT"}, {}, 37)});
}

// Departures of a lane group per 90 s cycle over the measured hour.
double per_cycle(const LaneGroupResult& group) { return group.departures_veh / 40.0; }

}  // namespace

TEST_CASE("saturation flow: the engine discharges at s0 × N × every HCM factor of the lane group") {
  test::FourLeg x = saturated_eastbound(2);
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through, 2);
  x.s.demand.entries.push_back(EntryFlow{"W_C", {3000}, 10});  // 10% heavy vehicles
  LaneGroup& group = *find_group(x.s, "EBT");
  group.lane_width_m = 3.0;            // 9.8 ft: f_w 0.96
  group.parking_maneuvers_per_h = 20;  // f_p = (2 − 0.1 − 0.1) / 2
  group.buses_stopping_per_h = 12;     // f_bb = (2 − 0.048) / 2
  test::node_c(x.s).area_type = AreaType::cbd;
  Leg west;
  west.id = "west";
  west.in_link = "W_C";
  west.grade_percent = 4.0;  // with 10% heavy vehicles: f_HVg = (100 − 7.8 − 0.31·16) / 100
  test::node_c(x.s).legs.push_back(west);
  finish(x, {"EBT"});
  Simulation simulation(x.s);
  simulation.run();
  const SimulationResult result = simulation.result();
  const LaneGroupResult& eb = test::group_of(result, "EBT");
  const hcm::SaturationFactors& f = eb.saturation_factors;
  CHECK(f.lane_width == 0.96);
  const double hvg = (100 - 7.8 - 0.31 * 16) / 100;
  CHECK(f.heavy_vehicles_grade == doctest::Approx(hvg).epsilon(1e-12));
  CHECK(f.parking == doctest::Approx(0.90).epsilon(1e-12));
  CHECK(f.bus_blockage == doctest::Approx(0.976).epsilon(1e-12));
  CHECK(f.area_type == 0.90);
  CHECK(f.lane_utilization == 0.952);
  const double s = 1900.0 * 2 * 0.96 * hvg * 0.90 * 0.976 * 0.90 * 0.952;
  CHECK(eb.saturation_flow_veh_per_h == doctest::Approx(s).epsilon(1e-12));
  CHECK(eb.capacity_veh_per_h == doctest::Approx(s * 45.0 / 90.0).epsilon(0.01));
  CHECK(per_cycle(eb) == doctest::Approx(s * 45.0 / 3600.0).epsilon(0.01));
  // The cross street's group has no conditions but its two lanes' utilization; its traffic no heavy vehicles.
  const LaneGroupResult& sb = test::group_of(result, "SBT");
  CHECK(sb.saturation_flow_veh_per_h == doctest::Approx(1900.0 * 2 * 0.952 * 0.90).epsilon(1e-12));
}

TEST_CASE("saturation flow: turning vehicles take their own service time (HCM f_RT, f_LT)") {
  SUBCASE("a shared through-right lane: s / (P_T + P_R·E_R)") {
    test::FourLeg x = saturated_eastbound(1);
    test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through, 0);
    test::add_movement(x, "EBR", "W_C", "C_S", TurnType::right, 0);
    test::node_c(x.s).lane_groups.push_back(LaneGroup{"EB", "W_C", {"EBT", "EBR"}, 1});
    test::add_flow(x.s, "W_C", 1500);
    x.s.demand.turns.push_back(ApproachTurns{"C", "W_C", false, {TurnShare{"EBT", {0.8}}, TurnShare{"EBR", {0.2}}}});
    finish(x, {"EBT", "EBR"});
    Simulation simulation(x.s);
    simulation.run();
    const SimulationResult result = simulation.result();
    const LaneGroupResult& eb = test::group_of(result, "EBT");
    const double s = 1900.0 / (0.8 + 0.2 * hcm::kRightTurnEquivalent);
    CHECK(eb.turn_factor == doctest::Approx(1.0 / (0.8 + 0.2 * 1.18)).epsilon(1e-9));
    CHECK(eb.saturation_flow_veh_per_h == doctest::Approx(s).epsilon(1e-9));
    CHECK(per_cycle(eb) == doctest::Approx(s * 45.0 / 3600.0).epsilon(0.01));
  }
  SUBCASE("an exclusive right lane: s / E_R; a protected exclusive left: s / E_L") {
    // One turn per run: an approach's last cell is one FIFO queue, so two turns on it would discharge
    // at the pace of the slower.
    for (const auto& [turn, equivalent] : {std::pair{TurnType::right, hcm::kRightTurnEquivalent},
                                           std::pair{TurnType::left, hcm::kLeftTurnEquivalent}}) {
      test::FourLeg x = saturated_eastbound(1);
      test::add_movement(x, "EB", "W_C", turn == TurnType::right ? "C_S" : "C_N", turn, 1);
      test::add_flow(x.s, "W_C", 1500);
      finish(x, {"EB"});
      Simulation simulation(x.s);
      simulation.run();
      const SimulationResult result = simulation.result();
      const LaneGroupResult& eb = test::group_of(result, "EB");
      const double s = 1900.0 / equivalent;
      CHECK(eb.saturation_flow_veh_per_h == doctest::Approx(s).epsilon(1e-12));
      CHECK(per_cycle(eb) == doctest::Approx(s * 45.0 / 3600.0).epsilon(0.01));
    }
  }
}

TEST_CASE("saturation flow: heavy vehicles are carried downstream in the turning proportions") {
  // W_C: 600 veh/h with 10% heavy vehicles, all through to C_E; N_C: 400 veh/h without, half of it
  // turning left into C_E. C_E carries 600 + 200 veh/h of which 60 heavy: 7.5%; C_S none.
  test::FourLeg x = test::four_leg(NodeControl::signalized);
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through);
  test::add_movement(x, "SBT", "N_C", "C_S", TurnType::through);
  test::add_movement(x, "SBL", "N_C", "C_E", TurnType::left);
  x.s.demand.entries = {EntryFlow{"W_C", {600}, 10}, EntryFlow{"N_C", {400}, 0}};
  x.s.demand.turns.push_back(ApproachTurns{"C", "N_C", false, {TurnShare{"SBT", {0.5}}, TurnShare{"SBL", {0.5}}}});
  test::set_plan(x.s, {test::stage({"EBT"}, {}, 30), test::stage({"SBT", "SBL"}, {}, 30)});
  const Model model = compile(x.s);
  const std::vector<double> percent = detail::heavy_vehicle_percent_per_link(model, x.s.demand);
  CHECK(percent[model.find_link("W_C")] == doctest::Approx(10.0).epsilon(1e-9));
  CHECK(percent[model.find_link("N_C")] == 0.0);
  CHECK(percent[model.find_link("C_E")] == doctest::Approx(7.5).epsilon(1e-9));
  CHECK(percent[model.find_link("C_S")] == 0.0);
  // The eastbound group at C runs on its entry's mix: f_HVg = 1 − 0.78 · 0.10.
  const auto eb = model.movement_lane_group[model.find_movement(0, "EBT")];
  CHECK(model.lane_group_factors[eb].heavy_vehicles_grade == doctest::Approx(0.922).epsilon(1e-12));
}

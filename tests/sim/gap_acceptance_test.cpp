// Permitted lefts and right turns on red run by HCM gap acceptance against
// the conflicting flow that actually discharges in the step.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>

#include "sim/approach_builders.hpp"

using namespace itsc;

namespace {

// HCM potential capacity of one lane against a conflicting flow v (veh/h), written out here so the
// test does not trust the library's formula.
double hcm_gap_capacity(double v, double critical_s, double follow_up_s) {
  return v * std::exp(-v * critical_s / 3600.0) / (1.0 - std::exp(-v * follow_up_s / 3600.0));
}

// Eastbound left (permitted) against the westbound through (protected), both always green.
Scenario permitted_left(double opposing_veh_per_h) {
  test::FourLeg x = test::four_leg(NodeControl::signalized);
  Scenario& s = x.s;
  test::add_movement(x, "EBL", "W_C", "C_N", TurnType::left);
  test::add_movement(x, "WBT", "E_C", "C_W", TurnType::through);
  test::add_flow(s, "W_C", 1500);  // more than the left can take
  test::add_flow(s, "E_C", opposing_veh_per_h);
  test::set_plan(s, {test::stage({"WBT"}, {"EBL"}, 90, 0, 0)});
  return s;
}

double measured_rate_veh_per_h(const Simulation& sim, const std::string& id) {
  const auto m = sim.model().find_movement(0, id);
  const double window_h = static_cast<double>(sim.state().metrics.measured_steps) * sim.model().dt_s / 3600.0;
  return sim.state().metrics.movement_departures_veh[m] / window_h;
}

}  // namespace

TEST_CASE("gap acceptance: permitted-left capacity within 5% of HCM for two opposing volumes") {
  for (const double opposing : {400.0, 800.0}) {
    Simulation sim(permitted_left(opposing));
    sim.run();
    const double expected = hcm_gap_capacity(opposing, 4.5, 2.5);
    const double measured = measured_rate_veh_per_h(sim, "EBL");
    CAPTURE(opposing);
    CAPTURE(expected);
    CAPTURE(measured);
    CHECK(std::fabs(measured - expected) <= 0.05 * expected);
    // The opposing through is not slowed by the lefts.
    CHECK(measured_rate_veh_per_h(sim, "WBT") == doctest::Approx(opposing).epsilon(0.01));
  }
}

TEST_CASE("gap acceptance: no permitted left discharges while the opposing queue clears") {
  test::FourLeg x = test::four_leg(NodeControl::signalized);
  Scenario& s = x.s;
  s.simulation.warmup_s = 0;
  s.simulation.duration_s = 1800;
  test::add_movement(x, "EBL", "W_C", "C_N", TurnType::left);
  test::add_movement(x, "WBT", "E_C", "C_W", TurnType::through);
  test::add_movement(x, "NBT", "S_C", "C_N", TurnType::through);
  test::add_flow(s, "W_C", 300);
  test::add_flow(s, "E_C", 600);
  test::add_flow(s, "S_C", 300);
  test::set_plan(s, {test::stage({"WBT"}, {"EBL"}, 41), test::stage({"NBT"}, {}, 41)});
  Simulation sim(s);
  test::FlowProbe left(sim, "EBL");
  test::FlowProbe opposing(sim, "WBT");
  const double saturated = 1900.0 / 3600.0 * sim.model().dt_s;
  int clearing_steps = 0;
  double left_while_clearing = 0;
  double left_total = 0;
  while (sim.time_s() < sim.duration_s()) {
    sim.step();
    const double l = left.take();
    const double o = opposing.take();
    left_total += l;
    // The opposing queue discharges at saturation flow: no gaps.
    if (o >= saturated * (1 - 1e-9)) {
      ++clearing_steps;
      left_while_clearing += l;
    }
  }
  CAPTURE(clearing_steps);
  CHECK(clearing_steps > 100);
  CHECK(left_while_clearing == 0.0);
  CHECK(left_total > 50);
}

TEST_CASE("gap acceptance: right turn on red discharges during red at the gap capacity against the through flow") {
  test::FourLeg x = test::four_leg(NodeControl::signalized);
  Scenario& s = x.s;
  s.simulation.warmup_s = 0;
  s.simulation.duration_s = 1800;
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through);
  test::add_movement(x, "NBR", "S_C", "C_E", TurnType::right);
  test::node_c(s).movements.back().right_turn_on_red = true;
  const double through = 500;
  test::add_flow(s, "W_C", through);
  test::add_flow(s, "S_C", 900);  // more than the right turn can take
  test::set_plan(s, {test::stage({"EBT"}, {}, 56), test::stage({"NBR"}, {}, 26)});
  Simulation sim(s);
  const auto nbr = sim.model().find_movement(0, "NBR");
  test::FlowProbe right(sim, "NBR");
  test::FlowProbe conflicting(sim, "EBT");
  const double expected = hcm_gap_capacity(through, 6.2, 3.3) / 3600.0 * sim.model().dt_s;
  const double saturated = 1900.0 / 3600.0 * sim.model().dt_s;
  double steady_red = 0;
  double steady_flow = 0;
  double clearing_flow = 0;
  int clearing_steps = 0;
  while (sim.time_s() < sim.duration_s()) {
    sim.step();
    const double r = right.take();
    const double c = conflicting.take();
    if (sim.state().indication[nbr] != Indication::red_turn_on_red || sim.state().green_tenths[nbr] > 0 ||
        sim.state().yellow_tenths[nbr] > 0) {
      continue;
    }
    if (c >= saturated * (1 - 1e-9)) {
      ++clearing_steps;
      clearing_flow += r;
    } else if (std::fabs(c - through / 3600.0 * sim.model().dt_s) < 1e-6) {
      steady_red += 1;
      steady_flow += r;
    }
  }
  CAPTURE(expected);
  CAPTURE(steady_flow / steady_red);
  CHECK(steady_red > 300);
  CHECK(clearing_steps > 50);
  CHECK(clearing_flow == 0.0);
  CHECK(std::fabs(steady_flow / steady_red - expected) <= 0.05 * expected);
}

TEST_CASE("gap acceptance: a shared left-through lane discharges at HCM's shared-lane rate") {
  // One lane, 20% permitted lefts against 400 veh/h: each left takes 1/s_p, each through 1/s.
  test::FourLeg x = test::four_leg(NodeControl::signalized);
  Scenario& s = x.s;
  test::add_movement(x, "EBL", "W_C", "C_N", TurnType::left, 0);
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through, 0);
  test::node_c(s).lane_groups.push_back(LaneGroup{"EBLT", "W_C", {"EBL", "EBT"}, 1, 0});
  test::add_movement(x, "WBT", "E_C", "C_W", TurnType::through);
  test::add_flow(s, "W_C", 2500);  // more than the lane can take
  test::add_flow(s, "E_C", 400);
  s.demand.turns.push_back(ApproachTurns{"C", "W_C", false, {TurnShare{"EBL", {0.2}}, TurnShare{"EBT", {0.8}}}});
  test::set_plan(s, {test::stage({"WBT", "EBT"}, {"EBL"}, 90, 0, 0)});
  Simulation sim(s);
  sim.run();
  const double left_rate = hcm_gap_capacity(400, 4.5, 2.5);
  const double expected = 1.0 / (0.2 / left_rate + 0.8 / 1900.0);
  const double measured = measured_rate_veh_per_h(sim, "EBL") + measured_rate_veh_per_h(sim, "EBT");
  CAPTURE(expected);
  CAPTURE(measured);
  CHECK(std::fabs(measured - expected) <= 0.05 * expected);
  CHECK(measured_rate_veh_per_h(sim, "EBL") == doctest::Approx(0.2 * measured).epsilon(1e-6));
}

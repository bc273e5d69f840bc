// Actuated control through the engine, on the fluid detectors: the extension rule
// Σ (flow · P + occupancy) ≥ 1 of docs/signals.md, i.e. a single-lane detector extends while
// q > 1 / (P + t_occ), t_occ = (jam spacing + zone) / v (here 1 / (3 + 9.3 / 13.9) ≈ 980 veh/h).
#include <itsc/hcm.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>

#include "sim/actuated_scenario.hpp"
#include "sim/approach_builders.hpp"

using namespace itsc;
using namespace itsc::test;

namespace {

double first_or(const std::vector<double>& times, double none) { return times.empty() ? none : times.front(); }

}  // namespace

TEST_CASE("actuated engine: below the threshold flow the phase gaps out at min green, above it maxes out") {
  for (const double dt : {0.1, 1.0}) {
    CAPTURE(dt);
    ActuatedOptions options;
    options.dt_s = dt;
    options.flow_veh_per_h = {900};  // 0.25 · 3 + 0.25 · 0.67 = 0.92 < 1
    CHECK(first_or(onsets(actuated_approach(options), "EBT", Indication::yellow, 120), -1) == doctest::Approx(10.0));
    options.flow_veh_per_h = {1100};  // 0.306 · 3.67 = 1.12 ≥ 1
    CHECK(first_or(onsets(actuated_approach(options), "EBT", Indication::yellow, 120), -1) == doctest::Approx(60.0));
  }
}

TEST_CASE("actuated engine: gap-out a passage time after the flow at the detector drops - 0.1 s and 1 s agree") {
  // 1500 veh/h for 40 s, then 600 veh/h: the drop travels (L − setback) / v′ to the detector, then the
  // passage time runs out. Detectors report the step just moved, so the decision may lag one step.
  double at[2] = {0, 0};
  int k = 0;
  for (const double dt : {0.1, 1.0}) {
    CAPTURE(dt);
    ActuatedOptions options;
    options.dt_s = dt;
    options.interval_s = 20;
    options.flow_veh_per_h = {1500, 1500, 600};
    const Scenario scenario = actuated_approach(options);
    CompileOptions compile_options;
    compile_options.dt_s = dt;
    const Model model = compile(scenario, compile_options);
    const auto link = model.find_link("W_C");
    const double cell_speed = model.link_cell_length_m[link] / model.dt_s;
    const double expected = 40.0 + (options.approach_length_m - options.setback_m) / cell_speed + options.passage_s;
    at[k] = first_or(onsets(scenario, "EBT", Indication::yellow, 120), -1);
    CHECK(at[k] >= expected - 1e-9);
    CHECK(at[k] <= expected + 2 * dt + 1e-9);
    ++k;
  }
  CHECK(std::abs(at[0] - at[1]) <= 1.0 + 1e-9);
}

TEST_CASE("actuated engine: a phase without a call is skipped until its detector sees a vehicle") {
  for (const double dt : {0.1, 1.0}) {
    CAPTURE(dt);
    ActuatedOptions options;
    options.dt_s = dt;
    options.recall_4 = Recall::none;
    options.flow_veh_per_h = {600};
    options.interval_s = 100;
    options.cross_flow_veh_per_h = {0, 300};
    Simulation sim(actuated_approach(options));
    const auto sbt = sim.model().find_movement(sim.model().find_node("C"), "SBT");
    double first_call = -1;
    double first_green = -1;
    while (sim.time_s() < 300 - 1e-9 && first_green < 0) {
      sim.step();
      if (first_call < 0 && sim.state().detector_call[1] > 0.5) first_call = sim.time_s();
      if (is_green(sim.state().indication[sbt])) first_green = sim.time_s() - dt;  // from the step's start
    }
    // No vehicle before 100 s: no call, no green; then yellow (3 s) and red clearance (1 s) of phase 2,
    // which has been resting in green far past its min green without extension.
    CHECK(first_call > 100);
    REQUIRE(first_green > 0);
    CHECK(first_green >= first_call + 4.0 - 1e-9);
    CHECK(first_green <= first_call + 4.0 + dt + 1e-9);
  }
}

TEST_CASE("actuated engine: a batch equals single runs bit for bit") {
  ActuatedOptions options;
  options.interval_s = 60;
  options.cross_flow_veh_per_h = {200, 500};
  options.recall_4 = Recall::none;
  const Scenario scenario = actuated_approach(options);
  BatchSpec spec;
  spec.size = 3;
  const double flows[3] = {600, 1000, 1400};
  for (const double flow : flows) {
    Demand demand = scenario.demand;
    demand.entries[0].flow_veh_per_h = {flow};
    spec.demand.push_back(demand);
  }
  Simulation batch(scenario, {}, spec);
  batch.run_until(600);
  for (std::size_t b = 0; b < 3; ++b) {
    Scenario single = scenario;
    single.demand = spec.demand[b];
    Simulation one(single);
    one.run_until(600);
    for (std::size_t d = 0; d < 2; ++d) CHECK(batch.state().detector_passed_veh[d * 3 + b] == one.state().detector_passed_veh[d]);
    CHECK(batch.result(b).total_delay_veh_h == one.result().total_delay_veh_h);
    CHECK(batch.state().metrics.movement_departures_veh[b] == one.state().metrics.movement_departures_veh[0]);
  }
}

TEST_CASE("actuated engine: effective green starts l1 after the green onset and ends e into the yellow, as for fixed time") {
  // Both phases on max recall with Max1 = 41 s replay the fixed 41/3/1 + 41/3/1 plan: the capacity of
  // every step must be the fixed-time controller's, also where a change falls on a step boundary.
  for (const double dt : {1.0, 0.5}) {
    CAPTURE(dt);
    ActuatedOptions options;
    options.dt_s = dt;
    options.max1_s = 41;
    options.recall_4 = Recall::max;
    Scenario actuated = actuated_approach(options);
    actuated.timing["C"].rings->phases[0].recall = Recall::max;
    Scenario fixed = actuated;
    Timing plan;
    plan.cycle_s = 90;
    plan.stages = {test::stage({"EBT"}, {}, 41), test::stage({"SBT"}, {}, 41)};
    fixed.timing["C"] = plan;
    Simulation a(actuated);
    Simulation f(fixed);
    const auto m = a.model().find_movement(a.model().find_node("C"), "EBT");
    double largest_difference = 0;
    for (int k = 0; k < static_cast<int>(300 / dt); ++k) {
      a.step();
      f.step();
      largest_difference = std::max(largest_difference, std::abs(a.state().movement_capacity_veh[m] -
                                                                 f.state().movement_capacity_veh[m]));
    }
    CHECK(largest_difference == 0.0);
  }
}

TEST_CASE("actuated engine: HCM's overflow delay takes k from the phase's passage time, 0.5 on max recall") {
  // HCM 2000 Exhibit 16-13: an actuated group's random delay is smaller than a pretimed one's at the same X.
  ActuatedOptions options;
  options.flow_veh_per_h = {900};
  options.duration_s = 1800;
  const auto through = [](const SimulationResult& result) {
    for (const LaneGroupResult& group : result.intersections.at(0).lane_groups) {
      for (const MovementResult& movement : group.movements) {
        if (movement.id == "EBT") return group;
      }
    }
    FAIL("no lane group serves EBT");
    return LaneGroupResult{};
  };
  Scenario actuated = actuated_approach(options);
  const SimulationResult result = simulate(actuated);
  const double period_h = result.analysis_period_h;
  const LaneGroupResult group = through(result);
  const double x = group.degree_of_saturation;
  const double c = group.capacity_veh_per_h;
  REQUIRE(x > 0.5);
  REQUIRE(x < 1.0);
  const double k = hcm::actuated_k(x, options.passage_s);
  CHECK(k < 0.5);
  CHECK(group.overflow_delay_s_per_veh == doctest::Approx(hcm::overflow_delay_s(x, c, period_h, k)).epsilon(1e-12));
  CHECK(group.overflow_delay_s_per_veh < hcm::overflow_delay_s(x, c, period_h, 0.5));
  // On max recall the phase times as pretimed: k = 0.5.
  actuated.timing["C"].rings->phases[0].recall = Recall::max;
  const LaneGroupResult recalled = through(simulate(actuated));
  CHECK(recalled.overflow_delay_s_per_veh ==
        doctest::Approx(hcm::overflow_delay_s(recalled.degree_of_saturation, recalled.capacity_veh_per_h, period_h, 0.5))
            .epsilon(1e-12));
}

TEST_CASE("actuated engine: a right turn on red goes during its red, as under fixed time") {
  // EBT (phase 2, max recall, 40 s) and NBR (phase 4, min recall, min green 5 s, Max1 40 s) both enter
  // C_E; NBR may turn on red. With turn on red every all-red step of NBR shows red_turn_on_red and NBR
  // departs in them (in the gaps of the 500 veh/h through: most of its 100 vehicles); without, never.
  const auto scenario = [](bool turn_on_red) {
    test::FourLeg x = test::four_leg(NodeControl::signalized);
    Scenario& s = x.s;
    s.simulation.warmup_s = 0;
    s.simulation.duration_s = 900;
    test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through);
    test::add_movement(x, "NBR", "S_C", "C_E", TurnType::right);
    test::node_c(s).movements.back().right_turn_on_red = turn_on_red;
    test::add_flow(s, "W_C", 500);
    test::add_flow(s, "S_C", 400);
    ActuatedOptions o;
    o.min_green_s = 5;
    o.max1_s = 40;
    Timing timing;
    timing.cycle_s = 90;
    timing.controller = "actuated";
    RingPlan rings;
    rings.phases = {actuated_phase(2, "EBT", o), actuated_phase(4, "NBR", o)};
    rings.phases[0].recall = Recall::max;
    rings.phases[1].recall = Recall::min;
    rings.rings = {{{2, 4}}};
    timing.rings = rings;
    s.timing["C"] = timing;
    Detector w;
    w.id = "D_W";
    w.link = "W_C";
    w.setback_m = 30;
    w.length_m = 1.8;
    w.calls = {2};
    w.extends = {2};
    Detector n = w;
    n.id = "D_S";
    n.link = "S_C";
    n.calls = {4};
    n.extends = {4};
    s.network.detectors = {w, n};
    return s;
  };
  for (const bool turn_on_red : {false, true}) {
    CAPTURE(turn_on_red);
    Simulation sim(scenario(turn_on_red));
    const auto nbr = sim.model().find_movement(0, "NBR");
    test::FlowProbe right(sim, "NBR");
    int red_steps = 0, shown_on_red = 0, green_steps = 0;
    double on_red = 0, total = 0;
    while (sim.time_s() < sim.duration_s() - 1e-9) {
      sim.step();
      const double r = right.take();
      total += r;
      const Indication shown = sim.state().indication[nbr];
      if (is_green(shown)) ++green_steps;
      if (shown != Indication::red && shown != Indication::red_turn_on_red) continue;
      if (sim.state().green_tenths[nbr] > 0 || sim.state().yellow_tenths[nbr] > 0) continue;
      ++red_steps;
      if (shown == Indication::red_turn_on_red) ++shown_on_red;
      on_red += r;
    }
    CAPTURE(on_red);
    CAPTURE(total);
    CHECK(green_steps > 0);
    CHECK(red_steps > 500);
    CHECK(shown_on_red == (turn_on_red ? red_steps : 0));
    if (turn_on_red) {
      CHECK(on_red > 0.5 * total);
    } else {
      CHECK(on_red == 0.0);
    }
  }
}

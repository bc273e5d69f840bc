// Plans and saved states of a Simulation: a warm-up saved once and restored into many members runs
// as each member's own warm-up would, reset() is a fresh start, set_plan changes one member's plan at
// once or through the transition methods exactly as a time-of-day switch does.
#include <itsc/error.hpp>
#include <itsc/io.hpp>
#include <itsc/objective.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;
using itsc::test::check_same;

namespace {

Scenario small_grid() {
  test::GridOptions options;
  options.size = 3;
  options.left_bay_m = 15;
  options.right_turn_on_red = true;
  options.duration_s = 1500;
  options.warmup_s = 300;
  return test::grid(options);
}

// Plans of member b: splits shifted and offsets spread, different for each b.
std::vector<SignalPlan> variant(const Scenario& scenario, const Model& model, std::size_t b) {
  std::vector<SignalPlan> plans;
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    Timing timing = scenario.timing.at(model.node_id[model.signalized_nodes[s]]);
    timing.stages[0].green_s += static_cast<double>(b % 4) * 3;
    timing.stages[1].green_s -= static_cast<double>(b % 4) * 3;
    timing.offset_s = static_cast<double>((b * 17 + s * 11) % 90);
    plans.push_back(compile_plan(scenario, model, s, timing));
  }
  return plans;
}

std::string json_of(const Simulation& simulation, std::size_t b) { return to_json(simulation.result(b)); }

}  // namespace

TEST_CASE("restore_state: one warm-up copied into B members runs as each member's own warm-up") {
  const Scenario scenario = small_grid();
  for (const int threads : {1, 2}) {
    CAPTURE(threads);
    const std::size_t batch = threads == 1 ? 5 : 9;  // nine on two threads: parts of four and five
    Simulation warm(scenario);
    warm.run_until(600);
    const Simulation::Snapshot snapshot = warm.save_state();
    SimulateOptions options;
    options.threads = threads;
    Simulation candidates(scenario, options, BatchSpec{batch, {}, {}});
    candidates.restore_state(snapshot, 0, 0, batch);
    CHECK(candidates.time_s() == 600);
    for (std::size_t b = 0; b < batch; ++b) candidates.set_plan(b, variant(scenario, candidates.model(), b));
    candidates.run_until(1500);
    for (std::size_t b = 0; b < batch; ++b) {
      CAPTURE(b);
      // The member's own run: the same warm-up, then its plan from 600 s.
      Simulation own(scenario);
      own.run_until(600);
      own.set_plan(0, variant(scenario, own.model(), b));
      own.run_until(1500);
      check_same(candidates.state(), b, own.state());
      CHECK(json_of(candidates, b) == json_of(own, 0));
    }
    CHECK(json_of(candidates, 1) != json_of(candidates, 2));  // the plans matter
  }
}

TEST_CASE("restore_state: a saved batch restored runs again to the same bits") {
  const Scenario scenario = small_grid();
  const std::size_t batch = 4;
  Simulation simulation(scenario, SimulateOptions{}, BatchSpec{batch, {}, {}});
  for (std::size_t b = 0; b < batch; ++b) simulation.set_plan(b, variant(scenario, simulation.model(), b));
  simulation.run_until(500);
  const Simulation::Snapshot snapshot = simulation.save_state();
  simulation.run_until(1200);
  std::vector<std::string> first;
  for (std::size_t b = 0; b < batch; ++b) first.push_back(json_of(simulation, b));
  simulation.restore_state(snapshot);
  CHECK(simulation.time_s() == 500);
  simulation.run_until(1200);
  for (std::size_t b = 0; b < batch; ++b) CHECK(json_of(simulation, b) == first[b]);
}

TEST_CASE("restore_state refuses what it cannot restore") {
  const Scenario scenario = small_grid();
  Simulation warm(scenario);
  warm.run_until(300);
  const Simulation::Snapshot snapshot = warm.save_state();
  Simulation other(scenario, SimulateOptions{}, BatchSpec{3, {}, {}});
  // A whole-batch restore needs the same batch; some members only at the same clock.
  CHECK_THROWS_AS(other.restore_state(snapshot), Error);
  CHECK_THROWS_WITH_AS(other.restore_state(snapshot, 0, 1, 1),
                       doctest::Contains("restore every member or none"), Error);
  CHECK_THROWS_AS(other.restore_state(snapshot, 1, 0, 3), Error);  // no member 1 in the snapshot
  CHECK_THROWS_AS(other.restore_state(snapshot, 0, 2, 2), Error);  // members 2 and 3 of 3
  test::GridOptions larger;
  larger.size = 4;
  Simulation foreign(test::grid(larger));
  CHECK_THROWS_WITH_AS(foreign.restore_state(snapshot, 0, 0, 1), doctest::Contains("another model"), Error);
}

TEST_CASE("reset: back to time zero is a fresh Simulation with the plans in force") {
  const Scenario scenario = small_grid();
  Simulation simulation(scenario, SimulateOptions{}, BatchSpec{2, {}, {}});
  simulation.run_until(700);
  simulation.set_plan(1, variant(scenario, simulation.model(), 3));
  simulation.run_until(900);
  simulation.reset();
  CHECK(simulation.time_s() == 0);
  simulation.run();
  Simulation fresh(scenario, SimulateOptions{}, BatchSpec{2, {}, {}});
  fresh.set_plan(1, variant(scenario, fresh.model(), 3));
  fresh.run();
  for (std::size_t b = 0; b < 2; ++b) {
    check_same(simulation.state(), b, fresh.state(), b);
    CHECK(json_of(simulation, b) == json_of(fresh, b));
  }
}

TEST_CASE("set_plan at once: the member plays the new plan in step with its offset") {
  const Scenario scenario = small_grid();
  Simulation changed(scenario, SimulateOptions{}, BatchSpec{2, {}, {}});
  changed.run_until(450);
  const auto plans = variant(scenario, changed.model(), 2);
  changed.set_plan(1, plans);
  // A simulation that ran the new plan from the start shows the same indications from now on.
  Simulation planned(scenario);
  planned.set_plan(0, plans);
  planned.run_until(450);
  const std::size_t movements = changed.model().movement_count();
  for (int step = 0; step < 300; ++step) {
    changed.step();
    planned.step();
    for (std::size_t m = 0; m < movements; ++m) {
      REQUIRE(changed.state().indication[m * 2 + 1] == planned.state().indication[m]);
      REQUIRE(changed.state().green_tenths[m * 2 + 1] == planned.state().green_tenths[m]);
    }
  }
  CHECK(changed.plans().plan(0, 1) == plans[0]);
  CHECK(changed.plans().plan(0, 0) != plans[0]);  // member 0 kept its plan
}

TEST_CASE("set_plan through a transition method ends at the new offsets as a time-of-day switch does") {
  // data/isolated.yaml starts at 16:45; the same switch at 17:00 (900 s) from the schedule and from set_plan.
  const Scenario base = load_scenario_file(ITSC_SOURCE_DIR "/data/isolated.yaml").scenario;
  Timing evening = base.timing.at("C");
  evening.cycle_s = 120;
  evening.offset_s = 100;
  evening.stages.at(1).green_s += 30;
  for (const TransitionMethod method : {TransitionMethod::shortway, TransitionMethod::add_only, TransitionMethod::dwell}) {
    CAPTURE(to_string(method));
    Scenario scheduled = base;
    scheduled.patterns["evening"].timing["C"] = evening;
    scheduled.schedule = {ScheduleEntry{17 * 3600, "evening", method}};
    Simulation by_schedule(scheduled);
    by_schedule.run();
    Simulation by_call(base);
    by_call.run_until(900);
    const SignalPlan plan = compile_plan(base, by_call.model(), 0, evening);
    by_call.set_plan(0, {&plan, 1}, method);
    by_call.run();
    std::size_t local = 0;
    const auto& fixed_schedule = dynamic_cast<const FixedTimeController&>(by_schedule.controller(0, 0, local));
    const auto& fixed_call = dynamic_cast<const FixedTimeController&>(by_call.controller(0, 0, local));
    REQUIRE(fixed_call.transitions().size() == 1);
    const TransitionPeriod& period = fixed_call.transitions().front();
    const TransitionPeriod& expected = fixed_schedule.transitions().front();
    CHECK(period.start_s == expected.start_s);
    CHECK(period.end_s == expected.end_s);
    CHECK(period.cycles == expected.cycles);
    CHECK(period.correction_s == expected.correction_s);
    CHECK(std::fmod(period.end_s - 100, 120) == 0);  // at the new offset
    check_same(by_call.state(), 0, by_schedule.state());
  }
}

TEST_CASE("set_plan refuses what it cannot do") {
  const Scenario scenario = small_grid();
  Simulation simulation(scenario, SimulateOptions{}, BatchSpec{2, {}, {}});
  const auto plans = variant(scenario, simulation.model(), 1);
  CHECK_THROWS_AS(simulation.set_plan(2, plans), Error);
  CHECK_THROWS_AS(simulation.set_plan(0, std::span(plans).first(1)), Error);
  SimulateOptions pressure;
  pressure.controller = "max-pressure";
  Simulation adaptive(scenario, pressure);
  CHECK_THROWS_WITH_AS(adaptive.set_plan(0, plans), doctest::Contains("cannot change one member's plan"), Error);
}

TEST_CASE("objective: the results' network delay, stops and throughput, weighted") {
  const Scenario scenario = small_grid();
  Simulation simulation(scenario, SimulateOptions{}, BatchSpec{2, {}, {}});
  simulation.set_plan(1, variant(scenario, simulation.model(), 3));
  simulation.run();
  for (std::size_t b = 0; b < 2; ++b) {
    const SimulationResult result = simulation.result(b);
    const Objective o = objective(simulation.model(), simulation.state(), simulation.demand(), b);
    CHECK(o.delay_veh_h == result.total_delay_veh_h);
    CHECK(o.stops == result.total_stops);
    CHECK(o.throughput_veh == result.measured_exited);
    CHECK(o.index == o.delay_veh_h);  // delay only by default
    const ObjectiveWeights weights{2.0, 0.01, 5.0, 0.001};
    const Objective w = objective(simulation.model(), simulation.state(), simulation.demand(), b, weights);
    CHECK(w.index == doctest::Approx(2 * o.delay_veh_h + 0.01 * o.stops + 5 * o.spillback_h - 0.001 * o.throughput_veh));
  }
  // Spill-back: none at these volumes, some when the entries bring three times as much.
  const Objective light = objective(simulation.model(), simulation.state(), simulation.demand(), 0);
  CHECK(light.spillback_h == 0);
  Scenario heavy = scenario;
  for (auto& entry : heavy.demand.entries) entry.flow_veh_per_h[0] *= 3;
  Simulation jammed(heavy);
  jammed.run();
  const Objective spilled = objective(jammed.model(), jammed.state(), jammed.demand(), 0);
  CHECK(spilled.spillback_h > 0);
  CHECK(spilled.delay_veh_h > light.delay_veh_h);
}

TEST_CASE("left-turn treatment per member: a batch of treatments runs as each treatment's own scenario") {
  // data/isolated.yaml: protected-permitted arterial lefts (stage 1 protected, stage 2 permitted).
  // Without its pedestrians: the turns' pedestrian factors are compiled from the scenario's own plan,
  // which members given other plans keep (docs/model.md, "Saturation flow").
  Scenario base = load_scenario_file(ITSC_SOURCE_DIR "/data/isolated.yaml").scenario;
  base.demand.pedestrians.clear();
  const Timing protected_permitted = base.timing.at("C");
  Timing protected_only = protected_permitted;
  protected_only.stages.at(1).serves.permitted_movements.clear();
  Timing permitted_only = protected_permitted;
  permitted_only.stages.at(1).green_s += permitted_only.stages.at(0).split_s();  // the same cycle
  permitted_only.stages.erase(permitted_only.stages.begin());
  const std::vector<Timing> treatments{protected_permitted, protected_only, permitted_only};

  BatchSpec spec{treatments.size(), {}, {}};
  for (const Timing& timing : treatments) spec.timing.push_back({{"C", timing}});
  Simulation batch(base, SimulateOptions{}, spec);
  batch.run();
  std::vector<double> left_capacity;
  for (std::size_t b = 0; b < treatments.size(); ++b) {
    CAPTURE(b);
    Scenario own = base;
    own.timing["C"] = treatments[b];
    Simulation single(own);
    single.run();
    check_same(batch.state(), b, single.state());
    CHECK(json_of(batch, b) == json_of(single, 0));
    left_capacity.push_back(batch.result(b).intersections.at(0).lane_groups.at(0).capacity_veh_per_h);  // EB_L
  }
  // Permitted green adds the gaps in the opposing flow to the protected green; a left that only
  // yields gets the gaps alone, fewer than the protected-permitted left gets in both parts.
  CHECK(left_capacity[0] > left_capacity[1]);
  CHECK(left_capacity[0] > left_capacity[2]);
}

TEST_CASE("restore_state under actuated and max-pressure control: a warm-up restored runs on as the original") {
  // data/isolated.yaml has the detectors actuated control needs.
  const Scenario scenario = load_scenario_file(ITSC_SOURCE_DIR "/data/isolated.yaml").scenario;
  for (const char* controller : {"actuated", "max-pressure", "max-pressure-cycle"}) {
    CAPTURE(controller);
    SimulateOptions options;
    options.controller = controller;
    Simulation warm(scenario, options);
    warm.run_until(1200);
    const Simulation::Snapshot snapshot = warm.save_state();
    // The copies ran ahead first, to other phases and timers: the restore must bring the controllers
    // back to the snapshot with the traffic.
    Simulation copies(scenario, options, BatchSpec{3, {}, {}});
    copies.run_until(1437);
    copies.restore_state(snapshot, 0, 0, 3);
    warm.run();
    copies.run();
    for (std::size_t b = 0; b < 3; ++b) {
      CAPTURE(b);
      check_same(copies.state(), b, warm.state());
      CHECK(json_of(copies, b) == json_of(warm, 0));
    }
  }
}

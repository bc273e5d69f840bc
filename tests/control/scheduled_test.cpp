// Time-of-day schedules: the transition from a 90 s to a 120 s plan by shortway, add-only and dwell
// takes the documented number of cycles and ends at the new offset; then the new plan runs exactly
// as the fixed-time controller plays it.
#include <itsc/controller.hpp>
#include <itsc/error.hpp>
#include <itsc/io.hpp>
#include <itsc/ring_plan.hpp>
#include <itsc/schedule.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "control/transition.hpp"
#include "support/diagnostics.hpp"

using namespace itsc;

namespace {

Timing two_stages(double cycle_s, double offset_s) {
  Timing timing;
  timing.cycle_s = cycle_s;
  timing.offset_s = offset_s;
  for (const char* movement : {"EBT", "SBT"}) {
    Stage stage;
    stage.serves.protected_movements = {movement};
    stage.green_s = cycle_s / 2 - 4;
    stage.yellow_s = 3;
    stage.red_clearance_s = 1;
    timing.stages.push_back(stage);
  }
  return timing;
}

IntersectionLayout layout() {
  IntersectionLayout l;
  l.movements = {"EBT", "SBT"};
  return l;
}

SignalPlan plan_of(const Timing& timing) { return compile_signal_plan(timing, layout()); }

// Indications of every tenth in [from, to).
std::vector<Indication> play(Controller& controller, Tenths from, Tenths to) {
  std::vector<Indication> indication(2), shown;
  std::vector<std::int32_t> green(2), yellow(2);
  const SignalCommand command{1, indication, green, yellow};
  for (Tenths t = from; t < to; ++t) {
    controller.step(t, 1, Observation{}, command);
    shown.push_back(indication[0]);
    shown.push_back(indication[1]);
  }
  return shown;
}

}  // namespace

TEST_CASE("schedule: a 90 s to 120 s transition takes the documented cycles and ends at the new offset") {
  // Switch requested at 1000 s; the 90 s plan's next cycle start is 1080 s. The 120 s plan (offset
  // 100 s) is then at local time (1080 − 100) mod 120 = 20 s: 20 s early or 100 s late.
  const Timing old_plan = two_stages(90, 0);
  const Timing new_plan = two_stages(120, 100);
  struct Case {
    TransitionMethod method;
    int cycles;
    double end_s;
    double correction_s;
  };
  // shortway: shorten by 20 s ≤ 17% × 120 = 20.4 s in one cycle (lengthening would take ⌈100/24⌉ = 5);
  // add-only: +100 s at ≤ 20% × 120 = 24 s per cycle: 5 cycles of 140 s; dwell: one cycle of 220 s.
  const Case cases[] = {{TransitionMethod::shortway, 1, 1180, -20},
                        {TransitionMethod::add_only, 5, 1780, 100},
                        {TransitionMethod::dwell, 1, 1300, 100}};
  for (const Case& c : cases) {
    CAPTURE(to_string(c.method));
    const NodeSwitch next{10000, plan_of(new_plan), "pm", c.method};
    const SignalPlan base = plan_of(old_plan);
    FixedTimeController controller({&base, 1}, layout(), {&next, 1});
    REQUIRE(controller.transitions().size() == 1);
    const TransitionPeriod& period = controller.transitions().front();
    CHECK(period.requested_s == 1000);
    CHECK(period.start_s == 1080);
    CHECK(period.cycles == c.cycles);
    CHECK(period.end_s == c.end_s);
    CHECK(period.correction_s == doctest::Approx(c.correction_s));
    CHECK(std::fmod(period.end_s - 100, 120) == 0);  // at the new offset
    // Before the start: the old plan; from the end: the new plan, tenth for tenth.
    FixedTimeController old_fixed({compile_interval_table(old_plan, layout().movements, {})});
    FixedTimeController new_fixed({compile_interval_table(new_plan, layout().movements, {})});
    CHECK(play(controller, 8000, 10800) == play(old_fixed, 8000, 10800));
    const auto end = static_cast<Tenths>(c.end_s * 10);
    CHECK(play(controller, end, end + 2400) == play(new_fixed, end, end + 2400));
    // Every transition cycle starts with stage 1's green; dwell holds it for 56 + 100 s.
    Tenths local = 0;
    for (Tenths t = 10800; t < end; ++t) {
      const IntervalTable& table = controller.table_at(t, 0, local);
      if (local == 0) CHECK(table.indication(table.interval_at(0), 0) == Indication::protected_green);
      if (c.method == TransitionMethod::dwell && t == 10800) CHECK(table.cycle == 2200);
    }
    if (c.method == TransitionMethod::dwell) {
      const auto shown = play(controller, 10800, 10800 + 1559);
      for (std::size_t i = 0; i < shown.size(); i += 2) CHECK(shown[i] == Indication::protected_green);
    }
  }
}

TEST_CASE("schedule: shortening never cuts a min green") {
  const Timing old_plan = two_stages(90, 0);
  Timing new_plan = two_stages(120, 100);
  // With min greens of 50 s the 120 s plan can lose at most 120 − 2·(50 + 4) = 12 s per cycle, so
  // shortway shortens 20 s in ⌈20/12⌉ = 2 cycles of 110 s.
  for (Stage& stage : new_plan.stages) stage.green_s = 56;
  RingPlan rings = ring_plan_of(new_plan);
  for (Phase& phase : rings.phases) phase.min_green_s = 50;
  new_plan.stages.clear();
  new_plan.rings = rings;
  const NodeSwitch next{10000, plan_of(new_plan), "pm", TransitionMethod::shortway};
  const SignalPlan base = plan_of(old_plan);
  FixedTimeController controller({&base, 1}, layout(), {&next, 1});
  const TransitionPeriod& period = controller.transitions().front();
  CHECK(period.cycles == 2);
  CHECK(period.end_s == 1080 + 220);
  Tenths local = 0;
  CHECK(controller.table_at(10800, 0, local).cycle == 1100);
  CHECK(controller.table_at(11900, 0, local).cycle == 1100);
}

TEST_CASE("schedule: keys and validation and the simulate report") {
  // data/isolated.yaml starts at 16:45 with a 90 s plan (offset 0); at 17:00 (900 s, a cycle start)
  // it switches to a 120 s version with offset 100 s, which is then at (900 − 100) mod 120 = 80 s:
  // add-only lengthens by 40 s in ⌈40/24⌉ = 2 cycles of 140 s, ending at 1180 s ≡ 100 (mod 120).
  Scenario scenario = load_scenario_file(ITSC_SOURCE_DIR "/data/isolated.yaml").scenario;
  Timing evening = scenario.timing.at("C");
  evening.cycle_s = 120;
  evening.offset_s = 100;
  evening.stages.at(1).green_s += 30;
  scenario.patterns["evening"].timing["C"] = evening;
  scenario.schedule = {ScheduleEntry{17 * 3600, "evening", TransitionMethod::add_only}};
  SUBCASE("saved and loaded back unchanged") {
    const std::string saved = save_scenario_string(scenario);
    INFO(saved.substr(std::min(saved.size(), saved.find("patterns:"))));
    CHECK(saved.find("schedule: [{at: \"17:00\", pattern: evening, transition: add_only}]\n") != std::string::npos);
    const LoadResult loaded = load_scenario_string(saved, "saved.yaml");
    CHECK(loaded.scenario.patterns == scenario.patterns);
    CHECK(loaded.scenario.schedule == scenario.schedule);
  }
  SUBCASE("simulate reports the transition (text and JSON)") {
    SimulateOptions options;
    options.duration_s = 1800;
    const SimulationResult result = simulate(scenario, options);
    REQUIRE(result.transitions.size() == 1);
    CHECK(result.transitions[0].node == "C");
    CHECK(result.transitions[0].start_s == 900);
    CHECK(result.transitions[0].cycles == 2);
    CHECK(result.transitions[0].end_s == 1180);
    const std::string json = to_json(result);
    CHECK(json.find("\"pattern\": \"evening\",\n      \"method\": \"add_only\",\n      \"requested_s\": 900.0,\n"
                    "      \"start_s\": 900.0,\n      \"end_s\": 1180.0,\n      \"cycles\": 2,\n") != std::string::npos);
    CHECK(to_text(result).find("evening      add_only requested 900.0 s, from 900.0 s to 1180.0 s: 2 cycle(s), +40.0 s") !=
          std::string::npos);
  }
  SUBCASE("an unknown pattern and switches out of order are errors with their key paths") {
    scenario.schedule.push_back(ScheduleEntry{16 * 3600 + 50 * 60, "am", TransitionMethod::dwell});
    CHECK(test::reports_error(scenario, "schedule[1].pattern: unknown pattern 'am' (known: evening)"));
    CHECK(test::reports_error(scenario, "schedule[1].at: switches must be in time order from start_time: this one is "
                                        "300 s after the start, the one before 900 s"));
  }
  SUBCASE("a pattern runs fixed-time plans") {
    scenario.patterns["evening"].timing["C"].controller = "max-pressure";
    CHECK(test::reports_error(scenario, "patterns.evening.timing.C.controller: a pattern runs a fixed-time plan "
                                        "(transitions are between coordinated plans), got 'max-pressure'"));
  }
}

TEST_CASE("schedule: a shortened cycle takes the time from the barrier groups that have slack") {
  // Group 1: phase 1, split 30 s with a 26 s min green (no slack); group 2: phase 2, split 90 s.
  Timing timing;
  timing.cycle_s = 120;
  RingPlan plan;
  for (const auto& [number, split] : {std::pair{1, 30.0}, std::pair{2, 90.0}}) {
    Phase phase;
    phase.number = number;
    phase.split_s = split;
    phase.yellow_s = 3;
    phase.red_clearance_s = 1;
    plan.phases.push_back(phase);
  }
  plan.phases[0].min_green_s = 26;
  plan.rings = {{{1}, {2}}};
  timing.rings = plan;
  const Timing shorter = detail::stretched_timing(timing, 1000, false);
  CHECK(shorter.cycle_s == 100);
  CHECK(shorter.rings->phases[0].split_s == 30);
  CHECK(shorter.rings->phases[1].split_s == 70);
  // Lengthened, both groups grow with their length: 30 → 35, 90 → 105.
  const Timing longer = detail::stretched_timing(timing, 1400, false);
  CHECK(longer.rings->phases[0].split_s == 35);
  CHECK(longer.rings->phases[1].split_s == 105);
}

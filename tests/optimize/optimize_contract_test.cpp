// What every optimization promises: valid options or a clear error, plans that keep the timing rules and
// load as plan files, never worse than the scenario's plan, the same bits whatever the thread count, and
// better than the Webster baseline on a grid.
#include <doctest/doctest.h>
#include <itsc/analyze.hpp>
#include <itsc/error.hpp>
#include <itsc/generate.hpp>
#include <itsc/io.hpp>
#include <itsc/optimize.hpp>
#include <itsc/plan.hpp>
#include <itsc/ring_plan.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "model/signal_phases.hpp"
#include "optimize/optimizer_support.hpp"

namespace itsc {

namespace {

// The baseline of the grid's floor: a common cycle equal to the largest Webster cycle among the
// intersections (whole seconds, within the optimizer's default bounds, and at least what the pedestrian
// and minimum greens need), Webster splits at each, zero offsets — from the closed-form analysis alone.
Scenario webster_baseline(Scenario scenario) {
  const OptimizeOptions defaults;
  double cycle = defaults.cycle_min_s;
  for (const SignalAnalysis& signal : analyze(scenario).signals) {
    cycle = std::max(cycle, std::round(signal.webster_cycle_s.value_or(defaults.cycle_max_s)));
    double minimum = 0;  // stage plans: one ring
    for (const PhaseAnalysis& phase : signal.phases) minimum += phase.min_split_s;
    cycle = std::max(cycle, std::ceil(minimum));
  }
  cycle = std::min(cycle, defaults.cycle_max_s);
  // Every plan at that cycle (greens scaled), then Webster's splits of the analysis at it.
  for (auto& [node, timing] : scenario.timing) {
    double green = 0;
    for (const Stage& stage : timing.stages) green += stage.green_s;
    const double scale = (cycle - (timing.cycle_s - green)) / green;
    double given = 0;
    for (std::size_t i = 0; i + 1 < timing.stages.size(); ++i) {
      timing.stages[i].green_s = std::round(timing.stages[i].green_s * scale * 10) / 10;
      given += timing.stages[i].split_s();
    }
    timing.stages.back().green_s = cycle - given - timing.stages.back().yellow_s - timing.stages.back().red_clearance_s;
    timing.cycle_s = cycle;
    timing.offset_s = 0;
  }
  for (const SignalAnalysis& signal : analyze(scenario).signals) {
    Timing& timing = scenario.timing.at(signal.node);
    for (std::size_t i = 0; i < timing.stages.size(); ++i) {
      const Stage& stage = timing.stages[i];
      timing.stages[i].green_s = *signal.phases[i].webster_split_s - stage.yellow_s - stage.red_clearance_s;
    }
  }
  return scenario;
}

// Every returned timing keeps the rules: validation passes, each split at least its minimum green (or
// walk + pedestrian clearance) plus clearances and at most its Max1 plus clearances, and the plan
// survives a plan file.
void check_rules(const Scenario& scenario, const OptimizeResult& result) {
  const Scenario planned = test::with_timing(scenario, result.timing);
  for (const Diagnostic& d : validate(planned)) {
    CAPTURE(d.to_string());
    CHECK(d.severity != Severity::error);
  }
  const Model model = compile(planned);
  const PlanSet plans = compile_plans(planned, model, 1);
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    const detail::SignalPhases phases = detail::signal_phases(model, s, plans.plan(s, 0).timing);
    for (std::size_t p = 0; p < phases.plan.phases.size(); ++p) {
      CHECK(phases.plan.phases[p].split_s >= phases.min_split_s[p] - 1e-9);
      CHECK(phases.plan.phases[p].split_s <= phases.max_split_s[p] + 1e-9);
    }
  }
  const Plan reloaded = load_plan_string(save_plan_string(Plan{result.timing}), scenario);
  CHECK(reloaded.timing == result.timing);
  CHECK(result.summary.after.index <= result.summary.before.index);
  if (result.summary.degree_of_saturation_met) CHECK(result.summary.max_degree_of_saturation <= 0.95);
}

}  // namespace

TEST_CASE("optimize: invalid options are refused with what is wrong") {
  const Scenario scenario = generate_corridor({});
  OptimizeOptions options;
  options.cycle_min_s = 120;
  options.cycle_max_s = 60;
  CHECK_THROWS_WITH_AS((void)optimize(scenario, options),
                       doctest::Contains("the longest cycle (60 s) must be at least the shortest (120 s)"), Error);
  options = {};
  options.batch = 0;
  CHECK_THROWS_WITH_AS((void)optimize(scenario, options), doctest::Contains("batch"), Error);
  options = {};
  options.max_degree_of_saturation = std::nan("");
  CHECK_THROWS_WITH_AS((void)optimize(scenario, options), doctest::Contains("degree of saturation"), Error);
  options = {};
  options.coupling_index_min = -1;
  CHECK_THROWS_WITH_AS((void)optimize(scenario, options), doctest::Contains("coupling index"), Error);
  CHECK(OptimizeOptions{}.check().empty());
}

TEST_CASE("optimize: every returned plan keeps the timing rules (random generated scenarios)") {
  std::mt19937 random(20261207);
  std::uniform_int_distribution<int> signals(2, 4);
  std::uniform_real_distribution<double> flow(150, 1300), share(0, 0.25), spacing(150, 500);
  for (int trial = 0; trial < 7; ++trial) {
    Scenario scenario;
    if (trial % 2 == 0) {
      CorridorOptions o;
      o.signals = signals(random);
      o.spacing_m = trial == 6 ? 1000 : spacing(random);  // 1 km: signals in cycle groups of their own
      o.main_entry_veh_per_h = flow(random);
      o.side_entry_veh_per_h = flow(random) / 2;
      o.left_share = share(random);
      o.right_share = share(random);
      o.one_way = trial == 2;
      o.leading_left = trial != 4;
      o.bay_length_m = trial == 4 ? 0 : 60;
      scenario = generate_corridor(o);
    } else {
      GridOptions o;
      o.rows = 2;
      o.columns = signals(random);
      o.spacing_m = spacing(random);
      o.main_entry_veh_per_h = flow(random);
      o.side_entry_veh_per_h = flow(random) / 2;
      o.left_share = share(random);
      o.right_share = share(random);
      o.one_way = trial == 3;
      scenario = generate_grid(o);
    }
    scenario.simulation.duration_s = 1800;
    OptimizeOptions options;
    options.max_evaluations = 40;
    options.batch = 8;
    options.cycle_policy = trial == 5 ? CyclePolicy::per_node : trial >= 4 ? CyclePolicy::groups : CyclePolicy::common;
    options.optimize_sequence = trial % 2 == 0;
    CAPTURE(trial);
    check_rules(scenario, optimize(scenario, options));
  }
}

TEST_CASE("optimize: splits stay within Max1, and the summary names the phases held there") {
  // HCM's chapter 31 example: its north-south through phases (4 and 8, Max1 50 s) need more green
  // than their maximum allows at the demand's volumes.
  const Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/tests/data/hcm_ch31_example1.yaml").scenario;
  const OptimizeResult result = optimize(scenario);
  check_rules(scenario, result);
  REQUIRE(result.summary.signals.size() == 1);
  CHECK(result.summary.signals[0].phases_at_maximum == std::vector<int>{4, 8});
  for (const Phase& phase : result.timing.at("X").rings->phases) {
    if (phase.number == 4 || phase.number == 8) CHECK(phase.split_s == doctest::Approx(50 + *phase.yellow_s + *phase.red_clearance_s));
  }
}

TEST_CASE("optimize: never worse than the scenario's own plan") {
  CorridorOptions o;
  o.signals = 3;
  Scenario scenario = generate_corridor(o);
  scenario.simulation.warmup_s = 600;
  const OptimizeResult first = optimize(scenario);
  CHECK(first.summary.after.index < first.summary.before.index);
  CHECK_FALSE(first.summary.kept_scenario_plan);
  // From its own optimum, with one evaluation left: nothing better found, the plan is kept as it was.
  const Scenario optimized = test::with_timing(scenario, first.timing);
  OptimizeOptions options;
  options.max_evaluations = 1;
  const OptimizeResult second = optimize(optimized, options);
  CHECK(second.summary.stop_reason == StopReason::max_evaluations);
  CHECK(second.summary.after.index <= second.summary.before.index);
  if (second.summary.kept_scenario_plan) CHECK(second.timing == optimized.timing);
}

TEST_SUITE("threaded") {
TEST_CASE("optimize: the same result with 1 and 2 threads") {
  CorridorOptions o;
  o.signals = 3;
  const Scenario scenario = generate_corridor(o);
  OptimizeOptions options;
  options.max_evaluations = 64;
  options.threads = 1;
  const OptimizeResult one = optimize(scenario, options);
  options.threads = 2;
  const OptimizeResult two = optimize(scenario, options);
  CHECK(one.timing == two.timing);
  CHECK(one.summary.evaluations == two.summary.evaluations);
  CHECK(one.summary.best_search_objective == two.summary.best_search_objective);
  CHECK(one.summary.after.index == two.summary.after.index);
  REQUIRE(one.summary.curve.size() == two.summary.curve.size());
  for (std::size_t i = 0; i < one.summary.curve.size(); ++i) {
    CHECK(one.summary.curve[i].objective == two.summary.curve[i].objective);
  }
}
}

TEST_SUITE("slow") {
TEST_CASE("optimize: a grid beats the Webster baseline") {
#ifdef ITSC_SANITIZED
  GridOptions o;
  o.rows = 3;
  o.columns = 3;
  const Scenario scenario = generate_grid(o);
#else
  const Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/grid6x6.yaml").scenario;
#endif
  OptimizeOptions options;
  options.threads = 2;
  const OptimizeResult result = optimize(scenario, options);
  const double baseline = test::whole_run(webster_baseline(scenario)).index;
  CAPTURE(baseline);
  CAPTURE(result.summary.after.index);
  CHECK(result.summary.after.index < baseline);
  CHECK(result.summary.best_search_objective < result.summary.webster_search_objective);
  CHECK(result.summary.stop_reason == StopReason::converged);
}
}

}  // namespace itsc

namespace itsc {

TEST_CASE("optimize: an actuated signal is timed and returned as a fixed-time plan that reproduces the summary") {
  const Scenario scenario =
      load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/tests/data/hcm_ch31_example1.yaml").scenario;
  REQUIRE(scenario.timing.at("X").controller == "actuated");
  OptimizeOptions options;
  options.max_evaluations = 48;
  const OptimizeResult result = optimize(scenario, options);
  CHECK(result.summary.timed_as_fixed == std::vector<std::string>{"X"});
  CHECK(result.timing.at("X").controller == "fixed");
  CHECK(test::whole_run(test::with_timing(scenario, result.timing)).index ==
        doctest::Approx(result.summary.after.index).epsilon(1e-12));
}

}  // namespace itsc

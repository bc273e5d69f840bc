// Evaluating candidate plans as an optimizer does: the pinned grid (data/grid6x6.yaml, 36 signals) warmed
// up once for 900 s and saved; then per iteration a batch of B candidates (random splits and offsets,
// compiled from timings) restored from the saved state, run 300 s and scored with `objective`.
// `candidates/s` counts whole candidates. `plan_set` times setting a new plan for every member alone.
#include <cmath>
#include <random>
#include <vector>

#include <itsc/objective.hpp>

#include "bench_support.hpp"

namespace {

constexpr double kWarmupS = 900;
constexpr double kEvaluationS = 300;

// The scenario's plan with the stages' greens redistributed (cycle kept) and a random offset.
itsc::Timing random_timing(const itsc::Timing& base, std::mt19937& random) {
  itsc::Timing timing = base;
  std::uniform_real_distribution<double> weight(0.7, 1.3);
  std::uniform_real_distribution<double> offset(0.0, base.cycle_s);
  double total = 0;
  double weighted = 0;
  std::vector<double> weights;
  for (const itsc::Stage& stage : timing.stages) {
    weights.push_back(weight(random) * stage.green_s);
    total += stage.green_s;
    weighted += weights.back();
  }
  double given = 0;
  for (std::size_t i = 0; i + 1 < timing.stages.size(); ++i) {
    timing.stages[i].green_s = std::round(total * weights[i] / weighted * 10) / 10;
    given += timing.stages[i].green_s;
  }
  timing.stages.back().green_s = std::round((total - given) * 10) / 10;  // the cycle stays whole
  timing.offset_s = std::round(offset(random) * 10) / 10;
  return timing;
}

struct Setup {
  itsc::Scenario scenario;
  std::shared_ptr<const itsc::Model> model;
  itsc::Simulation::Snapshot warm;
};

const Setup& setup() {
  static const Setup once = [] {
    Setup s;
    s.scenario = itsc::bench::bundled("grid6x6.yaml");
    s.scenario.simulation.warmup_s = kWarmupS;  // the objective measures the evaluation only
    itsc::Simulation warm(s.scenario);
    warm.run_until(kWarmupS);
    s.model = warm.shared_model();
    s.warm = warm.save_state();
    return s;
  }();
  return once;
}

void plan_evaluation(benchmark::State& bench) {
  const Setup& s = setup();
  const auto batch = static_cast<std::size_t>(bench.range(0));
  itsc::SimulateOptions options;
  options.threads = static_cast<int>(bench.range(1));
  itsc::Simulation simulation(s.model, itsc::compile_demand(*s.model, s.scenario.demand, batch),
                              itsc::compile_plans(s.scenario, *s.model, batch), options);
  std::mt19937 random(2026);
  std::vector<itsc::SignalPlan> plans(s.model->signal_count());
  double best = 0;
  for (auto _ : bench) {
    simulation.restore_state(s.warm, 0, 0, batch);
    for (std::size_t b = 0; b < batch; ++b) {
      for (std::size_t n = 0; n < plans.size(); ++n) {
        const std::string& node = s.model->node_id[s.model->signalized_nodes[n]];
        plans[n] = itsc::compile_plan(s.scenario, *s.model, n, random_timing(s.scenario.timing.at(node), random));
      }
      simulation.set_plan(b, plans);
    }
    simulation.run_until(kWarmupS + kEvaluationS);
    for (std::size_t b = 0; b < batch; ++b) {
      const itsc::Objective o = itsc::objective(simulation.model(), simulation.state(), simulation.demand(), b);
      best = b == 0 ? o.index : std::min(best, o.index);
    }
    benchmark::DoNotOptimize(best);
  }
  const auto candidates = static_cast<double>(bench.iterations() * bench.range(0));
  bench.counters["candidates/s"] = benchmark::Counter(candidates, benchmark::Counter::kIsRate);
}

// A new (precompiled) plan for every member, at once: what switching the batch's candidates costs.
void plan_set(benchmark::State& bench) {
  const Setup& s = setup();
  const auto batch = static_cast<std::size_t>(bench.range(0));
  itsc::Simulation simulation(s.model, itsc::compile_demand(*s.model, s.scenario.demand, batch),
                              itsc::compile_plans(s.scenario, *s.model, batch));
  simulation.restore_state(s.warm, 0, 0, batch);
  std::mt19937 random(2026);
  std::vector<std::vector<itsc::SignalPlan>> pool(2);
  for (auto& plans : pool) {
    for (std::size_t n = 0; n < s.model->signal_count(); ++n) {
      const std::string& node = s.model->node_id[s.model->signalized_nodes[n]];
      plans.push_back(itsc::compile_plan(s.scenario, *s.model, n, random_timing(s.scenario.timing.at(node), random)));
    }
  }
  std::size_t round = 0;
  for (auto _ : bench) {
    for (std::size_t b = 0; b < batch; ++b) simulation.set_plan(b, pool[(round + b) % 2]);
    ++round;
  }
  bench.counters["members/s"] = benchmark::Counter(static_cast<double>(bench.iterations() * bench.range(0)),
                                                   benchmark::Counter::kIsRate);
}

}  // namespace

// Arguments: B, threads.
BENCHMARK(plan_evaluation)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{1, 16, 64}, {1, 2}})->ArgNames({"B", "T"})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(plan_set)->Apply(itsc::bench::best_and_worst)->Arg(64)->ArgNames({"B"})->Unit(benchmark::kMicrosecond);

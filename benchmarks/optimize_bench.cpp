// The optimizer's speed: candidate plans scored per second by its evaluator (a batch of 16 candidates,
// random offsets and split moves around the scenario's plan, restored from one warm-up) on the search's
// short horizon (one settling and three measured cycles) and over the scenario's whole run; and one
// whole optimization of the pinned grid, with its improvement over the Webster start.
#include <itsc/optimize.hpp>
#include <itsc/plan.hpp>

#include <memory>
#include <random>
#include <vector>

#include "bench_support.hpp"
#include "itsc/analyze.hpp"
#include "optimize/evaluator.hpp"
#include "optimize/signal_space.hpp"

namespace {

constexpr std::size_t kBatch = 16;
const char* const kScenarios[] = {"isolated.yaml", "corridor.yaml", "grid6x6.yaml"};

struct Setup {
  itsc::Scenario scenario;
  std::unique_ptr<itsc::Model> model;  // the spaces' (they keep a pointer to it)
  std::vector<itsc::detail::SignalSpace> spaces;
  itsc::detail::Decision start;
};

Setup setup(const char* file) {
  Setup s;
  s.scenario = itsc::bench::bundled(file);
  s.model = std::make_unique<itsc::Model>(itsc::compile(s.scenario));
  const itsc::Model& model = *s.model;
  const itsc::PlanSet plans = itsc::compile_plans(s.scenario, model, 1);
  const std::vector<double> volumes = itsc::demand_volumes(model, itsc::compile_demand(model, s.scenario.demand, 1));
  for (std::size_t n = 0; n < model.signal_count(); ++n) {
    s.spaces.emplace_back(model, n, plans.plan(n, 0).timing, volumes);
    s.start.push_back(s.spaces.back().decision_of(plans.plan(n, 0).timing));
  }
  return s;
}

// Candidates as the search makes them: one signal's offset or split moved.
std::vector<itsc::detail::Decision> candidates(const Setup& s, std::mt19937& random) {
  std::vector<itsc::detail::Decision> result;
  std::uniform_int_distribution<std::size_t> signal(0, s.spaces.size() - 1);
  while (result.size() < kBatch) {
    itsc::detail::Decision d = s.start;
    const std::size_t n = signal(random);
    const auto moves = s.spaces[n].moves(d[n], 20);
    if (result.size() % 2 == 0 || moves.empty()) {
      d[n].offset = std::uniform_int_distribution<itsc::Tenths>(0, d[n].cycle - 1)(random);
    } else if (auto moved = s.spaces[n].applied(d[n], moves[random() % moves.size()])) {
      d[n] = *moved;
    }
    result.push_back(std::move(d));
  }
  return result;
}

// Arguments: scenario, horizon (0 short, 1 whole run), threads.
void optimizer_evaluations(benchmark::State& bench) {
  const Setup s = setup(kScenarios[bench.range(0)]);
  itsc::detail::Evaluator evaluator(s.scenario, {s.scenario.demand}, s.spaces, {}, kBatch,
                                    static_cast<int>(bench.range(2)));
  const double cycle_s = static_cast<double>(s.start.front().cycle) / 10.0;
  if (bench.range(1) == 0) {
    evaluator.warm_up(s.start, 900, cycle_s, 3 * cycle_s);
  } else {
    const double warmup_s = s.scenario.simulation.warmup_s;
    evaluator.warm_up(s.start, 0, warmup_s, s.scenario.simulation.duration_s.value_or(3600) - warmup_s);
  }
  std::mt19937 random(2026);
  const std::vector<itsc::detail::Decision> batch = candidates(s, random);
  std::vector<double> index(batch.size());
  for (auto _ : bench) {
    evaluator.evaluate(batch, index);
    benchmark::DoNotOptimize(index.data());
  }
  bench.counters["plans/s"] = benchmark::Counter(static_cast<double>(bench.iterations() * kBatch),
                                                 benchmark::Counter::kIsRate);
}

// One optimization of the pinned grid with the default options: wall time, evaluations and the share of
// the Webster start's objective it removes (on the search horizon).
void optimize_grid(benchmark::State& bench) {
  const itsc::Scenario scenario = itsc::bench::bundled("grid6x6.yaml");
  itsc::OptimizeOptions options;
  options.threads = static_cast<int>(bench.range(0));
  itsc::OptimizeSummary summary;
  for (auto _ : bench) summary = itsc::optimize(scenario, options).summary;
  bench.counters["evaluations"] = static_cast<double>(summary.evaluations);
  bench.counters["plans/s"] = static_cast<double>(summary.evaluations) / summary.wall_time_s;
  bench.counters["gain_vs_webster"] = 1.0 - summary.best_search_objective / summary.webster_search_objective;
  bench.counters["whole_run_gain"] = 1.0 - summary.after.index / summary.before.index;
}

}  // namespace

BENCHMARK(optimizer_evaluations)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{0, 1, 2}, {0, 1}, {1, 2}})->ArgNames({"net", "whole", "T"})
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(optimize_grid)->Arg(2)->ArgNames({"T"})->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

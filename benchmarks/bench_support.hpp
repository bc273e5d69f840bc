#pragma once
// What every engine benchmark shares: the bundled scenarios and the counters docs/performance.md reports.
#include <benchmark/benchmark.h>

#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace itsc::bench {

/// A scenario bundled under data/ (grid6x6.yaml, corridor.yaml).
inline Scenario bundled(const std::string& file) {
  return load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/" + file).scenario;
}

/// Counters of `steps` steps of `simulation` over all iterations: cell-updates (one cell of one run
/// advanced one step; a batch of B counts B) as items and as `cell_upd/s`, lane-group steps
/// (`lg_steps/s`), simulated hours of single runs per second (`sim_h/s`) and its inverse, wall time per
/// run per simulated hour (`run_h_s`).
inline void count(benchmark::State& bench, const Simulation& simulation, double steps) {
  const Model& model = simulation.model();
  const auto batch = static_cast<double>(simulation.batch_size());
  const double cell_updates = steps * static_cast<double>(model.cell_count) * batch;
  const double run_hours = steps * model.dt_s / 3600.0 * batch;
  bench.SetItemsProcessed(static_cast<std::int64_t>(cell_updates));
  bench.counters["cells"] = static_cast<double>(model.cell_count);
  bench.counters["cell_upd/s"] = benchmark::Counter(cell_updates, benchmark::Counter::kIsRate);
  bench.counters["lg_steps/s"] = benchmark::Counter(
      steps * static_cast<double>(model.lane_group_count()) * batch, benchmark::Counter::kIsRate);
  bench.counters["sim_h/s"] = benchmark::Counter(run_hours, benchmark::Counter::kIsRate);
  bench.counters["run_h_s"] = benchmark::Counter(run_hours, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// Advances the simulation `steps` steps per iteration (one `run_until`, as a whole run does: a batch
/// on several threads runs its parts without meeting between steps) and counts them.
inline void run_steps(benchmark::State& bench, Simulation& simulation, int steps) {
  for (auto _ : bench) {
    simulation.run_until(simulation.time_s() + steps * simulation.model().dt_s);
    benchmark::DoNotOptimize(simulation.state().cell_veh.data());
  }
  count(bench, simulation, static_cast<double>(bench.iterations()) * steps);
}

/// Repetition aggregates beside mean, median and stddev: `min` (the best time; the worst rates) and `max`
/// (the best rates), since a shared machine only ever slows a run down.
inline void best_and_worst(benchmark::internal::Benchmark* bench) {
  bench->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); })
      ->ComputeStatistics("max", [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); });
}

}  // namespace itsc::bench

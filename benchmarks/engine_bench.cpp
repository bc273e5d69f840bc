// Engine throughput on a generated 6×6 grid (400 m spacing, 50 km/h, 2 lanes, C = 90 s, 700/400 veh/h
// entries, 15% left and right): cell-updates per second (one cell of one run advanced one step; a batch
// of B counts B) and simulated hours per second (also counted per run), at B = 1 and 8, 1 or 2 threads.
#include <benchmark/benchmark.h>

#include <itsc/simulate.hpp>

#include "../tests/sim/scenario_builders.hpp"

namespace {

void engine_grid6x6(benchmark::State& bench) {
  const auto batch = static_cast<std::size_t>(bench.range(0));
  const int threads = static_cast<int>(bench.range(1));
  itsc::test::GridOptions grid;
  grid.size = 6;
  grid.warmup_s = 0;
  itsc::SimulateOptions options;
  options.threads = threads;
  itsc::Simulation simulation(itsc::test::grid(grid), options, itsc::BatchSpec{batch, {}, {}});
  // Start from a loaded network, not an empty one.
  simulation.run_until(900);
  constexpr int kSteps = 900;
  for (auto _ : bench) {
    for (int i = 0; i < kSteps; ++i) simulation.step();
    benchmark::DoNotOptimize(simulation.state().cell_veh.data());
  }
  const double steps = static_cast<double>(bench.iterations()) * kSteps;
  const double cells = static_cast<double>(simulation.model().cell_count);
  bench.SetItemsProcessed(static_cast<std::int64_t>(steps * cells * static_cast<double>(batch)));
  bench.counters["cells"] = cells;
  bench.counters["lane_groups"] = static_cast<double>(simulation.model().lane_group_count());
  bench.counters["sim_h_per_s"] = benchmark::Counter(steps * simulation.model().dt_s / 3600.0 * static_cast<double>(batch),
                                                     benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(engine_grid6x6)->Args({1, 1})->Args({8, 1})->Args({8, 2})->Args({16, 1})->Args({16, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

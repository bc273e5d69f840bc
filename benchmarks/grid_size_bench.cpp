// How the cost grows with the network: grids of n × n signals from the library's generator (as
// `itsc generate grid --rows n --columns n`, otherwise the pinned grid's options), B = 8, one thread.
// Each iteration runs the same cycle (90 steps) from the network at the end of the warm-up (900 s, as
// engine_grid6x6: metrics accumulate from there): the generated grids keep loading for an hour, so
// iterations running on would measure a state that depends on how many of them Google Benchmark chose.
#include <itsc/generate.hpp>

#include "bench_support.hpp"

namespace {

void engine_grid_size(benchmark::State& bench) {
  itsc::GridOptions grid;
  grid.rows = static_cast<int>(bench.range(0));
  grid.columns = grid.rows;
  itsc::Simulation simulation(itsc::generate_grid(grid), itsc::SimulateOptions{},
                              itsc::BatchSpec{static_cast<std::size_t>(bench.range(1)), {}, {}});
  simulation.run_until(simulation.model().warmup_s);
  const itsc::State loaded = simulation.state();
  itsc::State state = loaded;
  constexpr int kSteps = 90;
  for (auto _ : bench) {
    bench.PauseTiming();
    state = loaded;  // the same sizes: no allocation
    bench.ResumeTiming();
    for (int i = 0; i < kSteps; ++i) {
      itsc::step(simulation.model(), state, simulation.demand(), simulation.controllers(), itsc::StepOptions{});
    }
    benchmark::DoNotOptimize(state.cell_veh.data());
  }
  itsc::bench::count(bench, simulation, static_cast<double>(bench.iterations()) * kSteps);
  bench.counters["lane_groups"] = static_cast<double>(simulation.model().lane_group_count());
}

}  // namespace

// Arguments: n (signals per side), B.
BENCHMARK(engine_grid_size)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{2, 4, 6, 10, 16, 20, 30}, {8}})->ArgNames({"n", "B"})->Unit(benchmark::kMillisecond)->UseRealTime();

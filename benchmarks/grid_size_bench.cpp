// How the cost grows with the network: grids of n × n signals from the library's generator (as
// `itsc generate grid --rows n --columns n`, otherwise the pinned grid's options), B = 8, one thread.
// Each iteration advances one cycle (90 steps) from a network loaded by 600 s of traffic.
#include <itsc/generate.hpp>

#include "bench_support.hpp"

namespace {

void engine_grid_size(benchmark::State& bench) {
  itsc::GridOptions grid;
  grid.rows = static_cast<int>(bench.range(0));
  grid.columns = grid.rows;
  itsc::Simulation simulation(itsc::generate_grid(grid), itsc::SimulateOptions{},
                              itsc::BatchSpec{static_cast<std::size_t>(bench.range(1)), {}, {}});
  simulation.run_until(600);
  itsc::bench::run_steps(bench, simulation, 90);
  bench.counters["lane_groups"] = static_cast<double>(simulation.model().lane_group_count());
}

}  // namespace

// Arguments: n (signals per side), B.
BENCHMARK(engine_grid_size)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{2, 4, 6, 10, 16, 20, 30}, {8}})->ArgNames({"n", "B"})->Unit(benchmark::kMillisecond)->UseRealTime();

// Engine throughput on the pinned benchmark grid data/grid6x6.yaml (Δt = 1 s) and the bundled corridor,
// node logic, the fixed-time controllers and metrics included: cell-updates, lane-group steps and
// simulated hours per second at B = 1, 4, 8, 16 members on 1 or 2 threads. Each iteration advances the
// batch 900 steps (a quarter hour) from a network loaded by 900 s of traffic.
#include "bench_support.hpp"

namespace {

constexpr int kSteps = 900;

void run_scenario(benchmark::State& bench, const itsc::Scenario& scenario) {
  itsc::SimulateOptions options;
  options.threads = static_cast<int>(bench.range(1));
  itsc::Simulation simulation(scenario, options, itsc::BatchSpec{static_cast<std::size_t>(bench.range(0)), {}, {}});
  simulation.run_until(900);
  itsc::bench::run_steps(bench, simulation, kSteps);
}

void engine_grid6x6(benchmark::State& bench) {
  static const itsc::Scenario scenario = itsc::bench::bundled("grid6x6.yaml");
  run_scenario(bench, scenario);
}

void engine_corridor(benchmark::State& bench) {
  static const itsc::Scenario scenario = itsc::bench::bundled("corridor.yaml");
  run_scenario(bench, scenario);
}

}  // namespace

// Arguments: B, threads.
BENCHMARK(engine_grid6x6)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{1, 4, 8, 16}, {1, 2}})->ArgNames({"B", "T"})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(engine_corridor)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{1, 8}, {1}})->ArgNames({"B", "T"})->Unit(benchmark::kMillisecond)->UseRealTime();

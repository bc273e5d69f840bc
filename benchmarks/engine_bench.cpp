// Engine throughput on the pinned benchmark grid data/grid6x6.yaml (Δt = 1 s) and the bundled corridor,
// node logic, the controllers (fixed time; actuated for the _actuated grid) and metrics included: cell-updates, lane-group steps and
// simulated hours per second at B = 1, 4, 8, 16 members on 1 or 2 threads. Each iteration advances the
// batch 900 steps (a quarter hour) from a network loaded by 900 s of traffic.
#include <array>
#include <string>

#include "bench_support.hpp"

namespace {

constexpr int kSteps = 900;

void run_scenario(benchmark::State& bench, const itsc::Scenario& scenario, itsc::Isa isa = itsc::Isa::best,
                  const std::string& controller = {}) {
  itsc::SimulateOptions options;
  options.threads = static_cast<int>(bench.range(1));
  options.isa = isa;
  options.controller = controller;
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

// The grid under actuated control: the detector pass with its random arrivals, the controllers' tenth
// by tenth timing and the phase statistics on top of the traffic.
void engine_grid6x6_actuated(benchmark::State& bench) {
  static const itsc::Scenario scenario = itsc::bench::bundled("grid6x6.yaml");
  run_scenario(bench, scenario, itsc::Isa::best, "actuated");
}

// The same grid on one thread with the passes of one instruction set (0 generic, 1 AVX2, 2 AVX-512);
// one this CPU lacks is skipped.
void engine_isa(benchmark::State& bench) {
  static const itsc::Scenario scenario = itsc::bench::bundled("grid6x6.yaml");
  const itsc::Isa isa = std::array{itsc::Isa::generic, itsc::Isa::avx2, itsc::Isa::avx512}[static_cast<std::size_t>(bench.range(2))];
  if (!itsc::isa_supported(isa)) {
    bench.SkipWithError("instruction set not supported here");
    return;
  }
  bench.SetLabel(std::string(itsc::isa_name(isa)));
  run_scenario(bench, scenario, isa);
}

}  // namespace

// Arguments: B, threads.
BENCHMARK(engine_grid6x6)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{1, 4, 8, 16}, {1, 2}})->ArgNames({"B", "T"})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(engine_grid6x6_actuated)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{1, 8}, {1}})->ArgNames({"B", "T"})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(engine_corridor)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{1, 8}, {1}})->ArgNames({"B", "T"})->Unit(benchmark::kMillisecond)->UseRealTime();
// Arguments: B, threads (1), instruction set.
BENCHMARK(engine_isa)->Apply(itsc::bench::best_and_worst)
    ->ArgsProduct({{1, 8, 16}, {1}, {0, 1, 2}})->ArgNames({"B", "T", "isa"})->Unit(benchmark::kMillisecond)->UseRealTime();

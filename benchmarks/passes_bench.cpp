// Where a step's time goes on data/grid6x6.yaml, one thread: each pass of the step timed on its own
// (the library's step runs the same calls without the clocks). Counters are shares of the step:
// `controller` (signal plans), `signals` (effective green, bays, gap acceptance), `nodes` (stop-line
// sending and merges), `cell_passes` (cell flows, entries and exits, then applying them with the metrics).
#include <chrono>

#include "bench_support.hpp"
#include "sim/kernel.hpp"

namespace {

using Clock = std::chrono::steady_clock;

void engine_passes(benchmark::State& bench) {
  static const itsc::Scenario scenario = itsc::bench::bundled("grid6x6.yaml");
  itsc::Simulation simulation(scenario, itsc::SimulateOptions{},
                              itsc::BatchSpec{static_cast<std::size_t>(bench.range(0)), {}, {}});
  simulation.run_until(900);
  // The passes run on a copy of the state, driven by the simulation's own controllers.
  const itsc::Model& model = simulation.model();
  const itsc::BatchDemand& demand = simulation.demand();
  itsc::State state = simulation.state();
  const itsc::detail::Passes& passes = itsc::detail::passes(itsc::Isa::best, state.batch);
  double seconds[4] = {0, 0, 0, 0};
  constexpr int kSteps = 900;
  for (auto _ : bench) {
    for (int i = 0; i < kSteps; ++i) {
      const itsc::detail::Block block = itsc::detail::step_block(model, state, demand);
      const auto t0 = Clock::now();
      itsc::detail::observe_and_control(model, state, demand, simulation.controllers(), block);
      const auto t1 = Clock::now();
      passes.signal_capacity(model, state, block);
      const auto t2 = Clock::now();
      passes.node_flows(model, state, demand, block);
      const auto t3 = Clock::now();
      passes.link_flows(model, state, demand, block);
      passes.update_links(model, state, demand, block);
      const auto t4 = Clock::now();
      itsc::detail::finish_step(model, state, block);
      seconds[0] += std::chrono::duration<double>(t1 - t0).count();
      seconds[1] += std::chrono::duration<double>(t2 - t1).count();
      seconds[2] += std::chrono::duration<double>(t3 - t2).count();
      seconds[3] += std::chrono::duration<double>(t4 - t3).count();
    }
    benchmark::DoNotOptimize(state.cell_veh.data());
  }
  const double total = seconds[0] + seconds[1] + seconds[2] + seconds[3];
  const char* names[4] = {"controller", "signals", "nodes", "cell_passes"};
  for (int k = 0; k < 4; ++k) bench.counters[names[k]] = total > 0 ? seconds[k] / total : 0.0;
  itsc::bench::count(bench, simulation, static_cast<double>(bench.iterations()) * kSteps);
}

}  // namespace

// Argument: B.
BENCHMARK(engine_passes)->Apply(itsc::bench::best_and_worst)
    ->Arg(1)->Arg(8)->Arg(16)->ArgName("B")->Unit(benchmark::kMillisecond)->UseRealTime();

// Offsets along corridors: on a one-way arterial the optimized offsets follow the travel times between
// the signals (a green wave) and take most stops away; on the bundled two-way corridor the optimizer is
// no worse than the best common offset increment of an exhaustive scan.
#include <doctest/doctest.h>
#include <itsc/generate.hpp>
#include <itsc/io.hpp>
#include <itsc/optimize.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "optimize/optimizer_support.hpp"

namespace itsc {

namespace {

std::string signal(int k) { return "r1c" + std::to_string(k); }

}  // namespace

TEST_CASE("optimize: one-way corridor, offsets follow the travel times") {
  // Five signals 300 m apart at 54 km/h (20 s between them), no turns: the best offsets give a green wave.
  CorridorOptions corridor;
  corridor.one_way = true;
  corridor.spacing_m = 300;
  corridor.speed_kmh = 54;
  corridor.left_share = 0;
  corridor.right_share = 0;
  Scenario scenario = generate_corridor(corridor);
  scenario.simulation.warmup_s = 900;
  OptimizeOptions options;
  options.optimize_cycle = false;   // equal splits and cycle everywhere: a sharp optimum
  options.optimize_splits = false;
  const OptimizeResult result = optimize(scenario, options);
  const Model model = compile(scenario);
  const double cycle = result.timing.at(signal(1)).cycle_s;
  for (int k = 1; k < corridor.signals; ++k) {
    const double travel_s =
        model.link_free_flow_time_s[model.find_link(signal(k) + "_" + signal(k + 1))];
    double gap = std::fmod(result.timing.at(signal(k + 1)).offset_s - result.timing.at(signal(k)).offset_s - travel_s,
                           cycle);
    if (gap > cycle / 2) gap -= cycle;
    if (gap <= -cycle / 2) gap += cycle;
    CAPTURE(k);
    CAPTURE(travel_s);
    CHECK(std::fabs(gap) <= 1.0);
  }
  // Against the same plan with every offset zero: at least 80 % fewer arterial stops downstream.
  std::map<std::string, Timing> zero = result.timing;
  for (auto& [node, timing] : zero) timing.offset_s = 0;
  const double optimized = test::arterial_stops(test::run_result(test::with_timing(scenario, result.timing)));
  const double unoffset = test::arterial_stops(test::run_result(test::with_timing(scenario, zero)));
  CAPTURE(optimized);
  CAPTURE(unoffset);
  CHECK(optimized <= 0.2 * unoffset);
  CHECK(result.summary.after.index <= result.summary.before.index);
}

TEST_SUITE("slow") {
TEST_CASE("optimize: bundled corridor, no worse than the best common offset increment") {
  const Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/corridor.yaml").scenario;
  const OptimizeResult result = optimize(scenario);
  const Scenario optimized = test::with_timing(scenario, result.timing);
  const double cycle = result.timing.at(signal(1)).cycle_s;
  // Every signal k (west to east) at offset k·Δ of the optimized cycle and splits, Δ over the cycle.
#ifdef ITSC_SANITIZED
  const double step_s = 10;
#else
  const double step_s = 1;
#endif
  BatchSpec batch;
  for (double increment = 0; increment < cycle; increment += step_s) {
    std::map<std::string, Timing> timing = result.timing;
    for (int k = 1; k <= 5; ++k) timing[signal(k)].offset_s = std::fmod(increment * (k - 1), cycle);
    batch.timing.push_back(std::move(timing));
  }
  batch.size = batch.timing.size();
  SimulateOptions run_options;
  run_options.threads = 2;
  Simulation simulation(optimized, run_options, batch);
  simulation.run();
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t b = 0; b < batch.size; ++b) {
    best = std::min(best, objective(simulation.model(), simulation.state(), simulation.demand(), b).index);
  }
  CAPTURE(best);
  CAPTURE(result.summary.after.index);
  CHECK(result.summary.after.index <= best);
}
}

}  // namespace itsc

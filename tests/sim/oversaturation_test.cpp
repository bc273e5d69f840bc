// At X = 1.2 the queue grows by (arrival − capacity)·C per cycle, the delay of the vehicles
// arriving during T matches deterministic queueing theory, and the overflow term is d2 minus its
// deterministic limit.
#include <itsc/hcm.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

TEST_CASE("oversaturation: the queue grows by (v − c)·C per cycle") {
  test::ApproachOptions options;
  options.approach_length_m = 1200;
  options.flow_veh_per_h = 1.2 * 950;
  options.duration_s = 30 * 90;
  Simulation simulation(test::isolated_approach(options));
  const double growth = (options.flow_veh_per_h - 950) / 3600.0 * 90;
  simulation.run_until(5 * 90);
  double before = simulation.state().metrics.entered_veh[0] - simulation.state().metrics.exited_veh[0];
  for (int cycle = 0; cycle < 20; ++cycle) {
    simulation.run_until((6 + cycle) * 90);
    const double now = simulation.state().metrics.entered_veh[0] - simulation.state().metrics.exited_veh[0];
    CAPTURE(cycle);
    CHECK(now - before == doctest::Approx(growth).epsilon(0.02));
    before = now;
  }
}

TEST_CASE("oversaturation: delay of the vehicles arriving during T = 0.25 h") {
  test::ApproachOptions options;
  options.approach_length_m = 1200;
  options.duration_s = 3600;
  Scenario scenario = test::isolated_approach(options);
  scenario.demand.interval_s = 900;
  scenario.demand.entries[0].flow_veh_per_h = {1.2 * 950, 0};
  // The theory starts the period at the start of (effective) red: the first arrivals reach the stop
  // line (after the discretized free-flow time) just as the effective green ends (green end + e).
  const Model model = compile(scenario);
  const double free_flow_s = model.link_free_flow_time_s[model.find_link("W_C")];
  scenario.timing["C"].offset_s = std::fmod(free_flow_s - (45 + 2) + 900, 90);
  Simulation simulation(scenario);
  simulation.run();
  const auto result = simulation.result();
  // Everyone served: the accumulated delay is the delay of the vehicles that arrived during T.
  CHECK(result.vehicles_inside + result.vehicles_waiting < 1e-6);
  const double theory = 0.5 * 90 * (1 - 0.5) + 1800 * 0.25 * (1.2 - 1);
  CHECK(result.uniform_delay_s_per_veh == doctest::Approx(theory).epsilon(0.05));
}

TEST_CASE("oversaturation: the reported overflow term is d2 − 1800·T·max(0, X − 1)") {
  test::ApproachOptions options;
  options.approach_length_m = 1200;
  options.flow_veh_per_h = 1.2 * 950;
  options.warmup_s = 450;
  options.duration_s = 450 + 900;
  Simulation simulation(test::isolated_approach(options));
  simulation.run();
  const SimulationResult result = simulation.result();
  const auto& group = test::group_of(result, "EBT");
  const double x = group.degree_of_saturation;
  CHECK(x == doctest::Approx(1.2).epsilon(0.01));
  const double expected = hcm::incremental_delay_s(x, group.capacity_veh_per_h, 0.25) - 1800 * 0.25 * (x - 1);
  CHECK(group.overflow_delay_s_per_veh == doctest::Approx(expected).epsilon(1e-12));
  CHECK(group.los == 'F');
}

// An empty link is crossed in exactly its discretized free-flow time, and with permanent green
// the delay is zero at X = 0.5 and X = 0.995, also on links whose cells round short or long.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include "sim/scenario_builders.hpp"

using namespace itsc;

TEST_CASE("free flow: a pulse crosses two links in exactly n_cells·Δt each") {
  for (const double length : {95.0, 400.0, 613.0}) {
    test::ApproachOptions options;
    options.approach_length_m = length;
    options.downstream_length_m = 95;
    options.permanent_green = true;
    Scenario scenario = test::isolated_approach(options);
    scenario.demand.interval_s = 1;
    scenario.demand.entries[0].flow_veh_per_h = {360, 0};  // 0.1 veh in the first step only
    Simulation simulation(scenario);
    const Model& model = simulation.model();
    const auto cells = model.link_cell_count[model.find_link("W_C")] + model.link_cell_count[model.find_link("C_E")];
    for (std::uint32_t i = 0; i < cells; ++i) simulation.step();
    CHECK(simulation.state().metrics.exited_veh[0] == 0.0);
    simulation.step();  // entered during step 0, leaves during step `cells`
    CHECK(simulation.state().metrics.exited_veh[0] == doctest::Approx(0.1).epsilon(1e-12));
  }
}

TEST_CASE("free flow: zero delay with permanent green at X = 0.5 and 0.995") {
  for (const double length : {95.0, 400.0}) {
    for (const double x : {0.5, 0.995}) {
      test::ApproachOptions options;
      options.approach_length_m = length;
      options.downstream_length_m = length;
      options.permanent_green = true;
      options.flow_veh_per_h = x * 1900;
      options.warmup_s = 300;
      options.duration_s = 3600;
      Simulation simulation(test::isolated_approach(options));
      simulation.run();
      const auto result = simulation.result();
      CAPTURE(length);
      CAPTURE(x);
      CHECK(result.measured_entered > 800);
      CHECK(result.uniform_delay_s_per_veh <= 1e-9);
      CHECK(result.total_stops <= 1e-9);
    }
  }
}

// A saturated lane group discharges saturation flow × lanes × effective green per cycle (± 1%),
// also with a short (95 m) link downstream.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

TEST_CASE("discharge: saturation flow × lanes × effective green per cycle") {
  for (const double downstream : {400.0, 95.0}) {
    for (const int lanes : {1, 2}) {
      test::ApproachOptions options;
      options.downstream_length_m = downstream;
      options.lanes = lanes;
      options.flow_veh_per_h = 1.5 * 950 * lanes;
      options.warmup_s = 450;
      options.duration_s = 450 + 10 * 90;
      Simulation simulation(test::isolated_approach(options));
      simulation.run();
      const SimulationResult result = simulation.result();
      const auto& group = test::group_of(result, "EBT");
      // HCM: s = s0 × N × f_LU (two through lanes carry unevenly: 0.952).
      const double s = 1900.0 * lanes * hcm::default_lane_utilization(hcm::GroupKind::through_or_shared, lanes);
      const double expected = s / 3600.0 * 45.0;
      CAPTURE(downstream);
      CAPTURE(lanes);
      CHECK(group.departures_veh / 10 == doctest::Approx(expected).epsilon(0.01));
      CHECK(group.saturation_flow_veh_per_h == doctest::Approx(s).epsilon(1e-12));
      CHECK(group.capacity_veh_per_h == doctest::Approx(s / 2).epsilon(0.01));
    }
  }
}

TEST_CASE("discharge: the scenario's start-up lost time and usable yellow set the effective green") {
  // Defaults l1 = e = 2 s give effective green = display green (45 s); l1 = 4.5 s and e = 1.5 s take 3 s off it.
  test::ApproachOptions options;
  options.flow_veh_per_h = 1.5 * 950;
  options.warmup_s = 450;
  options.duration_s = 450 + 10 * 90;
  Scenario scenario = test::isolated_approach(options);
  scenario.simulation.startup_lost_time_s = 4.5;
  scenario.simulation.usable_yellow_s = 1.5;
  Simulation simulation(scenario);
  simulation.run();
  const SimulationResult result = simulation.result();
  const auto& group = test::group_of(result, "EBT");
  CHECK(group.departures_veh / 10 == doctest::Approx(1900.0 / 3600.0 * 42.0).epsilon(0.01));
  CHECK(group.effective_green_share == doctest::Approx(42.0 / 90.0).epsilon(1e-9));
}

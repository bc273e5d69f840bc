// Rates do not depend on how long a run drains after its demand ends (a profile's empty last intervals):
// volumes, X, the HCM overflow term and throughput are taken over the demand's part of the measured
// period (`rate_period_s`).
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

SimulationResult run(double duration_s) {
  test::ApproachOptions options;
  options.flow_veh_per_h = 800;
  options.cross_flow_veh_per_h = 300;
  options.warmup_s = 0;  // every vehicle is measured: the drained run serves the whole demand
  options.duration_s = duration_s;
  Scenario s = test::isolated_approach(options);
  s.demand.interval_s = 1800;
  // Two half hours of demand, then an empty one to drain: the demand ends at 3600 s.
  s.demand.entries[0].flow_veh_per_h = {800, 800, 0};
  s.demand.entries[1].flow_veh_per_h = {300, 300, 0};
  SimulateOptions run_options;
  run_options.duration_s = duration_s;
  return simulate(s, run_options);
}

}  // namespace

TEST_CASE("rate period: an empty tail after the demand changes no volume, X or overflow term") {
  const SimulationResult hour = run(3600);
  const SimulationResult drained = run(5400);
  CHECK(hour.rate_period_s == 3600);
  CHECK(drained.rate_period_s == 3600);
  const LaneGroupResult& a = test::group_of(hour, "EBT");
  const LaneGroupResult& b = test::group_of(drained, "EBT");
  CHECK(a.volume_veh_per_h == doctest::Approx(800).epsilon(1e-9));
  CHECK(b.volume_veh_per_h == doctest::Approx(a.volume_veh_per_h).epsilon(1e-12));
  CHECK(b.capacity_veh_per_h == doctest::Approx(a.capacity_veh_per_h).epsilon(1e-12));
  CHECK(b.degree_of_saturation == doctest::Approx(a.degree_of_saturation).epsilon(1e-12));
  CHECK(b.overflow_delay_s_per_veh == doctest::Approx(a.overflow_delay_s_per_veh).epsilon(1e-12));
  // The drained run has served all the demand: its throughput is the demand's rate.
  CHECK(drained.vehicles_inside < 1e-6);
  CHECK(drained.throughput_veh_per_h == doctest::Approx(800 + 300).epsilon(1e-6));
}

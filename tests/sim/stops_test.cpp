// Stops per vehicle on an isolated approach within 2% of (1 − g/C)/(1 − y).
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

void check_stops(double x, double dt_s, double green_s) {
  test::ApproachOptions options;
  options.green_s = green_s;
  options.flow_veh_per_h = x * 1900.0 * 0.5;
  options.dt_s = dt_s;
  options.warmup_s = 5 * 90;
  options.duration_s = 15 * 90;
  Simulation simulation(test::isolated_approach(options));
  simulation.run();
  const auto result = simulation.result();
  const double y = options.flow_veh_per_h / 1900.0;
  const double expected = (1 - green_s / 90.0) / (1 - y);
  CAPTURE(x);
  CAPTURE(dt_s);
  CHECK(test::group_of(result, "EBT").stops_per_veh == doctest::Approx(expected).epsilon(0.02));
  CHECK(result.stops_per_veh == doctest::Approx(expected).epsilon(0.02));
}

}  // namespace

TEST_CASE("stops: (1 − g/C)/(1 − y) per vehicle, whole-second plan at Δt = 1 s") {
  for (const double x : {0.3, 0.6, 0.9}) check_stops(x, 1.0, 45);
}

TEST_CASE("stops: (1 − g/C)/(1 − y) per vehicle, 0.1 s plan at Δt = 0.5 s") {
  for (const double x : {0.3, 0.6, 0.9}) check_stops(x, 0.5, 44.7);
}

// Detectors on the fluid (docs/model.md, "Detectors"): count = the flow across the detector's edge,
// occupancy = vehicles over the zone × (jam spacing + zone) / zone, a call per whole vehicle crossed
// or while half a vehicle's occupancy is over the zone.
#include <itsc/error.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include "sim/detector_builders.hpp"

using namespace itsc;
using namespace itsc::test;

namespace {

// The fluid's flow, one call per whole vehicle.
Scenario with_detector(const ApproachOptions& options, double setback_m, double length_m) {
  return test::with_detector(options, setback_m, length_m, DetectorArrivals::uniform);
}

}  // namespace

TEST_CASE("detectors: free flow gives count q·Δt, occupancy q·(jam spacing + zone) / v′ and a call per vehicle") {
  for (const double dt : {0.1, 1.0}) {
    CAPTURE(dt);
    ApproachOptions options;
    options.permanent_green = true;
    options.flow_veh_per_h = 900;
    options.dt_s = dt;
    Simulation sim(with_detector(options, 200, 1.8), detectors_on());
    REQUIRE(sim.model().detector_count() == 1);
    sim.run_until(300);  // the stream has long reached the detector
    const double q = 900.0 / 3600.0;
    const double cell_speed = sim.model().link_cell_length_m[sim.model().find_link("W_C")] / sim.model().dt_s;
    CHECK(sim.state().detector_count[0] == doctest::Approx(q * dt).epsilon(1e-9));
    CHECK(sim.state().detector_occupancy[0] == doctest::Approx(q * (7.5 + 1.8) / cell_speed).epsilon(1e-9));
    // One vehicle every 4 s: 90 calls in 360 s (no call from occupancy, which stays below 0.5).
    int calls = 0;
    while (sim.time_s() < 660 - 1e-9) {
      sim.step();
      calls += sim.state().detector_call[0] > 0.5 ? 1 : 0;
    }
    CHECK(calls == 90);
  }
}

TEST_CASE("detectors: a standing queue over a stop-bar detector is occupied and calls without a count") {
  ApproachOptions options;
  options.flow_veh_per_h = 900;
  Simulation sim(with_detector(options, 0, 6), detectors_on());
  // EBT is green 0–45 s, yellow to 48 s, red clearance to 49 s; red to 90 s.
  sim.run_until(85);
  CHECK(sim.state().detector_count[0] == 0.0);
  CHECK(sim.state().detector_occupancy[0] == 1.0);
  CHECK(sim.state().detector_call[0] == 1.0);
}

TEST_CASE("detectors: skipped unless a controller reads them or they are asked for") {
  ApproachOptions options;
  options.permanent_green = true;
  options.flow_veh_per_h = 900;
  Simulation sim(with_detector(options, 200, 1.8));
  sim.run_until(300);
  CHECK(sim.state().detector_count[0] == 0.0);
  CHECK(sim.state().detector_occupancy[0] == 0.0);
}

TEST_CASE("detectors: --controller actuated needs detectors that call the node's phases") {
  SimulateOptions options;
  options.controller = "actuated";
  CHECK_THROWS_WITH_AS(Simulation(isolated_approach(ApproachOptions{}), options),
                       "controller 'actuated' needs detectors that call its phases; signalized node 'C' has none",
                       Error);
}

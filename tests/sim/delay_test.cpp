// Deterministic delay on an isolated approach (≥ 600 m, two stages, C = 90 s, g/C = 0.5,
// uniform arrivals) over 10 cycles after 5 warm-up cycles matches Webster's/HCM's d1.
#include <itsc/hcm.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

// Simulated delay per vehicle of the studied approach and the d1 it should match.
struct DelayCase {
  double simulated = 0;
  double d1 = 0;
  double effective_red = 0;
};

DelayCase run_case(double x, double dt_s, double green_s) {
  test::ApproachOptions options;
  options.approach_length_m = 600;
  options.green_s = green_s;  // l1 = e = 2 s: effective green = displayed green
  options.flow_veh_per_h = x * 1900.0 * 0.5;
  options.dt_s = dt_s;
  options.warmup_s = 5 * 90;
  options.duration_s = 15 * 90;
  Simulation simulation(test::isolated_approach(options));
  simulation.run();
  const auto result = simulation.result();
  const double arrival = options.flow_veh_per_h;
  const double x_actual = arrival / (1900.0 * green_s / 90.0);
  return {result.uniform_delay_s_per_veh, hcm::uniform_delay_s(90, green_s, x_actual), 90 - green_s};
}

}  // namespace

TEST_CASE("delay: simulated deterministic delay = d1 within 0.05 s (whole-second plans)") {
  for (const double dt : {1.0, 0.5}) {
    for (const double x : {0.3, 0.6, 0.9}) {
      const DelayCase c = run_case(x, dt, 45);
      CAPTURE(dt);
      CAPTURE(x);
      CAPTURE(c.d1);
      CAPTURE(c.simulated);
      CHECK(std::abs(c.simulated - c.d1) <= 0.05);
    }
  }
}

TEST_CASE("delay: with a 0.1 s plan at Δt = 1 s, within 2·Δt·d1/r") {
  for (const double x : {0.3, 0.6, 0.9}) {
    const DelayCase c = run_case(x, 1.0, 44.7);
    CAPTURE(x);
    CAPTURE(c.d1);
    CAPTURE(c.simulated);
    CHECK(std::abs(c.simulated - c.d1) <= 2 * 1.0 * c.d1 / c.effective_red);
  }
}

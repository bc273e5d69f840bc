// Entered = exited + inside + waiting after every step, to 1e-9 relative.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "sim/scenario_builders.hpp"

using namespace itsc;

namespace {

void check_conservation(Simulation& simulation, int steps) {
  double worst = 0;
  for (int i = 0; i < steps; ++i) {
    simulation.step();
    for (std::size_t b = 0; b < simulation.batch_size(); ++b) {
      const auto& m = simulation.state().metrics;
      const double entered = m.entered_veh[b];
      const double rest = m.exited_veh[b] + simulation.state().inside_veh(b) + simulation.state().waiting_veh(b);
      worst = std::max(worst, std::abs(entered - rest) / std::max(1.0, entered));
    }
  }
  CHECK(worst <= 1e-9);
  CHECK(simulation.state().metrics.entered_veh[0] > 100);
}

}  // namespace

TEST_CASE("conservation: every step on an oversaturated isolated approach") {
  test::ApproachOptions options;
  options.flow_veh_per_h = 1500;  // spills back into the entry queue
  options.cross_flow_veh_per_h = 300;
  Simulation simulation(test::isolated_approach(options));
  check_conservation(simulation, 3600);
  CHECK(simulation.state().waiting_veh(0) > 10);
}

TEST_CASE("conservation: every step on a 3x3 grid with turns and merges") {
  test::GridOptions options;
  options.size = 3;
  options.east_west_flow_veh_per_h = 1200;
  Simulation simulation(test::grid(options), SimulateOptions{}, BatchSpec{2, {}, {}});
  check_conservation(simulation, 1800);
}

// Spillback behind a long red. The back of the queue travels upstream at the shock
// speed q_a/(kj − q_a/v); after the green the discharge wave reaches the upstream end at w; the full
// link stops taking vehicles within 10 s of filling.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

TEST_CASE("spillback: queue back, discharge wave and inflow into the full link") {
  // 1500 m at 15 m/s and Δt = 1 s: 100 cells of exactly v·Δt; 1800 veh/h, 7.5 m jam spacing.
  test::ApproachOptions o;
  o.approach_length_m = 1500;
  o.speed_kmh = 54;
  o.saturation_veh_per_h_per_lane = 1800;
  o.flow_veh_per_h = 900;  // half the capacity
  o.cycle_s = 1500;
  o.green_s = 596;         // the studied approach; the cross stage (900 s) comes first
  Scenario s = test::isolated_approach(o);
  std::swap(s.timing["C"].stages[0], s.timing["C"].stages[1]);
  s.simulation.warmup_s = 0;
  s.simulation.duration_s = 1450;
  Simulation sim(s);
  const Model& model = sim.model();
  const auto link = model.find_link("W_C");
  const std::size_t first = model.link_first_cell[link];
  const std::size_t cells = model.link_cell_count[link];
  REQUIRE(cells == 100);
  const double dx = model.link_cell_length_m[link];
  const double v = 15.0;
  const double q_cap = 0.5;       // veh/s
  const double kj = 1.0 / 7.5;    // veh/m
  const double q_a = 0.25;        // veh/s
  const double green_s = 900 + 2;  // effective green starts l1 = 2 s after the onset

  // Back of the queue: where density crosses the midpoint between jam and arrival density.
  const double back_level = (kj + q_a / v) / 2 * dx;
  // Discharge wave: where density crosses the midpoint between jam and capacity density.
  const double discharge_level = (kj + q_cap / v) / 2 * dx;
  std::vector<double> back_time(cells, -1);
  std::vector<double> discharge_time(cells, -1);
  std::vector<double> inflow;  // [step] into the link's first cell
  while (sim.time_s() < sim.duration_s()) {
    sim.step();
    const double t = sim.time_s();
    inflow.push_back(sim.state().link_inflow_veh[link]);
    for (std::size_t c = 0; c < cells; ++c) {
      const double n = sim.state().cell_veh[first + c];
      if (t <= green_s && back_time[c] < 0 && n >= back_level) back_time[c] = t;
      if (t > green_s && discharge_time[c] < 0 && n < discharge_level) discharge_time[c] = t;
    }
  }
  // Shock speed of the queue back, from 300 m to 1200 m of the link.
  const double shock = q_a / (kj - q_a / v);
  REQUIRE(back_time[20] > 0);
  REQUIRE(back_time[80] > 0);
  const double back_speed = 60 * dx / (back_time[20] - back_time[80]);
  CAPTURE(back_speed);
  CHECK(back_speed == doctest::Approx(shock).epsilon(0.02));

  // The discharge wave from the stop line to the upstream end.
  const double w = q_cap / (kj - q_cap / v);
  REQUIRE(discharge_time[0] > 0);
  const double wave_speed = static_cast<double>(cells - 1) * dx / (discharge_time[0] - discharge_time[cells - 1]);
  CAPTURE(wave_speed);
  CHECK(wave_speed == doctest::Approx(w).epsilon(0.02));

  // The link is full when the queue back reaches its upstream end: from the measured trajectory, half
  // a cell after it crossed the middle of the first cell. 10 s later it takes < 1% of capacity.
  REQUIRE(back_time[0] > 0);
  const double full_s = back_time[20] + 20.5 * dx / back_speed;
  CHECK(full_s == doctest::Approx(back_time[0] + 0.5 * dx / back_speed).epsilon(0.01));
  const auto filled = static_cast<std::size_t>(std::ceil(full_s));
  REQUIRE(filled + 10 < 900);
  for (std::size_t step = filled + 10; step < 900; ++step) {
    CAPTURE(step);
    CHECK(inflow[step - 1] < 0.01 * q_cap * model.dt_s);
  }

  // At its longest the queue fills the approach: its length is the link's length.
  const SimulationResult result = sim.result();
  const LaneGroupResult& group = test::group_of(result, "EBT");
  CHECK(group.storage_m == 1500);
  CHECK(group.queue_max_m == doctest::Approx(1500).epsilon(0.01));
  CHECK(group.spills);
}

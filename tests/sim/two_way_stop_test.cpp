// The minor street of a two-way stop discharges at HCM's potential capacity against
// the major flow; the major street is not delayed.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>

#include "sim/approach_builders.hpp"

using namespace itsc;

namespace {

Scenario two_way_stop(double major_veh_per_h) {
  test::FourLeg x = test::four_leg(NodeControl::two_way_stop);
  Scenario& s = x.s;
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through);
  test::add_movement(x, "NBT", "S_C", "C_N", TurnType::through);
  test::node_c(s).major_links = {"W_C", "C_E"};
  test::add_flow(s, "W_C", major_veh_per_h);
  test::add_flow(s, "S_C", 900);  // more than the minor street can take
  return s;
}

}  // namespace

TEST_CASE("two-way stop: minor-street capacity within 5% of HCM for two major flows") {
  for (const double major : {400.0, 800.0}) {
    Simulation sim(two_way_stop(major));
    sim.run();
    const Metrics& metrics = sim.state().metrics;
    const double window_h = static_cast<double>(metrics.measured_steps) * sim.model().dt_s / 3600.0;
    const double minor = metrics.movement_departures_veh[sim.model().find_movement(0, "NBT")] / window_h;
    // HCM: c_p = v_c·e^(−v_c·t_c/3600) / (1 − e^(−v_c·t_f/3600)), minor through t_c = 6.5 s, t_f = 4.0 s.
    const double expected = major * std::exp(-major * 6.5 / 3600.0) / (1.0 - std::exp(-major * 4.0 / 3600.0));
    CAPTURE(major);
    CAPTURE(expected);
    CAPTURE(minor);
    CHECK(std::fabs(minor - expected) <= 0.05 * expected);
    const double through = metrics.movement_departures_veh[sim.model().find_movement(0, "EBT")] / window_h;
    CHECK(through == doctest::Approx(major).epsilon(1e-6));
  }
}

TEST_CASE("two-way stop: needs its major street, all-way stop is still rejected") {
  Scenario s = two_way_stop(400);
  test::node_c(s).major_links.clear();
  CHECK_THROWS_AS(Simulation{s}, Error);
  s.network.nodes.front().control = NodeControl::all_way_stop;
  CHECK_THROWS_AS(Simulation{s}, Error);
}

TEST_CASE("two-way stop: a batch of two demands = two single runs, bit for bit") {
  const Scenario base = two_way_stop(400);
  Demand other = base.demand;
  other.entries[0].flow_veh_per_h[0] = 800;
  Simulation batched(base, SimulateOptions{}, BatchSpec{2, {}, {base.demand, other}});
  batched.run();
  Simulation single(base, SimulateOptions{}, BatchSpec{1, {}, {other}});
  single.run();
  const auto& x = batched.state().metrics.movement_departures_veh;
  const auto& y = single.state().metrics.movement_departures_veh;
  for (std::size_t m = 0; m < y.size(); ++m) CHECK(x[m * 2 + 1] == y[m]);
}

TEST_CASE("two-way stop: minor-street delay and LOS are HCM's stop-control delay at the simulated capacity") {
  // Minor through 200 veh/h against 400 veh/h: no deterministic queue, so nearly all of its delay is
  // HCM's d = 3600/c + 900T[(X − 1) + sqrt((X − 1)² + (3600/c)X/(450T))] + 5, with c from gap acceptance.
  Scenario s = two_way_stop(400);
  s.demand.entries[1].flow_veh_per_h[0] = 200;
  const SimulationResult result = simulate(s);
  REQUIRE(result.intersections.size() == 1);
  const IntersectionResult& node = result.intersections[0];
  CHECK(node.control == NodeControl::two_way_stop);
  CHECK(node.los == '-');
  const LaneGroupResult* minor = nullptr;
  const LaneGroupResult* major = nullptr;
  for (const auto& group : node.lane_groups) (group.id == "NBT" ? minor : major) = &group;
  REQUIRE(minor != nullptr);
  REQUIRE(major != nullptr);
  const double capacity = 400 * std::exp(-400 * 6.5 / 3600.0) / (1.0 - std::exp(-400 * 4.0 / 3600.0));
  CHECK(minor->capacity_veh_per_h == doctest::Approx(capacity).epsilon(0.05));
  const double x = 200 / capacity;
  const double service = 3600 / capacity;
  const double hcm = service + 225 * ((x - 1) + std::sqrt((x - 1) * (x - 1) + service * x / 112.5)) + 5;
  CAPTURE(hcm);
  CHECK(minor->uniform_delay_s_per_veh < 0.5);
  CHECK(minor->delay_s_per_veh == doctest::Approx(hcm).epsilon(0.05));
  CHECK(minor->los == (hcm <= 10 ? 'A' : hcm <= 15 ? 'B' : hcm <= 25 ? 'C' : 'D'));
  // The major street flows freely: no control delay, no LOS.
  CHECK(major->overflow_delay_s_per_veh == 0.0);
  CHECK(major->uniform_delay_s_per_veh < 0.01);
  CHECK(major->los == '-');
}

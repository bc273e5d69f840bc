// Trips that start or end on links inside the network: sources join a street's traffic after the vehicles
// on it, sinks take their share out ahead of the stop line, and both keep the count of every vehicle.
#include <itsc/analyze.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

// The isolated approach W_C -> C_E (movement EBT) with its cross street; trips may start on C_E (which
// starts at the signal) and end on W_C (which ends there).
Scenario approach(double flow_veh_per_h, bool permanent_green = true) {
  test::ApproachOptions options;
  options.flow_veh_per_h = flow_veh_per_h;
  options.cross_flow_veh_per_h = permanent_green ? 0 : 300;  // a permanent green never serves it
  options.permanent_green = permanent_green;
  return test::isolated_approach(options);
}

const MovementResult& movement_of(const SimulationResult& result, const std::string& id) {
  for (const auto& group : result.intersections.at(0).lane_groups) {
    for (const auto& served : group.movements) {
      if (served.id == id) return served;
    }
  }
  throw std::runtime_error("no movement " + id);
}

// Entered = exited + inside + waiting after every step.
double worst_imbalance(Simulation& simulation, int steps) {
  double worst = 0;
  for (int i = 0; i < steps; ++i) {
    simulation.step();
    for (std::size_t b = 0; b < simulation.batch_size(); ++b) {
      const auto& m = simulation.state().metrics;
      const double rest = m.exited_veh[b] + simulation.state().inside_veh(b) + simulation.state().waiting_veh(b);
      worst = std::max(worst, std::abs(m.entered_veh[b] - rest) / std::max(1.0, m.entered_veh[b]));
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("trip ends: a sink's share of the approach leaves before the stop line, the rest turns") {
  Scenario scenario = approach(800);
  scenario.demand.sinks = {TripEnds{"W_C", {0.25}}};
  const SimulationResult result = simulate(scenario);
  const MovementResult& through = movement_of(result, "EBT");
  // A quarter of the 800 veh/h ends on W_C: 600 veh/h reach the stop line (the last minute's arrivals
  // are still on the way).
  CHECK(through.volume_veh_per_h == doctest::Approx(600).epsilon(0.01));
  CHECK(through.departures_veh == doctest::Approx(600).epsilon(0.02));
  // Every vehicle is accounted for, the ended ones among the exits.
  CHECK(result.vehicles_entered == doctest::Approx(800).epsilon(0.01));
  CHECK(std::fabs(result.vehicles_entered - result.vehicles_exited - result.vehicles_inside - result.vehicles_waiting) < 1e-6);
  // The same as 600 veh/h entering with no trip ends, for the movement.
  const SimulationResult plain = simulate(approach(600));
  CHECK(through.delay_s_per_veh == doctest::Approx(movement_of(plain, "EBT").delay_s_per_veh).epsilon(0.02));
  // Closed form: the analysis carries the same volumes.
  const Model model = compile(scenario);
  const std::vector<double> volumes = demand_volumes(model, compile_demand(model, scenario.demand, 1));
  CHECK(volumes[model.find_movement(model.find_node("C"), "EBT")] == doctest::Approx(600));
}

TEST_CASE("trip ends: vehicles ending their trip do not wait for the green") {
  // All of W_C's trips end on it: at a signal that is red most of the cycle, none queues for it.
  Scenario scenario = approach(600, false);
  scenario.demand.sinks = {TripEnds{"W_C", {1.0}}};
  const SimulationResult result = simulate(scenario);
  const MovementResult& through = movement_of(result, "EBT");
  CHECK(through.departures_veh == doctest::Approx(0).epsilon(1e-9));
  CHECK(through.queue_max_veh < 1e-9);
  CHECK(result.vehicles_exited == doctest::Approx(result.vehicles_entered - result.vehicles_inside - result.vehicles_waiting));
  // Without the trip end they queue at the red.
  const SimulationResult plain = simulate(approach(600, false));
  CHECK(movement_of(plain, "EBT").queue_max_veh > 5);
}

TEST_CASE("trip ends: trips that end at the stop line queue with the movements and leave as they cross it") {
  Scenario scenario = approach(600, false);
  scenario.demand.sinks = {TripEnds{"W_C", {1.0}, true}};
  Simulation simulation(scenario);
  CHECK(worst_imbalance(simulation, 3600) <= 1e-9);
  const SimulationResult result = simulation.result();
  const SimulationResult plain = simulate(approach(600, false));
  const MovementResult& through = movement_of(result, "EBT");
  // The approach is the same as without them: the same queue at the red, the same departures.
  CHECK(through.queue_max_veh == doctest::Approx(movement_of(plain, "EBT").queue_max_veh));
  CHECK(through.departures_veh == doctest::Approx(movement_of(plain, "EBT").departures_veh));
  CHECK(through.delay_s_per_veh == doctest::Approx(movement_of(plain, "EBT").delay_s_per_veh));
  // ...but nobody drives on beyond the stop line: 600 vehicles do not cover the 400 m of C_E.
  CHECK(result.vehicle_km == doctest::Approx(plain.vehicle_km - 0.4 * through.departures_veh).epsilon(0.01));
  // Closed form: they load the stop line, and the link beyond carries none of them.
  scenario.demand.sinks[0].share = {0.25};
  const Model model = compile(scenario);
  const std::vector<double> volumes = demand_volumes(model, compile_demand(model, scenario.demand, 1));
  CHECK(volumes[model.find_movement(model.find_node("C"), "EBT")] == doctest::Approx(600));
}

TEST_CASE("trip ends: trips ending at the stop line need no room beyond it") {
  // C_E carries 300 veh/h at most; three quarters of the approach's 800 veh/h end at the stop line.
  Scenario scenario = approach(800);
  std::find_if(scenario.network.links.begin(), scenario.network.links.end(),
               [](const Link& link) { return link.id == "C_E"; })->saturation_flow_veh_per_h_per_lane = 300;
  const SimulationResult plain = simulate(scenario);
  CHECK(movement_of(plain, "EBT").departures_veh == doctest::Approx(300).epsilon(0.02));
  scenario.demand.sinks = {TripEnds{"W_C", {0.75}, true}};
  Simulation simulation(scenario);
  CHECK(worst_imbalance(simulation, 3600) <= 1e-9);
  const SimulationResult result = simulation.result();
  // All 800 cross the stop line: the 200 going on fit into C_E's 300.
  CHECK(movement_of(result, "EBT").departures_veh == doctest::Approx(800).epsilon(0.02));
  CHECK(result.vehicles_waiting < 1);
}

TEST_CASE("trip ends: a source joins the street after its traffic and waits for room") {
  SUBCASE("room for both: the link downstream carries the source too") {
    Scenario scenario = approach(600);
    scenario.demand.sources = {EntryFlow{"C_E", {400}, 0}};
    Simulation simulation(scenario);
    CHECK(worst_imbalance(simulation, 3600) <= 1e-9);
    const SimulationResult result = simulation.result();
    CHECK(result.vehicles_entered == doctest::Approx(600 + 400).epsilon(0.01));
    CHECK(result.vehicles_waiting < 1);
    CHECK(movement_of(result, "EBT").departures_veh == doctest::Approx(600).epsilon(0.02));
  }
  SUBCASE("a street at capacity: the through traffic keeps its flow, the source waits") {
    Scenario full = approach(2400);  // more than the 1900 veh/h the green lane discharges
    const SimulationResult without = simulate(full);
    full.demand.sources = {EntryFlow{"C_E", {300}, 0}};
    Simulation simulation(full);
    CHECK(worst_imbalance(simulation, 3600) <= 1e-9);
    const SimulationResult with = simulation.result();
    CHECK(movement_of(with, "EBT").departures_veh == doctest::Approx(movement_of(without, "EBT").departures_veh).epsilon(1e-9));
    // The source's 300 vehicles found (almost) no room: they wait, with the entry queue at W.
    CHECK(with.vehicles_waiting > without.vehicles_waiting + 250);
  }
}

TEST_CASE("trip ends: the same bits for any batch and thread count") {
  test::GridOptions options;
  options.size = 3;
  options.east_west_flow_veh_per_h = 900;
  Scenario scenario = test::grid(options);
  // Sources and sinks on every link between two signals.
  for (const Link& link : scenario.network.links) {
    const auto control = [&](const std::string& id) {
      return std::find_if(scenario.network.nodes.begin(), scenario.network.nodes.end(),
                          [&](const Node& node) { return node.id == id; })->control;
    };
    if (control(link.from) == NodeControl::boundary || control(link.to) == NodeControl::boundary) continue;
    scenario.demand.sources.push_back(EntryFlow{link.id, {60, 120}, 0});
    scenario.demand.sinks.push_back(TripEnds{link.id, {0.1, 0.3}});
  }
  scenario.demand.interval_s = 900;
  REQUIRE_FALSE(scenario.demand.sources.empty());
  Simulation single(scenario);
  CHECK(worst_imbalance(single, 1800) <= 1e-9);
  SimulateOptions threaded;
  threaded.threads = 2;
  Simulation batched(scenario, threaded, BatchSpec{16, {}, {}});
  for (int i = 0; i < 1800; ++i) batched.step();
  for (std::size_t b : {std::size_t{0}, std::size_t{9}, std::size_t{15}}) test::check_same(batched.state(), b, single.state());
  CHECK(single.state().metrics.exited_veh[0] > 0);
}

TEST_CASE("trip ends: a demand naming a link the model gave no place is refused") {
  Scenario scenario = approach(600);
  const Model model = compile(scenario);
  Demand demand = scenario.demand;
  demand.sources = {EntryFlow{"C_E", {100}, 0}};
  CHECK_THROWS_WITH((void)compile_demand(model, demand, 1), doctest::Contains("trips start on 'C_E'"));
  demand.sources.clear();
  demand.sinks = {TripEnds{"W_C", {0.5}}};
  CHECK_THROWS_WITH((void)compile_demand(model, demand, 1), doctest::Contains("trips end on 'W_C'"));
  // A demand scenario's trip ends get their place too.
  scenario.demand_scenarios["evening"] = demand;
  const Model with_places = compile(scenario);
  CHECK(with_places.sink_count() == 1);
  CHECK_NOTHROW((void)compile_demand(with_places, demand, 1));
}

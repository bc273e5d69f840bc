// The network's delay and stops are the sums of their parts: each vehicle-second is counted once, where
// it happened (an intersection's approach, an uncontrolled node's approach, a link leaving the network,
// an entry queue), and the objective the optimizer reads is the results' total.
#include <itsc/io.hpp>
#include <itsc/objective.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sim/approach_builders.hpp"

using namespace itsc;

namespace {

struct Sums {
  double delay_veh_h = 0;
  double stops = 0;
};

// Σ of the parts a result reports.
Sums parts(const SimulationResult& r) {
  Sums sums;
  for (const IntersectionResult& intersection : r.intersections) {
    double groups_veh_h = 0;
    for (const LaneGroupResult& group : intersection.lane_groups) {
      groups_veh_h += group.delay_veh_h;
      sums.stops += group.stops;
      CHECK(group.delay_veh_h == doctest::Approx(group.delay_s_per_veh * group.arrivals_veh / 3600.0).epsilon(1e-12));
    }
    CHECK(intersection.delay_veh_h == doctest::Approx(groups_veh_h).epsilon(1e-12));
    sums.delay_veh_h += intersection.delay_veh_h;
  }
  sums.delay_veh_h += r.other_delay_veh_h + r.entry_delay_veh_h;
  return sums;
}

// An uncontrolled node where two heavy streams merge into one lane: the merge holds vehicles back on
// approaches no intersection result reports.
Scenario merge() {
  test::FourLeg x = test::four_leg(NodeControl::uncontrolled);
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through);
  test::add_movement(x, "NBR", "S_C", "C_E", TurnType::right);
  test::add_flow(x.s, "W_C", 1200);
  test::add_flow(x.s, "S_C", 1200);
  return x.s;
}

}  // namespace

TEST_CASE("network totals: delay and stops are the sums of intersections, other approaches and entries") {
  const std::string ashland = std::string(ITSC_SOURCE_DIR) + "/data/chicago_ashland.yaml";
  struct Case {
    const char* name;
    Scenario scenario;
    const char* controller;
  };
  const Case cases[] = {
      {"Ashland, fixed time (entry queues)", load_scenario_file(ashland).scenario, "fixed"},
      {"Ashland, actuated", load_scenario_file(ashland).scenario, "actuated"},
      {"uncontrolled merge", merge(), "fixed"},
  };
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    SimulateOptions options;
    options.controller = c.controller;
    const SimulationResult r = simulate(c.scenario, options);
    REQUIRE(r.total_delay_veh_h > 0);
    const Sums sums = parts(r);
    CHECK(r.total_delay_veh_h == doctest::Approx(sums.delay_veh_h).epsilon(1e-12));
    if (name == "uncontrolled merge") {
      // No intersection reports the merge's delay: it is "other" (the queue behind it reaches the entries).
      CHECK(r.intersections.empty());
      CHECK(r.other_delay_veh_h > 10);
    } else {
      CHECK(r.entry_delay_veh_h > 0);
      CHECK(r.total_stops == doctest::Approx(sums.stops).epsilon(1e-12));
    }
  }
}

TEST_CASE("network totals: the objective's delay and stops are the results' totals, bit for bit") {
  const Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/corridor.yaml").scenario;
  Simulation simulation(scenario);
  simulation.run();
  const SimulationResult r = simulation.result(0);
  const Objective o = objective(simulation.model(), simulation.state(), simulation.demand(), 0, {},
                                simulation.controllers());
  CHECK(o.delay_veh_h == r.total_delay_veh_h);
  CHECK(o.stops == r.total_stops);
  CHECK(o.simulated_delay_veh_h * 3600.0 / r.measured_entered == doctest::Approx(r.uniform_delay_s_per_veh));
}

#pragma once
// Whole runs of scenarios and plans for the optimizer's tests.
#include <itsc/objective.hpp>
#include <itsc/scenario.hpp>
#include <itsc/simulate.hpp>

#include <map>
#include <string>

namespace itsc::test {

/// `scenario` with the nodes of `timing` given those timings.
inline Scenario with_timing(Scenario scenario, const std::map<std::string, Timing>& timing) {
  for (const auto& [node, t] : timing) scenario.timing[node] = t;
  return scenario;
}

/// The objective (delay by default) of the scenario's whole run.
inline Objective whole_run(const Scenario& scenario, const ObjectiveWeights& weights = {}) {
  Simulation simulation(scenario);
  simulation.run();
  return objective(simulation.model(), simulation.state(), simulation.demand(), 0, weights);
}

/// The arterial's eastbound through (EBT) stops at a generated corridor's signals after the first (the
/// first sees random arrivals whatever the offsets): what a green wave takes away.
inline double arterial_stops(const SimulationResult& result) {
  double stops = 0;
  for (const IntersectionResult& intersection : result.intersections) {
    if (intersection.id == "r1c1" || intersection.id.rfind("r1c", 0) != 0) continue;
    for (const LaneGroupResult& group : intersection.lane_groups) {
      for (const MovementResult& movement : group.movements) {
        if (movement.id == "EBT") stops += movement.stops;
      }
    }
  }
  return stops;
}

/// The whole run's results of member 0.
inline SimulationResult run_result(const Scenario& scenario) {
  Simulation simulation(scenario);
  simulation.run();
  return simulation.result(0);
}

}  // namespace itsc::test

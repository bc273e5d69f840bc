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

}  // namespace itsc::test

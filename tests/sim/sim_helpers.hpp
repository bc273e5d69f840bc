#pragma once
// Small helpers shared by the engine tests.

#include <itsc/simulate.hpp>

#include <string>

namespace itsc::test {

/// The result of the lane group serving `movement` at intersection 0.
inline const LaneGroupResult& group_of(const SimulationResult& result, const std::string& movement) {
  for (const auto& group : result.intersections.at(0).lane_groups) {
    for (const auto& served : group.movements) {
      if (served.id == movement) return group;
    }
  }
  throw std::runtime_error("no lane group serves " + movement);
}
/// A temporary result would leave the reference dangling: keep the result in a variable.
const LaneGroupResult& group_of(SimulationResult&& result, const std::string& movement) = delete;

}  // namespace itsc::test

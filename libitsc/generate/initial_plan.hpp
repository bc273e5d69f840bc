#pragma once
// The generators' initial fixed-time plan: Webster splits over the generated volumes.

#include <map>
#include <string>
#include <vector>

#include "itsc/scenario.hpp"

namespace itsc::detail {

/// What one stage needs from the cycle.
struct StageNeed {
  double flow_ratio = 0;   ///< critical v/s of the stage
  double min_green_s = 0;  ///< vehicle or pedestrian minimum
  double clearance_s = 0;  ///< yellow + red clearance (taken as the stage's lost time)
};

/// Webster's split rule: the cycle less the clearances is shared in proportion to the critical flow
/// ratios (equally when they are all zero), stages held at their minimum green where the rule would
/// give less. Greens are in whole tenths of a second and, with the clearances, add up to the cycle.
/// Throws `Error` (invalid_input) when the minimum greens and clearances do not fit in the cycle.
[[nodiscard]] std::vector<double> webster_greens(double cycle_s, const std::vector<StageNeed>& stages);

/// Fills the green, yellow and red clearance of every stage of `timing` (its services already set)
/// for the signalized node `node` of `scenario`, whose links carry `flows` (veh/h).
void time_stages(Timing& timing, const Node& node, const Scenario& scenario,
                 const std::map<std::string, double>& flows);

}  // namespace itsc::detail

#pragma once
// The generators' initial fixed-time plan: Webster splits (hcm::webster_greens_s) over the generated
// volumes.

#include <map>
#include <string>
#include <vector>

#include "itsc/scenario.hpp"

namespace itsc::detail {

/// Fills the green, yellow and red clearance of every stage of `timing` (its services already set)
/// for the signalized node `node` of `scenario`, whose links carry `flows` (veh/h).
void time_stages(Timing& timing, const Node& node, const Scenario& scenario,
                 const std::map<std::string, double>& flows);

}  // namespace itsc::detail

#pragma once
// The parts of the SUMO scenario export (export_network.cpp, export_routes.cpp).

#include <string>
#include <vector>

#include "itsc/scenario.hpp"

namespace itsc::detail {

/// The scenario's demand as a SUMO route file: per entry (or source) and profile interval its vehicles,
/// evenly spaced, each routed by the turning proportions and trip ends (deficit round robin per link).
/// A report line counts the vehicles that circled in a loop of the proportions and were sent the most
/// likely way out.
[[nodiscard]] std::string sumo_routes(const Scenario& scenario, std::vector<std::string>& report);

}  // namespace itsc::detail

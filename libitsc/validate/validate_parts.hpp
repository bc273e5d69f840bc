#pragma once
// The parts of `itsc::validate`, one file each.

#include "itsc/scenario.hpp"
#include "validate/checker.hpp"

namespace itsc::detail {

void validate_network(Checker& checker, const Network& network);
void validate_demand(Checker& checker, const Scenario& scenario);
void validate_timing(Checker& checker, const Scenario& scenario);
void validate_sumo(Checker& checker, const Scenario& scenario);

}  // namespace itsc::detail

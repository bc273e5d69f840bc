#pragma once
// The parts of `itsc::validate`, one file each.

#include <string>

#include "itsc/scenario.hpp"
#include "validate/checker.hpp"

namespace itsc::detail {

void validate_network(Checker& checker, const Network& network);
void validate_demand(Checker& checker, const Scenario& scenario);
void validate_timing(Checker& checker, const Scenario& scenario);
/// One node's timing as `validate_timing` checks the scenario's, at key path "timing.<node>".
void validate_node_timing(Checker& checker, const Scenario& scenario, const std::string& node_id,
                          const Timing& timing);
void validate_sumo(Checker& checker, const Scenario& scenario);
/// The rules of a well-shaped plan: splits, interval ranges, conflicts (validate_signal_plan.cpp): those of
/// the legs' bearings, less those SUMO's junction logic denies where `sumo` holds its foes.
void check_signal_plan(Checker& checker, const Timing& timing, const Node& node, const Network& network,
                       const SumoSignal* sumo, const std::string& path);

}  // namespace itsc::detail

#pragma once
// The steps of the SUMO import, one file each: network, clean-up, signal programs, routes, demand.

#include <map>
#include <string>
#include <vector>

#include "io/sumo/sumo_net.hpp"
#include "itsc/scenario.hpp"
#include "itsc/sumo.hpp"

namespace itsc::detail {

/// The scenario's network: nodes, links, legs (bearings from the lane shapes at the junction),
/// movements, and lane groups (lanes sharing a movement form one group) at signalized nodes; and in
/// `scenario.sumo.signals` each signalized node's traffic light with its movements' link indices.
/// Junctions with a single neighbour (dead ends, fringe) become boundary nodes.
void build_network(const SumoNet& net, Scenario& scenario, std::vector<std::string>& report);

/// Makes an imported network valid: turn types that contradict the bearings follow the bearings, and
/// links that no entry reaches or that reach no exit are dropped (with their movements), repeatedly.
/// Every change is a report line.
void clean_network(Scenario& scenario, std::vector<std::string>& report);

/// Caps the saturation flow of links too slow to carry the base value at the scenario's step (a report
/// line says how many and the first; slow_links.cpp says why).
void cap_slow_links(Scenario& scenario, std::vector<std::string>& report);

/// A stage plan per signalized node from its traffic light's program (static programs as they are,
/// others as their static fallback), offset converted to libitsc's t = 0 at SUMO time `begin_s`.
/// Signalized nodes whose program cannot be imported become uncontrolled (reported).
void import_programs(const SumoNet& net, Scenario& scenario, double begin_s, std::vector<std::string>& report);

/// The SUMO traffic light of a node, or nullptr.
[[nodiscard]] SumoSignal* find_signal(Scenario& scenario, std::string_view node);

/// One vehicle of the demand: its departure (SUMO time) and its path as link indices of the network.
struct SumoTrip {
  double depart_s = 0;
  std::vector<std::size_t> links;
  bool heavy = false;
};

/// Vehicles, trips and flows of route files (root <routes>); trips and flows without a route get the
/// shortest path by free-flow time. Throws `Error` with FILE:LINE:COL for malformed files and edges the
/// net does not have; vehicles the network cannot carry are skipped and reported.
[[nodiscard]] std::vector<SumoTrip> read_sumo_routes(const SumoSource& source, const SumoNet& net,
                                                     const Network& network, std::vector<std::string>& report);

/// Entry profiles per boundary link and turning proportions per approach and interval, each turn
/// dated by when the vehicle reaches the approach's stop line at free-flow travel time.
[[nodiscard]] Demand build_demand(const std::vector<SumoTrip>& trips, const Network& network, double begin_s,
                                  double end_s, double interval_s, std::vector<std::string>& report);

/// Free-flow travel time of a link (length / speed), s.
[[nodiscard]] double free_flow_time_s(const Link& link);

}  // namespace itsc::detail

#pragma once
// The steps of the SUMO import, one file each: network, clean-up, signal programs, routes, demand.

#include <map>
#include <string>
#include <string_view>
#include <utility>
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

/// The SUMO elements the scenario's parts came from, found by id (SUMO's ids are the scenario's), for
/// messages about the scenario in SUMO's terms. Holds pointers into `net`, which must outlive it.
class SumoSources {
 public:
  explicit SumoSources(const SumoNet& net);

  /// Rewrites a diagnostic whose key path starts at a scenario element that came from SUMO (`links[12]`,
  /// `nodes[3].movements[2]`, `nodes[3].lane_groups[0]`, `nodes[3].legs[1]`, `timing.A0`,
  /// `sumo.signals[1]`, `demand.entries[4]`, `demand.turns[2]`) to name the SUMO edge, junction,
  /// connection or traffic light, the rest of the path after it ("edge 'A0B0', speed_kmh"), at the
  /// FILE:LINE:COL of that element. Other diagnostics (simulation settings) get `fallback_file` only.
  void locate(Diagnostic& diagnostic, const Scenario& scenario, const std::string& fallback_file) const;

 private:
  using Positions = std::map<std::string, const SourcePosition*, std::less<>>;
  struct Element {
    std::string name;                     ///< "" when the path names no SUMO element
    const SourcePosition* at = nullptr;
  };
  [[nodiscard]] static const SourcePosition* find(const Positions& positions, std::string_view id);
  [[nodiscard]] Element element_of(std::string_view& path, const Scenario& scenario) const;
  [[nodiscard]] Element node_element(std::string_view& path, const Node& node) const;
  [[nodiscard]] Element light_element(const Scenario& scenario, const std::string& node) const;

  Positions edges_;
  Positions junctions_;
  Positions programs_;
  std::map<std::pair<std::string, std::string>, const SourcePosition*> connections_;  ///< (from, to) edge ids
};

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

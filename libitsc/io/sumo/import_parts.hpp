#pragma once
// The steps of the SUMO import, one file each: network, clean-up, signal programs, routes; the steps it
// shares with the other importers (demand, legs, lane groups) are in io/import/.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/import/import_steps.hpp"
#include "io/sumo/sumo_net.hpp"
#include "itsc/scenario.hpp"
#include "itsc/sumo.hpp"

namespace itsc::detail {

/// The scenario's network: nodes, links, legs (bearings from the lane shapes at the junction),
/// movements, and lane groups (lanes sharing a movement form one group) at signalized nodes; and in
/// `scenario.sumo.signals` each signalized node's traffic light with its movements' link indices.
/// Junctions with a single neighbour (dead ends, fringe) become boundary nodes.
void build_network(const SumoNet& net, Scenario& scenario, std::vector<std::string>& report);

/// The shared clean-up (`clean_network` of io/import/) in SUMO's terms, and the link indices and foes of
/// the movements and nodes it dropped forgotten.
void clean_sumo_network(Scenario& scenario, std::vector<std::string>& report);

/// How the SUMO import's report names SUMO's elements.
[[nodiscard]] const ImportTerms& sumo_terms();

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

/// Vehicles, trips and flows of route files (root <routes>); trips and flows without a route get the
/// shortest path by free-flow time. Throws `Error` with FILE:LINE:COL for malformed files and edges the
/// net does not have; vehicles the network cannot carry are skipped and reported.
[[nodiscard]] std::vector<ImportTrip> read_sumo_routes(const SumoSource& source, const SumoNet& net,
                                                     const Network& network, std::vector<std::string>& report);

}  // namespace itsc::detail

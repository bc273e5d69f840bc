#pragma once
/// @file network.hpp
/// The street network as engineers describe it: nodes, directed links, and at each node its legs,
/// turning movements and lane groups; detectors. Human-scale, editable value types; the compiled,
/// flat form used in the time loop is `itsc::Model`. Ids are strings; movement, lane-group and leg ids
/// are unique within their node, all other ids unique in the scenario.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itsc {

/// How a node controls the traffic crossing it.
enum class NodeControl {
  signalized,    ///< a traffic signal with a `timing` entry
  uncontrolled,  ///< CTM merge/diverge, no signal (also a plain change of link)
  two_way_stop,  ///< minor movements yield to the major street (`Node::major_links`)
  all_way_stop,  ///< rejected on input until it is modelled
  boundary,      ///< where vehicles enter or leave the network
};

/// Where a node lies, for the saturation flow (HCM area type factor).
enum class AreaType { other, cbd };

/// The turn a movement makes, checked against the bearings of its legs.
enum class TurnType { left, through, right, u_turn };

/// A directed road section between two nodes.
struct Link {
  std::string id;
  std::string from;  ///< upstream node id
  std::string to;    ///< downstream node id
  double length_m = 0;
  int lanes = 1;
  double speed_kmh = 50;                            ///< free-flow speed
  double saturation_flow_veh_per_h_per_lane = 1900; ///< base saturation flow (HCM: 1900 pc/h/lane)
  double jam_spacing_m = 7.5;                       ///< front-to-front spacing in a standing queue
  friend bool operator==(const Link&, const Link&) = default;
};

/// One arm of an intersection: the link arriving from that side and the link leaving to it.
struct Leg {
  std::string id;        ///< unique within its node, e.g. "north"; also names its crosswalk
  std::string in_link;   ///< link arriving at the node from this side ("" if none: one-way away)
  std::string out_link;  ///< link leaving the node to this side ("" if none: one-way toward)
  std::optional<double> bearing_deg;         ///< compass direction from the node out along the leg;
                                             ///< default: from the coordinates
  std::optional<double> crosswalk_length_m;  ///< pedestrian crossing across this leg, if any
  double grade_percent = 0;                  ///< approach grade, + uphill toward the node
  std::optional<double> approach_speed_kmh;  ///< default: the in-link's speed
  std::optional<double> width_m;             ///< intersection width crossed by vehicles from this leg
  friend bool operator==(const Leg&, const Leg&) = default;
};

/// A turning movement from an arriving link to a leaving link at one node.
struct Movement {
  std::string id;       ///< unique within its node, e.g. "NBL"
  std::string from_link;
  std::string to_link;
  TurnType turn = TurnType::through;
  std::optional<double> saturation_flow_veh_per_h_per_lane;  ///< overrides the link's base value
  bool right_turn_on_red = false;  ///< a right turn that may go on red after yielding (signalized nodes)
  bool closed = false;             ///< no traffic may take it: no signal phase serves it, no demand turns into it
  friend bool operator==(const Movement&, const Movement&) = default;
};

/// Lanes of one approach that serve a set of movements. Exclusive when it serves one movement,
/// shared otherwise.
struct LaneGroup {
  std::string id;                      ///< unique within its node
  std::string link;                    ///< the arriving link (the approach)
  std::vector<std::string> movements;  ///< movement ids it serves
  int lanes = 1;
  double bay_length_m = 0;             ///< turn bay storage ahead of the link's full lanes (0: none)
  // Prevailing conditions of its saturation flow (HCM factors, `hcm::SaturationFactors`):
  double lane_width_m = 3.6;                          ///< average lane width
  std::optional<double> parking_maneuvers_per_h{};    ///< a parking lane next to it: manoeuvres per hour
  double buses_stopping_per_h = 0;                    ///< local buses stopping within 75 m of the stop line
  std::optional<double> lane_utilization_factor{};    ///< f_LU; default: HCM's by lanes and movements
  friend bool operator==(const LaneGroup&, const LaneGroup&) = default;
};

/// A network node: intersection or boundary.
struct Node {
  std::string id;
  NodeControl control = NodeControl::uncontrolled;
  std::optional<double> x_m;  ///< east coordinate (local metric frame)
  std::optional<double> y_m;  ///< north coordinate
  std::vector<Leg> legs;
  std::vector<Movement> movements;
  std::vector<LaneGroup> lane_groups;
  std::vector<std::string> major_links{};  ///< two-way stop: links of the major street (movements
                                         ///< arriving on them do not stop)
  AreaType area_type = AreaType::other;    ///< `cbd`: central business district (saturation flow × 0.90)
  friend bool operator==(const Node&, const Node&) = default;
};

/// A vehicle detector (NTCIP 1202 terms).
struct Detector {
  std::string id;
  std::string link;
  std::vector<int> lanes;        ///< 1-based lane numbers counted from the median; empty: all
  double setback_m = 0;          ///< stop bar to the detector's downstream edge
  double length_m = 1.8;         ///< detection zone length
  std::vector<int> calls;        ///< phases (stages) it calls
  std::vector<int> extends;      ///< phases (stages) it extends
  double delay_s = 0;            ///< call delay
  double extend_s = 0;           ///< call extension (carry-over)
  friend bool operator==(const Detector&, const Detector&) = default;
};

/// The network: plain data plus topology queries (Boost.Graph stays inside the implementation).
struct Network {
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Detector> detectors;

  /// Index of the node / link with this id, or nullopt. Linear scan: human-scale use only.
  [[nodiscard]] std::optional<std::size_t> node_index(std::string_view id) const;
  [[nodiscard]] std::optional<std::size_t> link_index(std::string_view id) const;
  [[nodiscard]] const Node* find_node(std::string_view id) const;
  [[nodiscard]] const Link* find_link(std::string_view id) const;

  /// Links whose upstream node is a boundary node (where demand enters).
  [[nodiscard]] std::vector<std::size_t> entry_links() const;
  /// Links whose downstream node is a boundary node (where vehicles leave).
  [[nodiscard]] std::vector<std::size_t> exit_links() const;

  friend bool operator==(const Network&, const Network&) = default;
};

/// Text names used in files and messages ("signalized", "left", ...).
[[nodiscard]] std::string_view to_string(NodeControl control) noexcept;
[[nodiscard]] std::string_view to_string(TurnType turn) noexcept;
[[nodiscard]] std::optional<NodeControl> parse_node_control(std::string_view text) noexcept;
[[nodiscard]] std::optional<TurnType> parse_turn_type(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(AreaType area) noexcept;
[[nodiscard]] std::optional<AreaType> parse_area_type(std::string_view text) noexcept;

}  // namespace itsc

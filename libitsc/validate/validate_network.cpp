// Network checks: ids, references, numbers, geometry (turn types against bearings), lane groups,
// detectors, reachability.
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "network/geometry.hpp"
#include "network/topology.hpp"
#include "util/format_number.hpp"
#include "util/id_index.hpp"
#include "validate/checker.hpp"
#include "validate/validate_parts.hpp"

namespace itsc::detail {

namespace {

// Bounds against absurd input (a billion lanes, a 10^6 km link); generous for any real street.
constexpr int kMaxLanes = 16;
// HCM: lanes narrower than 8 ft are not lanes; one wider than 16 ft is two.
constexpr double kMinLaneWidth_m = 2.4;
constexpr double kMaxLaneWidth_m = 4.9;
constexpr double kMaxLinkLength_m = 100'000;
constexpr double kMaxSpeed_kmh = 200;
constexpr double kMaxSaturationFlow = 3600;  // veh/h/lane: one vehicle a second
constexpr double kMaxJamSpacing_m = 50;
constexpr double kMaxCrosswalk_m = 200;
constexpr double kMaxWidth_m = 300;

// Reports ids that are empty or repeated among `items`, at `base[i].id`.
template <typename Item>
void check_unique_ids(Checker& checker, const std::vector<Item>& items, const std::string& base) {
  std::map<std::string_view, std::size_t> first;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = indexed(base, i) + ".id";
    if (items[i].id.empty()) {
      checker.error(path, "must not be empty");
      continue;
    }
    const auto [it, inserted] = first.emplace(items[i].id, i);
    if (!inserted) checker.error(path, "duplicate id '" + items[i].id + "' (also " + indexed(base, it->second) + ")");
  }
}

void check_link(Checker& checker, const Link& link, const std::string& path, const IdIndex& nodes) {
  if (!nodes.contains(link.from)) checker.error(path + ".from", "unknown node '" + link.from + "'");
  if (!nodes.contains(link.to)) checker.error(path + ".to", "unknown node '" + link.to + "'");
  if (link.from == link.to && !link.from.empty()) {
    checker.error(path + ".to", "a link cannot start and end at the same node '" + link.to + "'");
  }
  checker.positive(path + ".length_m", link.length_m, kMaxLinkLength_m, "m");
  checker.positive_integer(path + ".lanes", link.lanes, kMaxLanes);
  const bool speed_ok = checker.positive(path + ".speed_kmh", link.speed_kmh, kMaxSpeed_kmh, "km/h");
  const bool flow_ok = checker.positive(path + ".saturation_flow_veh_per_h_per_lane",
                                        link.saturation_flow_veh_per_h_per_lane, kMaxSaturationFlow, "veh/h");
  const bool spacing_ok = checker.positive(path + ".jam_spacing_m", link.jam_spacing_m, kMaxJamSpacing_m, "m");
  // Triangular diagram: capacity must be reached below jam density, q/v < kj, or w would be negative.
  if (speed_ok && flow_ok && spacing_ok) {
    const double critical_density_per_km = link.saturation_flow_veh_per_h_per_lane / link.speed_kmh;
    const double jam_density_per_km = 1000.0 / link.jam_spacing_m;
    if (critical_density_per_km >= jam_density_per_km) {
      checker.error(path + ".saturation_flow_veh_per_h_per_lane",
                    "capacity " + format_number(link.saturation_flow_veh_per_h_per_lane) + " veh/h/lane at " +
                        format_number(link.speed_kmh) + " km/h needs more than the jam density of " +
                        format_number(jam_density_per_km) + " veh/km/lane");
    }
  }
}

void check_leg(Checker& checker, const Network& network, const Node& node, const Leg& leg,
               const std::string& path, const IdIndex& links) {
  if (leg.in_link.empty() && leg.out_link.empty()) checker.error(path, "a leg needs 'in' or 'out'");
  if (!leg.in_link.empty()) {
    const auto in = links.find(leg.in_link);
    if (!in) {
      checker.error(path + ".in", "unknown link '" + leg.in_link + "'");
    } else if (network.links[*in].to != node.id) {
      checker.error(path + ".in", "link '" + leg.in_link + "' does not arrive at node '" + node.id + "'");
    }
  }
  if (!leg.out_link.empty()) {
    const auto out = links.find(leg.out_link);
    if (!out) {
      checker.error(path + ".out", "unknown link '" + leg.out_link + "'");
    } else if (network.links[*out].from != node.id) {
      checker.error(path + ".out", "link '" + leg.out_link + "' does not leave node '" + node.id + "'");
    }
  }
  if (leg.bearing_deg) checker.within(path + ".bearing_deg", *leg.bearing_deg, 0, 360, "deg");
  if (leg.crosswalk_length_m) checker.positive(path + ".crosswalk_length_m", *leg.crosswalk_length_m, kMaxCrosswalk_m, "m");
  checker.within(path + ".grade_percent", leg.grade_percent, -20, 20, "%");
  if (leg.approach_speed_kmh) checker.positive(path + ".approach_speed_kmh", *leg.approach_speed_kmh, kMaxSpeed_kmh, "km/h");
  if (leg.width_m) checker.positive(path + ".width_m", *leg.width_m, kMaxWidth_m, "m");
}

void check_movement(Checker& checker, const Network& network, const Node& node, const Movement& movement,
                    const std::string& path, const IdIndex& links) {
  const auto from = links.find(movement.from_link);
  const auto to = links.find(movement.to_link);
  if (!from) {
    checker.error(path + ".from", "unknown link '" + movement.from_link + "'");
  } else if (network.links[*from].to != node.id) {
    checker.error(path + ".from", "link '" + movement.from_link + "' does not arrive at node '" + node.id + "'");
  }
  if (!to) {
    checker.error(path + ".to", "unknown link '" + movement.to_link + "'");
  } else if (network.links[*to].from != node.id) {
    checker.error(path + ".to", "link '" + movement.to_link + "' does not leave node '" + node.id + "'");
  }
  if (movement.right_turn_on_red && movement.turn != TurnType::right) {
    checker.error(path + ".right_turn_on_red", "a turn on red is for right turns, not '" +
                                                   std::string(to_string(movement.turn)) + "'");
  } else if (movement.right_turn_on_red && node.control != NodeControl::signalized) {
    checker.error(path + ".right_turn_on_red", "a turn on red needs a signalized node");
  }
  if (movement.saturation_flow_veh_per_h_per_lane) {
    checker.positive(path + ".saturation_flow_veh_per_h_per_lane", *movement.saturation_flow_veh_per_h_per_lane,
                     kMaxSaturationFlow, "veh/h");
  }
  if (!from || !to || network.links[*from].to != node.id || network.links[*to].from != node.id) return;
  const auto in_bearing = leg_bearing_deg(network, node, network.links[*from]);
  const auto out_bearing = leg_bearing_deg(network, node, network.links[*to]);
  if (!in_bearing || !out_bearing) return;
  const double angle = turn_angle_deg(*in_bearing, *out_bearing);
  if (!turn_agrees(movement.turn, angle)) {
    const double rounded = std::round(std::fabs(angle));
    const std::string described = classify_turn(angle) == TurnType::through ? "goes straight on ("
                                  : angle > 0                                ? "turns right ("
                                                                             : "turns left (";
    checker.error(path + ".turn", "turn '" + std::string(to_string(movement.turn)) +
                                      "' contradicts the bearings: the movement " + described +
                                      format_number(rounded) + " degrees)");
  }
}

void check_lane_groups(Checker& checker, const Network& network, const Node& node, const std::string& node_path,
                       const IdIndex& links) {
  std::map<std::string_view, std::string_view> group_of_movement;
  std::map<std::string_view, int> full_lanes_per_link;
  const IdIndex movements(node.movements);
  for (std::size_t g = 0; g < node.lane_groups.size(); ++g) {
    const LaneGroup& group = node.lane_groups[g];
    const std::string path = indexed(node_path + ".lane_groups", g);
    const auto link = links.find(group.link);
    if (!link) {
      checker.error(path + ".link", "unknown link '" + group.link + "'");
    } else if (network.links[*link].to != node.id) {
      checker.error(path + ".link", "link '" + group.link + "' does not arrive at node '" + node.id + "'");
    }
    checker.positive_integer(path + ".lanes", group.lanes, kMaxLanes);
    const bool bay_ok = checker.non_negative(path + ".bay_length_m", group.bay_length_m, kMaxLinkLength_m, "m");
    if (bay_ok && link && group.bay_length_m > 0 && group.bay_length_m >= network.links[*link].length_m) {
      checker.error(path + ".bay_length_m", "bay of " + format_number(group.bay_length_m) +
                                                " m does not fit on link '" + group.link + "' of " +
                                                format_number(network.links[*link].length_m) + " m");
    }
    if (group.bay_length_m == 0) full_lanes_per_link[group.link] += group.lanes;
    checker.within(path + ".lane_width_m", group.lane_width_m, kMinLaneWidth_m, kMaxLaneWidth_m, "m");
    if (group.parking_maneuvers_per_h) {
      checker.within(path + ".parking_maneuvers_per_h", *group.parking_maneuvers_per_h, 0, 180, "per hour");
    }
    checker.within(path + ".buses_stopping_per_h", group.buses_stopping_per_h, 0, 250, "per hour");
    if (group.lane_utilization_factor) {
      checker.positive(path + ".lane_utilization_factor", *group.lane_utilization_factor, 1.0);
    }
    if (group.movements.empty()) checker.error(path + ".movements", "must list at least one movement");
    for (std::size_t m = 0; m < group.movements.size(); ++m) {
      const std::string& id = group.movements[m];
      const std::string movement_path = indexed(path + ".movements", m);
      const auto movement = movements.find(id);
      if (!movement) {
        checker.error(movement_path, "unknown movement '" + id + "' at node '" + node.id + "'");
        continue;
      }
      if (node.movements[*movement].from_link != group.link) {
        checker.error(movement_path, "movement '" + id + "' does not start on link '" + group.link + "'");
      }
      const auto [it, inserted] = group_of_movement.emplace(id, group.id);
      if (!inserted) {
        checker.error(movement_path, "movement '" + id + "' is in lane groups '" + std::string(it->second) +
                                         "' and '" + group.id + "'");
      }
    }
  }
  for (const auto& [link_id, lanes] : full_lanes_per_link) {
    const auto link = links.find(link_id);
    if (link && lanes > network.links[*link].lanes) {
      checker.error(node_path + ".lane_groups", "lane groups without a bay use " + std::to_string(lanes) +
                                                    " lanes but link '" + std::string(link_id) + "' has " +
                                                    std::to_string(network.links[*link].lanes));
    }
  }
  // At signals and stop signs every movement needs its lanes.
  if (node.control != NodeControl::signalized && node.control != NodeControl::two_way_stop) return;
  for (std::size_t m = 0; m < node.movements.size(); ++m) {
    if (group_of_movement.count(node.movements[m].id) == 0) {
      checker.error(indexed(node_path + ".movements", m), "movement '" + node.movements[m].id +
                                                              "' is in no lane group");
    }
  }
}

// A two-way stop names its major street: links that arrive at or leave the node.
void check_major_street(Checker& checker, const Network& network, const Node& node, const std::string& path,
                        const IdIndex& links) {
  if (node.control != NodeControl::two_way_stop) {
    if (!node.major_links.empty()) checker.error(path + ".major_links", "major_links is for two_way_stop nodes");
    return;
  }
  if (node.major_links.empty()) {
    checker.error(path, "a two-way stop node needs its major street: list its links in major_links");
  }
  for (std::size_t i = 0; i < node.major_links.size(); ++i) {
    const std::string& id = node.major_links[i];
    const auto link = links.find(id);
    if (!link) {
      checker.error(indexed(path + ".major_links", i), "unknown link '" + id + "'");
    } else if (network.links[*link].to != node.id && network.links[*link].from != node.id) {
      checker.error(indexed(path + ".major_links", i), "link '" + id + "' does not meet node '" + node.id + "'");
    }
  }
}

void check_node(Checker& checker, const Network& network, const Node& node, const std::string& path,
                const IdIndex& links) {
  if (node.control == NodeControl::all_way_stop) {
    checker.error(path + ".control", "all-way stop control is not modelled yet; use signalized or two_way_stop");
  }
  if (node.x_m.has_value() != node.y_m.has_value()) checker.error(path, "give both x_m and y_m, or neither");
  check_unique_ids(checker, node.legs, path + ".legs");
  check_unique_ids(checker, node.movements, path + ".movements");
  check_unique_ids(checker, node.lane_groups, path + ".lane_groups");
  for (std::size_t l = 0; l < node.legs.size(); ++l) {
    check_leg(checker, network, node, node.legs[l], indexed(path + ".legs", l), links);
  }
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> pairs;
  for (std::size_t m = 0; m < node.movements.size(); ++m) {
    const Movement& movement = node.movements[m];
    const std::string movement_path = indexed(path + ".movements", m);
    check_movement(checker, network, node, movement, movement_path, links);
    const auto [it, inserted] = pairs.emplace(std::pair{std::string_view(movement.from_link),
                                                        std::string_view(movement.to_link)}, m);
    if (!inserted) {
      checker.error(movement_path, "movement from '" + movement.from_link + "' to '" + movement.to_link +
                                       "' is listed twice (also " + indexed(path + ".movements", it->second) + ")");
    }
  }
  check_lane_groups(checker, network, node, path, links);
  check_major_street(checker, network, node, path, links);
}

void check_detector(Checker& checker, const Detector& detector, const std::string& path, const Network& network,
                    const IdIndex& links) {
  const auto link = links.find(detector.link);
  if (!link) checker.error(path + ".link", "unknown link '" + detector.link + "'");
  // Within a turn bay's length the bays' lanes are part of the cross-section (docs/scenario-format.md).
  int lanes = link ? network.links[*link].lanes : kMaxLanes;
  int bay_lanes = 0;
  for (const Node& node : network.nodes) {
    for (const LaneGroup& group : node.lane_groups) {
      if (link && group.link == detector.link && group.bay_length_m > detector.setback_m) bay_lanes += group.lanes;
    }
  }
  lanes += bay_lanes;
  for (std::size_t i = 0; i < detector.lanes.size(); ++i) {
    if (detector.lanes[i] < 1 || detector.lanes[i] > lanes) {
      checker.error(indexed(path + ".lanes", i), "lane " + std::to_string(detector.lanes[i]) +
                                                     " does not exist (the link has " + std::to_string(lanes) +
                                                     (lanes == 1 ? " lane" : " lanes") +
                                                     (bay_lanes > 0 ? " at the detector, its bays' included)" : ")"));
    }
  }
  const double max_setback = link ? network.links[*link].length_m : kMaxLinkLength_m;
  checker.non_negative(path + ".setback_m", detector.setback_m, max_setback, "m");
  checker.positive(path + ".length_m", detector.length_m, 100, "m");
  for (const auto* list : {&detector.calls, &detector.extends}) {
    const std::string list_path = path + (list == &detector.calls ? ".calls" : ".extends");
    for (std::size_t i = 0; i < list->size(); ++i) {
      if ((*list)[i] < 1 || (*list)[i] > 16) {
        checker.error(indexed(list_path, i), "must be a phase number from 1 to 16, got " + std::to_string((*list)[i]));
      }
    }
  }
  checker.non_negative(path + ".delay_s", detector.delay_s, 255, "s");
  checker.non_negative(path + ".extend_s", detector.extend_s, 25.5, "s");
}

void check_connectivity(Checker& checker, const Network& network, const IdIndex& nodes) {
  // Every link arriving at an intersection must lead somewhere.
  std::set<std::string_view> served;
  for (const Node& node : network.nodes) {
    for (const Movement& movement : node.movements) served.insert(movement.from_link);
  }
  for (const Link& link : network.links) {
    const auto to = nodes.find(link.to);
    if (!to || network.nodes[*to].control == NodeControl::boundary || served.count(link.id) != 0) continue;
    checker.error(indexed("nodes", *to), "link '" + link.id + "' arrives at node '" + link.to +
                                             "' but no movement leaves it");
  }
  if (network.entry_links().empty()) checker.error("nodes", "no link starts at a boundary node: demand cannot enter");
  const Reachability reach = analyze_reachability(network);
  for (std::size_t l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    if (!nodes.contains(link.from) || !nodes.contains(link.to)) continue;
    if (!reach.reached_from_entry[l]) {
      checker.error(indexed("links", l), "link '" + link.id + "' is not reachable from any entry");
    } else if (!reach.reaches_exit[l]) {
      checker.error(indexed("links", l), "link '" + link.id + "' reaches no exit");
    }
  }
  if (reach.components > 1) {
    checker.warning("nodes", "the network has " + std::to_string(reach.components) + " separate parts");
  }
}

}  // namespace

void validate_network(Checker& checker, const Network& network) {
  check_unique_ids(checker, network.nodes, "nodes");
  check_unique_ids(checker, network.links, "links");
  check_unique_ids(checker, network.detectors, "detectors");
  const IdIndex nodes(network.nodes);
  const IdIndex links(network.links);
  for (std::size_t i = 0; i < network.links.size(); ++i) {
    check_link(checker, network.links[i], indexed("links", i), nodes);
  }
  for (std::size_t i = 0; i < network.nodes.size(); ++i) {
    check_node(checker, network, network.nodes[i], indexed("nodes", i), links);
  }
  for (std::size_t i = 0; i < network.detectors.size(); ++i) {
    check_detector(checker, network.detectors[i], indexed("detectors", i), network, links);
  }
  check_connectivity(checker, network, nodes);
}

}  // namespace itsc::detail

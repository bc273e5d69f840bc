// itsc::export_sumo_scenario: any scenario as SUMO plain XML (nodes, edges, connections, programs with the
// connections' link indices) and routes, so that an engineer's own network runs in microsimulation.
#include <algorithm>
#include <map>

#include "io/sumo/export_parts.hpp"
#include "io/sumo/xml_text.hpp"
#include "itsc/error.hpp"
#include "itsc/sumo.hpp"
#include "itsc/version.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace {

using detail::format_number;
using detail::xml_escaped;

std::string attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escaped(value) + "\"";
}

std::string header(std::string_view root) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- written by itsc " ITSC_VERSION_STRING " -->\n<" +
         std::string(root) + ">\n";
}

std::string node_type(const Node& node) {
  switch (node.control) {
    case NodeControl::signalized: return "traffic_light";
    case NodeControl::two_way_stop: return "priority_stop";
    case NodeControl::all_way_stop: return "allway_stop";
    case NodeControl::boundary:
    case NodeControl::uncontrolled: return "priority";
  }
  return "priority";
}

// Right turns on the right, lefts and U-turns on the left: the order of lane groups across an approach.
double side_of(const Node& node, const LaneGroup& group) {
  double sum = 0;
  for (const std::string& id : group.movements) {
    const auto movement = std::find_if(node.movements.begin(), node.movements.end(), [&](const Movement& m) { return m.id == id; });
    if (movement == node.movements.end()) continue;
    switch (movement->turn) {
      case TurnType::right: break;
      case TurnType::through: sum += 1; break;
      case TurnType::left: sum += 2; break;
      case TurnType::u_turn: sum += 3; break;
    }
  }
  return group.movements.empty() ? 1 : sum / static_cast<double>(group.movements.size());
}

// The lanes of one approach at its stop line: each lane group's first SUMO lane (0: the rightmost) and
// count, side by side.
struct ApproachLanes {
  std::map<std::string, std::pair<int, int>> by_movement;  ///< movement -> (first lane, lanes)
  int lanes = 0;
};

ApproachLanes approach_lanes(const Node& node, const Link& link) {
  std::vector<const LaneGroup*> groups;
  for (const LaneGroup& group : node.lane_groups) {
    if (group.link == link.id) groups.push_back(&group);
  }
  ApproachLanes out;
  if (groups.empty()) {  // one group of all its movements over the whole link
    for (const Movement& movement : node.movements) {
      if (movement.from_link == link.id) out.by_movement[movement.id] = {0, link.lanes};
    }
    out.lanes = link.lanes;
    return out;
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [&](const LaneGroup* a, const LaneGroup* b) { return side_of(node, *a) < side_of(node, *b); });
  int total = 0;
  for (const LaneGroup* group : groups) total += group->lanes;
  // Lanes the groups leave over (a valid scenario's groups may serve fewer than the link has) widen the
  // group most in the middle of the road, the through traffic's.
  const int spare = std::max(0, link.lanes - total);
  const auto middle = static_cast<std::size_t>(std::min_element(groups.begin(), groups.end(), [&](const LaneGroup* a, const LaneGroup* b) {
                                                 return std::abs(side_of(node, *a) - 1) < std::abs(side_of(node, *b) - 1);
                                               }) - groups.begin());
  int lane = 0;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const int lanes = groups[g]->lanes + (g == middle ? spare : 0);
    for (const std::string& id : groups[g]->movements) out.by_movement[id] = {lane, lanes};
    lane += lanes;
  }
  out.lanes = lane;
  return out;
}

struct Connection {
  std::string from, to;
  int from_lane = 0, to_lane = 0;
  std::string movement;
};

// The connections of a movement lane by lane: lefts into the leaving link's left lanes, the others from
// its right.
std::vector<Connection> connections_of(const Movement& movement, std::pair<int, int> lanes, int to_lanes) {
  std::vector<Connection> out;
  const bool left = movement.turn == TurnType::left || movement.turn == TurnType::u_turn;
  for (int k = 0; k < lanes.second; ++k) {
    const int to_lane = left ? std::max(0, to_lanes - lanes.second + k) : std::min(k, to_lanes - 1);
    out.push_back({movement.from_link, movement.to_link, lanes.first + k, to_lane, movement.id});
  }
  return out;
}

}  // namespace

SumoScenarioExport export_sumo_scenario(const Scenario& scenario, const std::string& name, const SumoExportOptions& options) {
  std::vector<Diagnostic> errors = validate(scenario);
  std::erase_if(errors, [](const Diagnostic& d) { return d.severity != Severity::error; });
  if (!errors.empty()) throw Error(ErrorCode::invalid_input, std::move(errors));
  const Network& network = scenario.network;
  SumoScenarioExport out;

  out.nodes = header("nodes");
  for (const Node& node : network.nodes) {
    if (!node.x_m || !node.y_m) {
      throw Error(ErrorCode::invalid_input, "node '" + node.id + "' has no coordinates (x_m, y_m): SUMO places every junction");
    }
    out.nodes += "    <node" + attribute("id", node.id) + attribute("x", format_number(*node.x_m)) +
                 attribute("y", format_number(*node.y_m)) + attribute("type", node_type(node)) +
                 (node.control == NodeControl::signalized ? attribute("tl", node.id) : "") + "/>\n";
  }
  out.nodes += "</nodes>\n";

  // Lanes at each approach's stop line; an edge has as many as its stop line needs.
  std::map<std::string, ApproachLanes> approaches;
  for (const Node& node : network.nodes) {
    for (const Link& link : network.links) {
      if (link.to == node.id && node.control != NodeControl::boundary) approaches[link.id] = approach_lanes(node, link);
    }
  }
  out.edges = header("edges");
  int widened = 0;
  for (const Link& link : network.links) {
    const auto found = approaches.find(link.id);
    const int lanes = std::max(link.lanes, found == approaches.end() ? 0 : found->second.lanes);
    widened += lanes > link.lanes ? 1 : 0;
    // Two-way stops: the major street's links rank first, so that netconvert gives them the right of way.
    const Node* to = network.find_node(link.to);
    const bool major = to != nullptr && std::find(to->major_links.begin(), to->major_links.end(), link.id) != to->major_links.end();
    out.edges += "    <edge" + attribute("id", link.id) + attribute("from", link.from) + attribute("to", link.to) +
                 attribute("numLanes", std::to_string(lanes)) + attribute("speed", format_number(link.speed_kmh / 3.6)) +
                 attribute("length", format_number(link.length_m)) + attribute("priority", major ? "2" : "1") + "/>\n";
  }
  out.edges += "</edges>\n";
  if (widened > 0) {
    out.report.push_back(std::to_string(widened) + " links have more lanes at their stop line than along them (bays): "
                         "SUMO's edges have those lanes over their whole length");
  }

  // Connections lane by lane; at a signal each one takes the next link index of its traffic light.
  Scenario signals = scenario;
  signals.sumo = {};
  out.connections = header("connections");
  std::string indexed;
  for (const Node& node : network.nodes) {
    if (node.control == NodeControl::boundary) continue;
    SumoSignal signal{.node = node.id, .tls = node.id, .link_count = 0, .link_indices = {}, .foes = std::nullopt};
    for (const Movement& movement : node.movements) {
      if (movement.closed) continue;
      const Link* to = network.find_link(movement.to_link);
      for (const Connection& c : connections_of(movement, approaches.at(movement.from_link).by_movement.at(movement.id), to->lanes)) {
        const std::string lanes = attribute("from", c.from) + attribute("to", c.to) +
                                  attribute("fromLane", std::to_string(c.from_lane)) + attribute("toLane", std::to_string(c.to_lane));
        out.connections += "    <connection" + lanes + "/>\n";
        if (node.control != NodeControl::signalized) continue;
        indexed += "    <connection" + lanes + attribute("tl", node.id) + attribute("linkIndex", std::to_string(signal.link_count)) + "/>\n";
        signal.link_indices[movement.id].push_back(signal.link_count++);
      }
    }
    if (node.control == NodeControl::signalized) signals.sumo.signals.push_back(std::move(signal));
  }
  out.connections += "</connections>\n";

  // Programs: the plans as the existing export writes them, for these link indices.
  SumoExport programs = export_sumo_tls(signals, options);
  const std::string open = "<additional>\n";
  const std::size_t begin = programs.xml.find(open) + open.size();
  const std::size_t end = programs.xml.rfind("</additional>");
  out.programs = header("tlLogics") + programs.xml.substr(begin, end - begin) + indexed + "</tlLogics>\n";
  out.report.insert(out.report.end(), programs.report.begin(), programs.report.end());

  out.routes = detail::sumo_routes(scenario, out.report);
  out.netconvert_config = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n    <input>\n"
                          "        <node-files value=\"" + xml_escaped(name) + ".nod.xml\"/>\n"
                          "        <edge-files value=\"" + xml_escaped(name) + ".edg.xml\"/>\n"
                          "        <connection-files value=\"" + xml_escaped(name) + ".con.xml\"/>\n"
                          "        <tllogic-files value=\"" + xml_escaped(name) + ".tll.xml\"/>\n    </input>\n"
                          "    <output>\n        <output-file value=\"" + xml_escaped(name) + ".net.xml\"/>\n    </output>\n"
                          "</configuration>\n";
  out.sumo_config = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n    <input>\n"
                    "        <net-file value=\"" + xml_escaped(name) + ".net.xml\"/>\n"
                    "        <route-files value=\"" + xml_escaped(name) + ".rou.xml\"/>\n    </input>\n"
                    "    <time>\n        <begin value=\"0\"/>\n        <end value=\"" + format_number(scenario.duration_s()) +
                    "\"/>\n    </time>\n</configuration>\n";
  return out;
}

}  // namespace itsc

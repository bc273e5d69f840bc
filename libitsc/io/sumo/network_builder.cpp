// SumoNet -> Network: links from edges with car lanes, nodes from junctions, legs with bearings from
// the lane shapes, movements from connections, lane groups from the connections' lanes.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "io/sumo/import_parts.hpp"
#include "util/id_index.hpp"

namespace itsc::detail {

namespace {

const SumoLane* first_car_lane(const SumoEdge& edge) {
  for (const SumoLane& lane : edge.lanes) {
    if (lane.allows_cars) return &lane;
  }
  return nullptr;
}

// The length of the path through the junction upstream of each edge: that of the through connections
// into it where there are any (the straight path a progression platoon takes), else of all of them.
// The cell transmission model has no junction area, so a link must run from stop line to stop line.
std::map<std::string, double> crossing_into(const SumoNet& net) {
  std::map<std::string, std::array<double, 4>> sums;  // through sum, count; other sum, count
  for (const SumoConnection& connection : net.connections) {
    if (!(connection.crossing_m > 0)) continue;
    auto& sum = sums[connection.to];
    const std::size_t at = connection.dir == 's' ? 0 : 2;
    sum[at] += connection.crossing_m;
    sum[at + 1] += 1;
  }
  std::map<std::string, double> crossing;
  for (const auto& [edge, sum] : sums) crossing[edge] = sum[1] > 0 ? sum[0] / sum[1] : sum[2] / sum[3];
  return crossing;
}

Link make_link(const SumoEdge& edge, double crossing_m) {
  Link link;
  link.id = edge.id;
  link.from = edge.from;
  link.to = edge.to;
  link.length_m = first_car_lane(edge)->length_m;
  if (crossing_m > 0) link.length_m = std::round((link.length_m + crossing_m) * 100) / 100;  // SUMO's 0.01 m
  link.lanes = 0;
  double speed_mps = 0;
  for (const SumoLane& lane : edge.lanes) {
    if (!lane.allows_cars) continue;
    ++link.lanes;
    speed_mps = std::max(speed_mps, lane.speed_mps);
  }
  link.speed_kmh = std::round(speed_mps * 3.6 * 100) / 100;
  return link;
}

// Movement id -> its foes at `node`, from the junction's request table (a movement is a foe of another
// when any connection of one is of any connection of the other); none when a movement's connections
// have no row there or the table is missing.
std::optional<std::map<std::string, std::vector<std::string>>> foes_of(
    const Node& node, const std::vector<std::string>& table, const std::map<std::string, std::vector<int>>& requests) {
  const auto foe = [&](int i, int j) {
    const std::string& row = table[static_cast<std::size_t>(i)];
    return row[row.size() - 1 - static_cast<std::size_t>(j)] == '1';
  };
  const auto rows_of = [&](const Movement& movement) -> const std::vector<int>* {
    const auto found = requests.find(movement.id);
    if (found == requests.end()) return nullptr;
    for (const int row : found->second) {
      if (row < 0 || static_cast<std::size_t>(row) >= table.size()) return nullptr;
    }
    return &found->second;
  };
  std::map<std::string, std::vector<std::string>> foes;
  for (const Movement& a : node.movements) {
    const std::vector<int>* rows_a = rows_of(a);
    if (rows_a == nullptr) return std::nullopt;
    std::vector<std::string>& list = foes[a.id];
    for (const Movement& b : node.movements) {
      const std::vector<int>* rows_b = rows_of(b);
      if (&a == &b || rows_b == nullptr) continue;
      const bool any = std::any_of(rows_a->begin(), rows_a->end(), [&](int i) {
        return std::any_of(rows_b->begin(), rows_b->end(), [&](int j) { return foe(i, j) || foe(j, i); });
      });
      if (any) list.push_back(b.id);
    }
  }
  return foes;
}

NodeControl control_of(const std::string& type) {
  if (type == "traffic_light" || type == "traffic_light_right_on_red" || type == "traffic_light_unregulated") {
    return NodeControl::signalized;
  }
  if (type == "dead_end") return NodeControl::boundary;
  return NodeControl::uncontrolled;
}

std::optional<TurnType> turn_of(char dir) {
  switch (dir) {
    case 's': return TurnType::through;
    case 't': return TurnType::u_turn;
    case 'l': case 'L': return TurnType::left;
    case 'r': case 'R': return TurnType::right;
    default: return std::nullopt;
  }
}

}  // namespace

void build_network(const SumoNet& net, Scenario& scenario, std::vector<std::string>& report) {
  Network& network = scenario.network;
  std::map<std::string, std::size_t> program_links;
  for (const SumoProgram& program : net.programs) program_links[program.id] = program.phases.front().state.size();
  std::map<std::string, const SumoEdge*> edges;
  std::size_t without_cars = 0;
  std::size_t partial = 0;
  const std::map<std::string, double> crossing = crossing_into(net);
  std::size_t with_crossing = 0;
  for (const SumoEdge& edge : net.edges) {
    if (first_car_lane(edge) == nullptr) {
      ++without_cars;
      continue;
    }
    if (edge.from == edge.to) {
      report.push_back(edge.at.where() + ": edge '" + edge.id + "' starts and ends at one junction: dropped");
      continue;
    }
    if (std::any_of(edge.lanes.begin(), edge.lanes.end(), [](const SumoLane& l) { return !l.allows_cars; })) ++partial;
    edges.emplace(edge.id, &edge);
    const auto crossed = crossing.find(edge.id);
    with_crossing += crossed != crossing.end() ? 1 : 0;
    network.links.push_back(make_link(edge, crossed != crossing.end() ? crossed->second : 0.0));
  }
  if (with_crossing > 0) {
    report.push_back(std::to_string(with_crossing) + " links include the junction crossing upstream of their edge "
                     "(SUMO's internal lanes, the through path where there is one): links run from stop line to stop line");
  }
  if (without_cars > 0) {
    report.push_back(std::to_string(without_cars) + " edges without car lanes (sidewalks, bike paths, rail) skipped");
  }
  if (partial > 0) {
    report.push_back(std::to_string(partial) + " edges have non-car lanes (sidewalks, bike or bus lanes): those lanes skipped");
  }

  // Nodes: junctions that kept links touch; one neighbour makes a boundary.
  std::map<std::string, std::set<std::string>> neighbours;
  for (const Link& link : network.links) {
    neighbours[link.from].insert(link.to);
    neighbours[link.to].insert(link.from);
  }
  std::size_t fringe = 0;
  for (const SumoJunction& junction : net.junctions) {
    const auto found = neighbours.find(junction.id);
    if (found == neighbours.end()) continue;
    Node node;
    node.id = junction.id;
    node.control = control_of(junction.type);
    node.x_m = junction.x_m;
    node.y_m = junction.y_m;
    if (node.control != NodeControl::boundary && found->second.size() == 1) {
      node.control = NodeControl::boundary;
      ++fringe;
    }
    if (junction.type == "allway_stop" || junction.type == "priority_stop" || junction.type == "right_before_left" ||
        junction.type == "left_before_right") {
      report.push_back("junction '" + junction.id + "' (" + junction.type +
                       ") imported as uncontrolled (a merge/diverge without stop or yield rules)");
    }
    network.nodes.push_back(std::move(node));
  }
  if (fringe > 0) {
    report.push_back(std::to_string(fringe) + " fringe junctions with a single neighbour (and any signal there) "
                                              "imported as boundary nodes where traffic enters and leaves");
  }

  // Movements from the connections of car lanes, with their link indices; the lanes each serves.
  const IdIndex nodes(network.nodes);
  std::map<std::pair<std::string, std::string>, std::map<int, std::set<std::string>>> approach_lanes;
  std::map<std::string, std::vector<int>> requests;  // movement id -> its connections' request rows
  for (const SumoConnection& connection : net.connections) {
    const auto from = edges.find(connection.from);
    const auto to = edges.find(connection.to);
    if (from == edges.end() || to == edges.end()) continue;
    const auto lane = std::find_if(from->second->lanes.begin(), from->second->lanes.end(),
                                   [&](const SumoLane& l) { return l.index == connection.from_lane; });
    if (lane == from->second->lanes.end() || !lane->allows_cars) continue;
    Node& node = network.nodes[*nodes.find(from->second->to)];
    if (node.control == NodeControl::boundary) continue;
    const std::string id = connection.from + "->" + connection.to;
    auto movement = std::find_if(node.movements.begin(), node.movements.end(), [&](const Movement& m) { return m.id == id; });
    if (movement == node.movements.end()) {
      Movement created;
      created.id = id;
      created.from_link = connection.from;
      created.to_link = connection.to;
      created.turn = turn_of(connection.dir).value_or(TurnType::through);
      node.movements.push_back(std::move(created));
      movement = node.movements.end() - 1;
    }
    if (!connection.tl.empty() && node.control == NodeControl::signalized) {
      SumoSignal* signal = find_signal(scenario, node.id);
      if (signal == nullptr) {
        SumoSignal created;
        created.node = node.id;
        created.tls = connection.tl;
        created.link_count = static_cast<int>(program_links.at(connection.tl));
        scenario.sumo.signals.push_back(std::move(created));
        signal = &scenario.sumo.signals.back();
      }
      if (signal->tls == connection.tl) {
        std::vector<int>& indices = signal->link_indices[id];
        if (std::find(indices.begin(), indices.end(), connection.link_index) == indices.end()) {
          indices.push_back(connection.link_index);
        }
      }
    }
    approach_lanes[{node.id, connection.from}][connection.from_lane].insert(id);
    requests[id].push_back(connection.request);
  }
  for (SumoSignal& signal : scenario.sumo.signals) {
    for (auto& entry : signal.link_indices) std::sort(entry.second.begin(), entry.second.end());
    const auto junction = std::find_if(net.junctions.begin(), net.junctions.end(),
                                       [&](const SumoJunction& j) { return j.id == signal.node; });
    if (junction != net.junctions.end()) {
      signal.foes = foes_of(network.nodes[*nodes.find(signal.node)], junction->foes, requests);
    }
  }
  const LinkBearing lane_bearing = [&](const Link& link, bool arriving) {
    return polyline_bearing(first_car_lane(*edges.at(link.id))->shape, arriving);
  };
  for (Node& node : network.nodes) add_legs(node, network, lane_bearing);
  for (const auto& [key, lanes] : approach_lanes) {
    Node& node = network.nodes[*nodes.find(key.first)];
    if (node.control != NodeControl::signalized) continue;
    const SumoEdge& edge = *edges.at(key.second);
    add_lane_groups(node, key.second, lanes, [&](int index) {
      for (const SumoLane& lane : edge.lanes) {
        if (lane.index == index) return lane.id;
      }
      return edge.id + "_" + std::to_string(index);
    });
  }
}

SumoSignal* find_signal(Scenario& scenario, std::string_view node) {
  for (SumoSignal& signal : scenario.sumo.signals) {
    if (signal.node == node) return &signal;
  }
  return nullptr;
}

}  // namespace itsc::detail

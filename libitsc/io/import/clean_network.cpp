// Imported networks (OpenStreetMap, netgenerate, CityFlow's grids) are taken as they are: a turn type the
// tool gives that the bearings contradict follows the bearings, and links that cannot carry traffic from
// an entry to an exit are dropped. Both are report lines, so the scenario validates and the user knows why.
#include <cmath>
#include <set>

#include "io/import/import_steps.hpp"
#include "network/geometry.hpp"
#include "network/topology.hpp"
#include "util/format_number.hpp"

namespace itsc::detail {

namespace {

void align_turns_with_bearings(Network& network, const ImportTerms& terms, std::vector<std::string>& report) {
  for (Node& node : network.nodes) {
    for (Movement& movement : node.movements) {
      const Link* from = network.find_link(movement.from_link);
      const Link* to = network.find_link(movement.to_link);
      if (from == nullptr || to == nullptr) continue;
      const auto in_bearing = leg_bearing_deg(network, node, *from);
      const auto out_bearing = leg_bearing_deg(network, node, *to);
      if (!in_bearing || !out_bearing) continue;
      const double angle = turn_angle_deg(*in_bearing, *out_bearing);
      if (turn_agrees(movement.turn, angle)) continue;
      const TurnType by_bearings = classify_turn(angle);
      report.push_back("warning: node '" + node.id + "', movement '" + movement.id + "': " + terms.tool + "'s turn '" +
                       std::string(to_string(movement.turn)) + "' contradicts the bearings (" +
                       format_number(std::round(angle)) + " degrees): imported as '" +
                       std::string(to_string(by_bearings)) + "'");
      movement.turn = by_bearings;
    }
  }
}

// Removes the links named in `dropped` and everything that refers to them.
void remove_links(Network& network, const std::set<std::string>& dropped) {
  std::erase_if(network.links, [&](const Link& link) { return dropped.count(link.id) != 0; });
  for (Node& node : network.nodes) {
    std::set<std::string> gone;
    for (const Movement& movement : node.movements) {
      if (dropped.count(movement.from_link) != 0 || dropped.count(movement.to_link) != 0) gone.insert(movement.id);
    }
    std::erase_if(node.movements, [&](const Movement& m) { return gone.count(m.id) != 0; });
    for (LaneGroup& group : node.lane_groups) {
      std::erase_if(group.movements, [&](const std::string& id) { return gone.count(id) != 0; });
    }
    std::erase_if(node.lane_groups, [&](const LaneGroup& g) { return g.movements.empty() || dropped.count(g.link) != 0; });
    for (Leg& leg : node.legs) {
      if (dropped.count(leg.in_link) != 0) leg.in_link.clear();
      if (dropped.count(leg.out_link) != 0) leg.out_link.clear();
    }
    std::erase_if(node.legs, [](const Leg& leg) { return leg.in_link.empty() && leg.out_link.empty(); });
  }
  std::set<std::string> used;
  for (const Link& link : network.links) {
    used.insert(link.from);
    used.insert(link.to);
  }
  std::erase_if(network.nodes, [&](const Node& node) { return used.count(node.id) == 0; });
}

void drop_dead_links(Network& network, const ImportTerms& terms, std::vector<std::string>& report) {
  for (;;) {
    const Reachability reach = analyze_reachability(network);
    std::set<std::string> dropped;
    for (std::size_t l = 0; l < network.links.size(); ++l) {
      const Link& link = network.links[l];
      if (!reach.reached_from_entry[l]) {
        report.push_back(terms.link + " '" + link.id + "' dropped: no entry reaches it");
      } else if (!reach.reaches_exit[l]) {
        report.push_back(terms.link + " '" + link.id + "' dropped: it reaches no exit (dead end)");
      } else {
        continue;
      }
      dropped.insert(link.id);
    }
    if (dropped.empty()) return;
    remove_links(network, dropped);
  }
}

}  // namespace

void clean_network(Network& network, const ImportTerms& terms, std::vector<std::string>& report) {
  align_turns_with_bearings(network, terms, report);
  drop_dead_links(network, terms, report);
}

}  // namespace itsc::detail

#pragma once
// Structural checks every generated (or bundled) scenario must pass, independent of the loader:
// turn types against the coordinates, turning proportions, lane groups, stage sums, entries.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

#include "itsc/scenario.hpp"

namespace itsc::testing {

// Compass bearing (degrees clockwise from north) from node a to node b.
inline double bearing_deg(const Node& a, const Node& b) {
  const double degrees = std::atan2(*b.x_m - *a.x_m, *b.y_m - *a.y_m) * 180 / 3.14159265358979323846;
  return degrees < 0 ? degrees + 360 : degrees;
}

// The turn from the arriving direction to the leaving direction: right is clockwise.
inline TurnType turn_from_geometry(const Network& network, const Node& node, const Movement& movement) {
  const Node& upstream = *network.find_node(network.find_link(movement.from_link)->from);
  const Node& downstream = *network.find_node(network.find_link(movement.to_link)->to);
  const double arriving = bearing_deg(upstream, node);
  double delta = bearing_deg(node, downstream) - arriving;
  while (delta > 180) delta -= 360;
  while (delta <= -180) delta += 360;
  if (std::abs(delta) <= 30)
    return TurnType::through;  // as scripts/derive_chicago_ashland.py: Ogden is 42° off
  if (std::abs(delta) >= 150) return TurnType::u_turn;
  return delta > 0 ? TurnType::right : TurnType::left;
}

inline void check_structure(const Scenario& scenario) {
  const Network& network = scenario.network;
  for (const std::size_t index : network.entry_links()) {
    bool has_entry = false;
    for (const EntryFlow& entry : scenario.demand.entries)
      has_entry = has_entry || entry.link == network.links[index].id;
    CHECK_MESSAGE(has_entry, network.links[index].id);
  }
  for (const EntryFlow& entry : scenario.demand.entries) {
    const Link* link = network.find_link(entry.link);
    REQUIRE(link != nullptr);
    CHECK(network.find_node(link->from)->control == NodeControl::boundary);
  }
  for (const Node& node : network.nodes) {
    if (node.control != NodeControl::signalized) continue;
    INFO("node ", node.id);
    REQUIRE(scenario.timing.count(node.id) == 1);
    const Timing& timing = scenario.timing.at(node.id);
    double total_s = 0;
    std::set<std::string> served;
    for (const Stage& stage : timing.stages) {
      total_s += stage.split_s();
      CHECK(stage.yellow_s >= 3);
      CHECK(stage.red_clearance_s >= 1);
      CHECK(stage.red_clearance_s <= 2);
      CHECK(stage.green_s >= 5);
      served.insert(stage.serves.protected_movements.begin(), stage.serves.protected_movements.end());
      served.insert(stage.serves.permitted_movements.begin(), stage.serves.permitted_movements.end());
    }
    CHECK(total_s == doctest::Approx(timing.cycle_s).epsilon(1e-12));
    std::set<std::string> approaches;
    for (const Movement& movement : node.movements) {
      INFO("movement ", movement.id);
      CHECK(turn_from_geometry(network, node, movement) == movement.turn);
      CHECK(served.count(movement.id) == 1);
      approaches.insert(movement.from_link);
      int groups = 0;
      for (const LaneGroup& group : node.lane_groups) {
        for (const std::string& id : group.movements) groups += id == movement.id ? 1 : 0;
      }
      CHECK(groups == 1);
    }
    for (const std::string& link : approaches) {
      INFO("approach ", link);
      int found = 0;
      for (const ApproachTurns& turns : scenario.demand.turns) {
        if (turns.node != node.id || turns.link != link) continue;
        ++found;
        double sum = 0;
        for (const TurnShare& share : turns.shares) sum += share.values.at(0);
        if (!turns.counts) CHECK(sum == doctest::Approx(1).epsilon(1e-9));
      }
      CHECK(found == 1);
    }
  }
}

}  // namespace itsc::testing

// UTDF export of a network imported from UTDF: [Network] units, [Nodes], [Links] per approach direction
// (from the legs' bearings), [Lanes] per movement column (lanes, shared flags, storage, phases, volumes).
#include <algorithm>
#include <cmath>

#include "io/utdf/utdf_parts.hpp"
#include "io/utdf/utdf_writer.hpp"
#include "itsc/ring_plan.hpp"

namespace itsc::detail::utdf {

namespace {

// Bearing of travel of a link as it arrives at its downstream node, from the legs (or coordinates).
std::optional<double> arriving_bearing(const Network& network, const Link& link) {
  for (const Node* node : {network.find_node(link.to), network.find_node(link.from)}) {
    for (const Leg& leg : node->legs) {
      if (!leg.bearing_deg) continue;
      if (node->id == link.to && leg.in_link == link.id) return std::fmod(*leg.bearing_deg + 180, 360);
      if (node->id == link.from && leg.out_link == link.id) return *leg.bearing_deg;
    }
  }
  const Node* from = network.find_node(link.from);
  const Node* to = network.find_node(link.to);
  if (from->x_m && from->y_m && to->x_m && to->y_m) {
    return std::fmod(std::atan2(*to->x_m - *from->x_m, *to->y_m - *from->y_m) * 180 / 3.14159265358979323846 + 360, 360);
  }
  return std::nullopt;
}

}  // namespace

void write_network_sections(const Scenario& scenario, const Intids& ids, std::string& csv,
                            std::vector<std::string>& report) {
  const Network& network = scenario.network;
  const FileUnits units{scenario.utdf->metric};
  csv += "[Network]\nNetwork Settings\nRECORDNAME,DATA\nMetric," + std::string(units.metric ? "1" : "0") + "\n\n";
  csv += "[Nodes]\nNode Data\nINTID,TYPE,X,Y\n";
  for (const Node& node : network.nodes) {
    const int type = node.control == NodeControl::boundary ? 1 : node.control == NodeControl::signalized ? 0 : 3;
    csv += ids.at(node.id) + "," + std::to_string(type) + "," + (node.x_m ? cell(units.to_file_length(*node.x_m)) : "") + "," +
           (node.y_m ? cell(units.to_file_length(*node.y_m)) : "") + "\n";
  }
  csv += "\n[Links]\nLink Data\nRECORDNAME,INTID";
  for (std::string_view d : kDirections) csv += "," + std::string(d);
  csv += "\n";
  for (const Node& node : network.nodes) {
    std::vector<std::string> up(8), lanes(8), distance(8), speed(8);
    for (const Link& link : network.links) {
      if (link.to != node.id) continue;
      const auto bearing = arriving_bearing(network, link);
      if (!bearing) {
        report.push_back("link " + link.id + ": no bearing (no legs, no coordinates); left out of [Links]");
        continue;
      }
      const std::size_t d = nearest_direction(*bearing);
      up[d] = ids.at(link.from);
      lanes[d] = std::to_string(link.lanes);
      distance[d] = cell(units.to_file_length(link.length_m));
      speed[d] = cell(units.to_file_speed(link.speed_kmh));
    }
    write_row(csv, "Up ID", ids.at(node.id), up);
    write_row(csv, "Lanes", ids.at(node.id), lanes);
    write_row(csv, "Distance", ids.at(node.id), distance);
    write_row(csv, "Speed", ids.at(node.id), speed);
  }
  // [Lanes]: one column per movement column any node uses, in the order the nodes list them (the
  // import's order, so that a round trip keeps the movements' order).
  std::vector<std::string> columns;
  for (const Node& node : network.nodes) {
    for (const Movement& movement : node.movements) {
      if (!parse_movement_column(movement.id)) {
        report.push_back("node " + node.id + " movement " + movement.id + ": not a UTDF movement column, left out of [Lanes]");
      } else if (std::find(columns.begin(), columns.end(), movement.id) == columns.end()) {
        columns.push_back(movement.id);
      }
    }
  }
  csv += "\n[Lanes]\nLane Group Data\nRECORDNAME,INTID";
  for (const std::string& column : columns) csv += "," + column;
  csv += "\n";
  for (const Node& node : network.nodes) {
    if (node.movements.empty()) continue;
    const auto per_column = [&](auto field) {
      std::vector<std::string> cells;
      for (const std::string& column : columns) {
        const auto found = std::find_if(node.movements.begin(), node.movements.end(), [&](const Movement& m) { return m.id == column; });
        cells.push_back(found == node.movements.end() ? "" : field(*found));
      }
      return cells;
    };
    const auto group_of = [&](const std::string& id) -> const LaneGroup* {
      for (const LaneGroup& group : node.lane_groups) {
        if (group.id == id) return &group;
      }
      return nullptr;
    };
    // The phases serving a movement, in phase order: UTDF has four Phase and four PermPhase rows.
    const auto phases_of = [&](const Movement& movement, bool permitted) {
      std::vector<std::string> out;
      const auto timing = scenario.timing.find(node.id);
      if (timing == scenario.timing.end()) return out;
      for (const Phase& phase : ring_plan_of(timing->second).phases) {
        const auto& list = permitted ? phase.serves.permitted_movements : phase.serves.protected_movements;
        if (std::find(list.begin(), list.end(), movement.id) != list.end()) out.push_back(std::to_string(phase.number));
      }
      return out;
    };
    const auto counts = [&](const Movement& movement) -> std::string {
      for (const ApproachTurns& approach : scenario.demand.turns) {
        if (approach.node != node.id || !approach.counts) continue;
        for (const TurnShare& share : approach.shares) {
          if (share.movement == movement.id && !share.values.empty()) return cell(share.values[0]);
        }
      }
      return "";
    };
    const std::string& intid = ids.at(node.id);
    write_row(csv, "Up Node", intid, per_column([&](const Movement& m) { return ids.at(network.find_link(m.from_link)->from); }));
    write_row(csv, "Dest Node", intid, per_column([&](const Movement& m) { return ids.at(network.find_link(m.to_link)->to); }));
    write_row(csv, "Lanes", intid, per_column([&](const Movement& m) { const LaneGroup* g = group_of(m.id); return std::to_string(g ? g->lanes : 0); }));
    write_row(csv, "Shared", intid, per_column([&](const Movement& m) {
      const LaneGroup* group = group_of(m.id);
      if (!group) return std::string("0");
      const std::size_t own = parse_movement_column(m.id)->turn;
      int code = 0;
      for (const std::string& other : group->movements) {
        const auto column = parse_movement_column(other);
        if (column && column->turn < own) code |= 1;
        if (column && column->turn > own) code |= 2;
      }
      return std::to_string(code);
    }));
    write_row(csv, "Storage", intid, per_column([&](const Movement& m) { const LaneGroup* g = group_of(m.id); return g && g->bay_length_m > 0 ? cell(units.to_file_length(g->bay_length_m)) : std::string(""); }));
    for (const bool permitted : {false, true}) {
      std::size_t rows = 1;
      for (const Movement& movement : node.movements) {
        const std::size_t count = phases_of(movement, permitted).size();
        if (count > 4) report.push_back("node " + node.id + " " + movement.id + ": served by more than four phases; the first four written");
        rows = std::max(rows, std::min<std::size_t>(count, 4));
      }
      for (std::size_t k = 0; k < rows; ++k) {
        const std::string record = (permitted ? "PermPhase" : "Phase") + std::to_string(k + 1);
        write_row(csv, record, intid, per_column([&](const Movement& m) {
          const auto list = phases_of(m, permitted);
          return k < list.size() ? list[k] : std::string();
        }));
      }
    }
    write_row(csv, "Allow RTOR", intid, per_column([&](const Movement& m) { return std::string(m.right_turn_on_red ? "1" : "0"); }));
    write_row(csv, "Volume", intid, per_column(counts));
  }
  csv += "\n";
}

}  // namespace itsc::detail::utdf

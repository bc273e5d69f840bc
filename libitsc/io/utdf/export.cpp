// itsc::export_utdf: every signalized node's plan as UTDF [Phases] and [Timeplans] rows (offset in the
// node's Synchro reference), and for a scenario imported from UTDF its network again.
#include <algorithm>
#include <cmath>
#include <map>

#include "io/utdf/utdf_parts.hpp"
#include "itsc/ring_plan.hpp"
#include "itsc/utdf.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace {

using detail::format_number;
namespace u = detail::utdf;

// Numbers as Synchro writes them: tenths at most.
std::string cell(double value) { return format_number(std::round(value * 10) / 10); }
std::string cell(const std::optional<double>& value) { return value ? cell(*value) : ""; }

bool is_intid(const std::string& id) {
  return !id.empty() && id.size() < 7 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// INTIDs: the node ids where they are numbers, new numbers past the largest otherwise.
std::map<std::string, std::string> intids(const Scenario& scenario, std::vector<std::string>& report) {
  std::map<std::string, std::string> out;
  long next = 1;
  for (const Node& node : scenario.network.nodes) {
    if (is_intid(node.id)) next = std::max(next, std::stol(node.id) + 1);
  }
  for (const Node& node : scenario.network.nodes) {
    if (is_intid(node.id)) {
      out[node.id] = node.id;
    } else {
      out[node.id] = std::to_string(next++);
      report.push_back("node " + node.id + ": INTID " + out[node.id]);
    }
  }
  return out;
}

void row(std::string& csv, std::string_view record, const std::string& intid, const std::vector<std::string>& cells) {
  csv += std::string(record) + "," + intid;
  for (const std::string& value : cells) csv += "," + value;
  csv += "\n";
}

int recall_code(const Phase& phase, bool coordinated) {
  switch (phase.recall) {
    case Recall::none: return 0;
    case Recall::min: return coordinated ? 5 : 1;
    case Recall::pedestrian: return 2;
    case Recall::max: return coordinated ? 4 : 3;
    case Recall::soft: return 1;
  }
  return 0;
}

void write_timing(const Scenario& scenario, const std::map<std::string, std::string>& ids, std::string& csv,
                  std::vector<std::string>& report) {
  std::map<std::string, Timing> resolved;
  int max_phase = 8;
  for (const auto& [node_id, timing] : scenario.timing) {
    const Node* node = scenario.network.find_node(node_id);
    if (!node) continue;
    resolved[node_id] = resolve_timing(timing, *node, scenario.network);
    for (const Phase& phase : resolved[node_id].rings->phases) max_phase = std::max(max_phase, phase.number);
    if (!timing.stages.empty()) report.push_back("node " + node_id + ": stage k written as phase k of ring 1");
  }
  const auto reference_of = [&](const std::string& node_id) {
    if (scenario.utdf) {
      for (const UtdfSignal& signal : scenario.utdf->signals) {
        if (signal.node == node_id) return signal;
      }
    }
    return UtdfSignal{node_id};
  };

  csv += "[Timeplans]\nTiming Plan Settings\nRECORDNAME,INTID,DATA\n";
  for (const auto& [node_id, timing] : resolved) {
    const UtdfSignal signal = reference_of(node_id);
    const std::string& intid = ids.at(node_id);
    const RingPlan& plan = *timing.rings;
    std::string reference;
    if (!plan.coordinated_phases.empty()) {
      reference = std::to_string(plan.coordinated_phases[0]);
      if (plan.coordinated_phases.size() > 1) reference = std::to_string(plan.coordinated_phases[0] * 100 + plan.coordinated_phases[1]);
      if (plan.coordinated_phases.size() > 2) report.push_back("node " + node_id + ": Reference Phase holds two phases; the others are left out");
    }
    const double point = u::reference_point_s(timing, static_cast<u::SynchroReference>(signal.referenced_to));
    const double offset = std::fmod(timing.offset_s + point, timing.cycle_s);
    row(csv, "Control Type", intid, {std::to_string(signal.control_type)});
    row(csv, "Cycle Length", intid, {cell(timing.cycle_s)});
    row(csv, "Referenced To", intid, {std::to_string(signal.referenced_to)});
    row(csv, "Reference Phase", intid, {reference});
    row(csv, "Offset", intid, {cell(offset)});
  }
  csv += "\n[Phases]\nPhase Data\nRECORDNAME,INTID";
  for (int p = 1; p <= max_phase; ++p) csv += ",D" + std::to_string(p);
  csv += "\n";
  for (const auto& [node_id, timing] : resolved) {
    const std::string& intid = ids.at(node_id);
    const RingPlan& plan = *timing.rings;
    // Values the plan leaves out stay blank (Synchro's defaults then apply); the clearances, which
    // MaxGreen needs, come resolved.
    const RingPlan given = ring_plan_of(scenario.timing.at(node_id));
    std::map<int, const Phase*> by_number;
    for (const Phase& phase : given.phases) by_number[phase.number] = &phase;
    std::map<int, const Phase*> resolved_phase;
    for (const Phase& phase : plan.phases) resolved_phase[phase.number] = &phase;
    std::map<int, int> brp;
    for (std::size_t r = 0; r < plan.rings.size(); ++r) {
      for (std::size_t b = 0; b < plan.rings[r].size(); ++b) {
        for (std::size_t k = 0; k < plan.rings[r][b].size(); ++k) {
          brp[plan.rings[r][b][k]] = static_cast<int>((b + 1) * 100 + (r + 1) * 10 + (k + 1));
        }
      }
    }
    const auto values = [&](auto field) {
      std::vector<std::string> cells;
      for (int p = 1; p <= max_phase; ++p) {
        const auto found = by_number.find(p);
        cells.push_back(found == by_number.end() || !brp.count(p) ? "" : field(*found->second));
      }
      return cells;
    };
    const auto coordinated = [&](const Phase& phase) {
      return std::find(plan.coordinated_phases.begin(), plan.coordinated_phases.end(), phase.number) != plan.coordinated_phases.end();
    };
    row(csv, "BRP", intid, values([&](const Phase& p) { return std::to_string(brp[p.number]); }));
    row(csv, "MinGreen", intid, values([](const Phase& p) { return cell(p.min_green_s); }));
    row(csv, "MaxGreen", intid, values([&](const Phase& p) {
      const Phase& r = *resolved_phase.at(p.number);
      return cell(r.split_s - r.yellow_s.value_or(0) - r.red_clearance_s.value_or(0));
    }));
    row(csv, "VehExt", intid, values([](const Phase& p) { return cell(p.passage_s); }));
    row(csv, "TimeBeforeReduce", intid, values([](const Phase& p) { return cell(p.time_before_reduction_s); }));
    row(csv, "TimeToReduce", intid, values([](const Phase& p) { return cell(p.time_to_reduce_s); }));
    row(csv, "MinGap", intid, values([](const Phase& p) { return cell(p.minimum_gap_s); }));
    row(csv, "Yellow", intid, values([&](const Phase& p) { return cell(resolved_phase.at(p.number)->yellow_s); }));
    row(csv, "AllRed", intid, values([&](const Phase& p) { return cell(resolved_phase.at(p.number)->red_clearance_s); }));
    row(csv, "Recall", intid, values([&](const Phase& p) { return std::to_string(recall_code(p, coordinated(p))); }));
    row(csv, "Walk", intid, values([](const Phase& p) { return cell(p.walk_s); }));
    row(csv, "DontWalk", intid, values([](const Phase& p) { return cell(p.pedestrian_clearance_s); }));
    row(csv, "DualEntry", intid, values([](const Phase& p) { return std::string(p.dual_entry ? "1" : "0"); }));
  }
}

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

void write_network(const Scenario& scenario, const std::map<std::string, std::string>& ids, std::string& csv,
                   std::vector<std::string>& report) {
  const Network& network = scenario.network;
  const u::FileUnits units{scenario.utdf->metric};
  csv += "[Network]\nNetwork Settings\nRECORDNAME,DATA\nMetric," + std::string(units.metric ? "1" : "0") + "\n\n";
  csv += "[Nodes]\nNode Data\nINTID,TYPE,X,Y\n";
  for (const Node& node : network.nodes) {
    const int type = node.control == NodeControl::boundary ? 1 : node.control == NodeControl::signalized ? 0 : 3;
    csv += ids.at(node.id) + "," + std::to_string(type) + "," + (node.x_m ? cell(units.to_file_length(*node.x_m)) : "") + "," +
           (node.y_m ? cell(units.to_file_length(*node.y_m)) : "") + "\n";
  }
  csv += "\n[Links]\nLink Data\nRECORDNAME,INTID";
  for (std::string_view d : u::kDirections) csv += "," + std::string(d);
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
      const std::size_t d = u::nearest_direction(*bearing);
      up[d] = ids.at(link.from);
      lanes[d] = std::to_string(link.lanes);
      distance[d] = cell(units.to_file_length(link.length_m));
      speed[d] = cell(units.to_file_speed(link.speed_kmh));
    }
    row(csv, "Up ID", ids.at(node.id), up);
    row(csv, "Lanes", ids.at(node.id), lanes);
    row(csv, "Distance", ids.at(node.id), distance);
    row(csv, "Speed", ids.at(node.id), speed);
  }
  // [Lanes]: one column per movement column any node uses, in the order the nodes list them (the
  // import's order, so that a round trip keeps the movements' order).
  std::vector<std::string> columns;
  for (const Node& node : network.nodes) {
    for (const Movement& movement : node.movements) {
      if (!u::parse_movement_column(movement.id)) {
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
    const auto phase_of = [&](const Movement& movement, bool permitted) -> std::string {
      const auto timing = scenario.timing.find(node.id);
      if (timing == scenario.timing.end()) return "";
      for (const Phase& phase : ring_plan_of(timing->second).phases) {
        const auto& list = permitted ? phase.serves.permitted_movements : phase.serves.protected_movements;
        if (std::find(list.begin(), list.end(), movement.id) != list.end()) return std::to_string(phase.number);
      }
      return "";
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
    row(csv, "Up Node", intid, per_column([&](const Movement& m) { return ids.at(network.find_link(m.from_link)->from); }));
    row(csv, "Dest Node", intid, per_column([&](const Movement& m) { return ids.at(network.find_link(m.to_link)->to); }));
    row(csv, "Lanes", intid, per_column([&](const Movement& m) { const LaneGroup* g = group_of(m.id); return std::to_string(g ? g->lanes : 0); }));
    row(csv, "Shared", intid, per_column([&](const Movement& m) {
      const LaneGroup* group = group_of(m.id);
      if (!group) return std::string("0");
      const std::size_t own = u::parse_movement_column(m.id)->turn;
      int code = 0;
      for (const std::string& other : group->movements) {
        const auto column = u::parse_movement_column(other);
        if (column && column->turn < own) code |= 1;
        if (column && column->turn > own) code |= 2;
      }
      return std::to_string(code);
    }));
    row(csv, "Storage", intid, per_column([&](const Movement& m) { const LaneGroup* g = group_of(m.id); return g && g->bay_length_m > 0 ? cell(units.to_file_length(g->bay_length_m)) : std::string(""); }));
    row(csv, "Phase1", intid, per_column([&](const Movement& m) { return phase_of(m, false); }));
    row(csv, "PermPhase1", intid, per_column([&](const Movement& m) { return phase_of(m, true); }));
    row(csv, "Allow RTOR", intid, per_column([&](const Movement& m) { return std::string(m.right_turn_on_red ? "1" : "0"); }));
    row(csv, "Volume", intid, per_column(counts));
  }
  csv += "\n";
}

}  // namespace

UtdfExport export_utdf(const Scenario& scenario) {
  UtdfExport out;
  const auto ids = intids(scenario, out.report);
  if (scenario.utdf) write_network(scenario, ids, out.csv, out.report);
  write_timing(scenario, ids, out.csv, out.report);
  return out;
}

}  // namespace itsc

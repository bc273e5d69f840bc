// UTDF [Timeplans] and [Phases] -> one NEMA ring-barrier plan per signalized node: BRP gives barrier,
// ring and position; the split is MaxGreen + Yellow + AllRed (Synchro's total split); the movements a
// phase serves come from the [Lanes] Phase1..4 (protected) and PermPhase1..4 (permitted) rows; the offset
// is converted from Synchro's "Referenced To" into libitsc's reference.
#include <algorithm>
#include <cmath>
#include <map>

#include "io/utdf/utdf_parts.hpp"
#include "util/format_number.hpp"

namespace itsc::detail::utdf {

namespace {

constexpr int kMaxPhase = 16;
constexpr double kMaxTime_s = 3600;  // beyond an hour a phase time or cycle is a typo (and overflows tenths)

// A time cell of [Phases] or [Timeplans]: blank -> nullopt; outside 0 .. 1 h -> a problem and nullopt.
std::optional<double> time_cell(const Records& records, const std::string& intid, std::string_view record,
                                std::string_view column) {
  const auto value = records.number(intid, record, column);
  if (value && (*value < 0 || *value > kMaxTime_s)) {
    records.problem(intid, record, column, "must be between 0 and 3600 s, got " + records.text(intid, record, column));
    return std::nullopt;
  }
  return value;
}

std::optional<Recall> recall_of(int code) {
  switch (code) {
    case 0: return Recall::none;
    case 1:
    case 5: return Recall::min;        // 5: C-Min, a coordinated phase
    case 2: return Recall::pedestrian;
    case 3:
    case 4: return Recall::max;        // 4: C-Max, a coordinated phase
    default: return std::nullopt;
  }
}

// The movements that list `number` in any of the rows `prefix`1..4 ("Phase", "PermPhase"). A cell that is
// no phase number (Synchro marks free movements so) serves no phase; it is reported once per node.
std::vector<std::string> served(const Records& lanes, const Node& node, int number, std::string_view prefix,
                                std::vector<std::string>& report) {
  std::vector<std::string> out;
  for (const Movement& movement : node.movements) {
    for (int k = 1; k <= 4; ++k) {
      const std::string record = std::string(prefix) + std::to_string(k);
      const std::string text = lanes.text(node.id, record, movement.id);
      if (text.empty()) continue;
      const auto value = parse_number(text);
      if (!value) {
        const std::string line = "node " + node.id + " " + movement.id + ": " + record + " '" + text + "' is no phase number, ignored";
        if (std::find(report.begin(), report.end(), line) == report.end()) report.push_back(line);
      } else if (*value == number) {
        out.push_back(movement.id);
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> signal_ids(const Tables& tables, Problems& problems) {
  const Records phases(tables.find("Phases"), problems);
  std::vector<std::string> out;
  if (phases.empty()) return out;
  for (const std::string& intid : phases.intids()) {
    if (phases.row(intid, "BRP")) out.push_back(intid);
  }
  return out;
}

void build_timing(const Tables& tables, Scenario& scenario, Problems& problems, std::vector<std::string>& report) {
  const Records phases(tables.find("Phases"), problems);
  const Records plans(tables.find_any({"Timeplans", "Timeplan"}), problems);
  const Records lanes(tables.find("Lanes"), problems);
  if (phases.empty()) return;
  for (const std::string& intid : phases.intids()) {
    const Node* node = scenario.network.find_node(intid);
    if (!node) {
      phases.problem(intid, "BRP", "", "no such node in [Nodes]");
      continue;
    }
    if (node->control != NodeControl::signalized) continue;
    RingPlan plan;
    std::map<int, std::map<int, std::map<int, int>>> layout;  // ring -> barrier -> position -> phase
    std::vector<int> coordinated;
    for (const std::string& column : phases.section()->data_columns()) {
      if (column.size() < 2 || (column[0] != 'D' && column[0] != 'd')) continue;
      const auto number = parse_number(column.substr(1));
      if (!number || *number < 1 || *number > kMaxPhase || *number != std::floor(*number)) continue;
      const auto brp = phases.integer(intid, "BRP", column);
      if (!brp) continue;
      const int barrier = *brp / 100;
      const int ring = *brp / 10 % 10;
      const int position = *brp % 10;
      if (*brp < 111 || barrier > 4 || ring < 1 || ring > 4 || position < 1) {
        phases.problem(intid, "BRP", column, "must be three digits barrier, ring, position (111 .. 449), got " + std::to_string(*brp));
        continue;
      }
      Phase phase;
      phase.number = static_cast<int>(*number);
      const auto max_green = time_cell(phases, intid, "MaxGreen", column);
      const auto yellow = time_cell(phases, intid, "Yellow", column);
      const auto all_red = time_cell(phases, intid, "AllRed", column);
      if (!max_green || !yellow || !all_red) {
        if (!max_green && phases.text(intid, "MaxGreen", column).empty()) phases.problem(intid, "MaxGreen", column, "missing");
        if (!yellow && phases.text(intid, "Yellow", column).empty()) phases.problem(intid, "Yellow", column, "missing");
        if (!all_red && phases.text(intid, "AllRed", column).empty()) phases.problem(intid, "AllRed", column, "missing");
        continue;
      }
      phase.split_s = *max_green + *yellow + *all_red;
      phase.max1_s = *max_green;
      phase.yellow_s = *yellow;
      phase.red_clearance_s = *all_red;
      phase.min_green_s = time_cell(phases, intid, "MinGreen", column);
      phase.passage_s = time_cell(phases, intid, "VehExt", column);
      phase.walk_s = time_cell(phases, intid, "Walk", column);
      phase.pedestrian_clearance_s = time_cell(phases, intid, "DontWalk", column);
      if (const auto recall = phases.integer(intid, "Recall", column)) {
        if (const auto mode = recall_of(*recall)) {
          phase.recall = *mode;
          if (*recall == 4 || *recall == 5) coordinated.push_back(phase.number);
        } else {
          phases.problem(intid, "Recall", column, "must be 0 (none) .. 5 (C-Min), got " + std::to_string(*recall));
        }
      }
      phase.dual_entry = phases.integer(intid, "DualEntry", column).value_or(0) == 1;
      if (const auto value = time_cell(phases, intid, "TimeBeforeReduce", column); value && *value > 0) phase.time_before_reduction_s = value;
      if (const auto value = time_cell(phases, intid, "TimeToReduce", column); value && *value > 0) phase.time_to_reduce_s = value;
      if (const auto value = time_cell(phases, intid, "MinGap", column); value && *value > 0 && phase.passage_s && *value < *phase.passage_s) phase.minimum_gap_s = value;
      phase.serves.protected_movements = served(lanes, *node, phase.number, "Phase", report);
      phase.serves.permitted_movements = served(lanes, *node, phase.number, "PermPhase", report);
      if (!layout[ring][barrier].emplace(position, phase.number).second) {
        phases.problem(intid, "BRP", column, "two phases at barrier " + std::to_string(barrier) + ", ring " + std::to_string(ring) + ", position " + std::to_string(position));
        continue;
      }
      plan.phases.push_back(std::move(phase));
    }
    for (const auto& [ring, barriers] : layout) {
      std::vector<std::vector<int>> groups;
      for (const auto& [barrier, positions] : barriers) {
        while (static_cast<int>(groups.size()) < barrier) groups.emplace_back();
        for (const auto& [position, number] : positions) groups[static_cast<std::size_t>(barrier - 1)].push_back(number);
      }
      plan.rings.push_back(std::move(groups));
    }
    // Rings without phases in a later barrier group: the groups up to the last one any ring uses.
    std::size_t barriers = 0;
    for (const auto& ring : plan.rings) barriers = std::max(barriers, ring.size());
    for (auto& ring : plan.rings) ring.resize(barriers);

    Timing timing;
    const auto cycle = time_cell(plans, intid, "Cycle Length", "DATA");
    if (!cycle) {
      if (plans.empty()) {
        phases.problem(intid, "BRP", "", "no [Timeplans] section for its cycle length");
      } else if (plans.text(intid, "Cycle Length", "DATA").empty()) {
        plans.problem(intid, "Cycle Length", "DATA", "missing");
      }
      continue;
    }
    if (*cycle <= 0) {
      plans.problem(intid, "Cycle Length", "DATA", "must be positive");
      continue;
    }
    timing.cycle_s = *cycle;
    if (const auto reference = plans.integer(intid, "Reference Phase", "DATA"); reference && *reference > 0) {
      // Synchro codes two reference phases as 100 * first + second ("206": phases 2 and 6).
      for (const int number : {*reference <= 99 ? *reference : *reference / 100, *reference > 99 ? *reference % 100 : 0}) {
        if (number == 0) continue;
        if (std::none_of(plan.phases.begin(), plan.phases.end(), [&](const Phase& p) { return p.number == number; })) {
          plans.problem(intid, "Reference Phase", "DATA", "phase " + std::to_string(number) + " has no BRP in [Phases]");
        } else if (std::find(coordinated.begin(), coordinated.end(), number) == coordinated.end()) {
          coordinated.push_back(number);
        }
      }
    }
    std::sort(coordinated.begin(), coordinated.end());
    plan.coordinated_phases = coordinated;
    timing.rings = std::move(plan);
    UtdfSignal signal;
    signal.node = intid;
    signal.control_type = plans.integer(intid, "Control Type", "DATA").value_or(0);
    signal.referenced_to = plans.integer(intid, "Referenced To", "DATA").value_or(static_cast<int>(SynchroReference::ts2_first_green));
    if (signal.referenced_to < 0 || signal.referenced_to > 4) {
      plans.problem(intid, "Referenced To", "DATA", "must be 0 (begin of green) .. 4 (170 style), got " + std::to_string(signal.referenced_to));
      continue;
    }
    if (signal.control_type != 0) {
      report.push_back("node " + intid + ": Control Type " + std::to_string(signal.control_type) +
                       " (actuated) runs as fixed time at its splits (the file has no detectors); set timing.controller to change it");
    }
    if (signal.referenced_to == static_cast<int>(SynchroReference::style_170)) {
      report.push_back("node " + intid + ": offset referenced 170 style, taken as the begin of yellow of the reference phases");
    }
    const double offset = plans.number(intid, "Offset", "DATA").value_or(0);
    try {
      const double point = reference_point_s(timing, static_cast<SynchroReference>(signal.referenced_to));
      timing.offset_s = std::fmod(std::fmod(offset - point, timing.cycle_s) + timing.cycle_s, timing.cycle_s);
    } catch (const Error& error) {
      phases.problem(intid, "BRP", "", error.what());
      continue;
    }
    if (timing.rings->coordinated_phases.empty()) {
      report.push_back("node " + intid + ": no reference phase; the offset refers to ring 1's first phase");
    }
    scenario.timing[intid] = std::move(timing);
    scenario.utdf->signals.push_back(signal);
  }
}

}  // namespace itsc::detail::utdf

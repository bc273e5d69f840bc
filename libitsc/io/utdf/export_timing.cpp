// UTDF export of timings: [Timeplans] (cycle, offset in the node's Synchro reference, reference phases)
// and [Phases] (BRP, MaxGreen = split - yellow - red clearance, the NTCIP times, recall codes).
#include <algorithm>
#include <cmath>

#include "io/utdf/utdf_parts.hpp"
#include "io/utdf/utdf_writer.hpp"
#include "itsc/ring_plan.hpp"

namespace itsc::detail::utdf {

namespace {

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

}  // namespace

void write_timing_sections(const Scenario& scenario, const Intids& ids, std::string& csv,
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
    const double point = reference_point_s(timing, static_cast<SynchroReference>(signal.referenced_to));
    const double offset = std::fmod(timing.offset_s + point, timing.cycle_s);
    write_row(csv, "Control Type", intid, {std::to_string(signal.control_type)});
    write_row(csv, "Cycle Length", intid, {cell(timing.cycle_s)});
    write_row(csv, "Referenced To", intid, {std::to_string(signal.referenced_to)});
    write_row(csv, "Reference Phase", intid, {reference});
    write_row(csv, "Offset", intid, {cell(offset)});
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
    write_row(csv, "BRP", intid, values([&](const Phase& p) { return std::to_string(brp[p.number]); }));
    write_row(csv, "MinGreen", intid, values([](const Phase& p) { return cell(p.min_green_s); }));
    write_row(csv, "MaxGreen", intid, values([&](const Phase& p) {
      const Phase& r = *resolved_phase.at(p.number);
      return cell(r.split_s - r.yellow_s.value_or(0) - r.red_clearance_s.value_or(0));
    }));
    write_row(csv, "VehExt", intid, values([](const Phase& p) { return cell(p.passage_s); }));
    write_row(csv, "TimeBeforeReduce", intid, values([](const Phase& p) { return cell(p.time_before_reduction_s); }));
    write_row(csv, "TimeToReduce", intid, values([](const Phase& p) { return cell(p.time_to_reduce_s); }));
    write_row(csv, "MinGap", intid, values([](const Phase& p) { return cell(p.minimum_gap_s); }));
    write_row(csv, "Yellow", intid, values([&](const Phase& p) { return cell(resolved_phase.at(p.number)->yellow_s); }));
    write_row(csv, "AllRed", intid, values([&](const Phase& p) { return cell(resolved_phase.at(p.number)->red_clearance_s); }));
    write_row(csv, "Recall", intid, values([&](const Phase& p) { return std::to_string(recall_code(p, coordinated(p))); }));
    write_row(csv, "Walk", intid, values([](const Phase& p) { return cell(p.walk_s); }));
    write_row(csv, "DontWalk", intid, values([](const Phase& p) { return cell(p.pedestrian_clearance_s); }));
    write_row(csv, "DualEntry", intid, values([](const Phase& p) { return std::string(p.dual_entry ? "1" : "0"); }));
  }
}


}  // namespace itsc::detail::utdf

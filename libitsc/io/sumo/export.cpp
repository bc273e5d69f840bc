// itsc::export_sumo_tls: the engine's interval tables as SUMO tlLogic programs, one phase per interval
// (per change of any indication when one traffic light controls several nodes).
#include <algorithm>
#include <map>
#include <set>

#include "io/sumo/movement_columns.hpp"
#include "io/sumo/xml_text.hpp"
#include "itsc/interval_table.hpp"
#include "itsc/ring_plan.hpp"
#include "itsc/sumo.hpp"
#include "itsc/version.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace {

char state_of(Indication indication) {
  switch (indication) {
    case Indication::protected_green: return 'G';
    case Indication::permitted_green: return 'g';
    case Indication::yellow: return 'y';
    case Indication::red_turn_on_red: return 's';
    case Indication::red: return 'r';
  }
  return 'r';
}

struct ControlledNode {
  const Node* node;
  const SumoSignal* signal;
  IntervalTable table;
  double offset_s;  ///< the plan's offset as given: the table holds it in tenths
};

// The table every controller plays: defaults (clearances, pedestrian times) resolved first, right turns
// on red showing red_turn_on_red (SUMO's 's') while red.
IntervalTable table_of(const Node& node, const Timing& timing, const Network& network) {
  const detail::MovementColumns columns = detail::movement_columns(node);
  std::vector<std::string> crosswalks;
  for (const Leg& leg : node.legs) {
    if (leg.crosswalk_length_m) crosswalks.push_back(leg.id);
  }
  return compile_interval_table(resolve_timing(timing, node, network), columns.movements, crosswalks,
                                columns.turn_on_red);
}

// One tlLogic for the nodes of one traffic light.
std::string program_xml(const std::string& tls, const std::vector<ControlledNode>& nodes, double begin_s,
                        const SumoExportOptions& options, std::vector<std::string>& report) {
  const IntervalTable& reference = nodes.front().table;
  const Tenths cycle = reference.cycle;
  const auto shift = [&](const IntervalTable& table) {  // reference-local time -> this table's local time
    return ((reference.offset - table.offset) % cycle + cycle) % cycle;
  };
  std::set<Tenths> cuts;
  for (const ControlledNode& controlled : nodes) {
    if (controlled.table.cycle != cycle) {
      throw Error(ErrorCode::invalid_input, "traffic light '" + tls + "': nodes '" + nodes.front().node->id + "' and '" +
                                                controlled.node->id + "' have different cycles; one SUMO program needs one");
    }
    for (const Tenths start : controlled.table.start) cuts.insert(((start - shift(controlled.table)) % cycle + cycle) % cycle);
  }
  cuts.insert(0);
  const auto link_count = static_cast<std::size_t>(nodes.front().signal->link_count);
  std::vector<bool> covered(link_count, false);
  for (const ControlledNode& controlled : nodes) {
    for (const auto& entry : controlled.signal->link_indices) {
      for (int index : entry.second) covered[static_cast<std::size_t>(index)] = true;
    }
  }
  std::vector<std::pair<Tenths, std::string>> phases;
  const std::vector<Tenths> starts(cuts.begin(), cuts.end());
  for (std::size_t p = 0; p < starts.size(); ++p) {
    const Tenths end = p + 1 < starts.size() ? starts[p + 1] : cycle;
    std::string state(link_count, 'r');
    for (const ControlledNode& controlled : nodes) {
      const std::size_t interval = controlled.table.interval_at((starts[p] + shift(controlled.table)) % cycle);
      for (std::size_t m = 0; m < controlled.node->movements.size(); ++m) {
        const auto indices = controlled.signal->link_indices.find(controlled.node->movements[m].id);
        if (indices == controlled.signal->link_indices.end()) continue;
        for (int index : indices->second) {
          state[static_cast<std::size_t>(index)] = state_of(controlled.table.indication(interval, m));
        }
      }
    }
    if (!phases.empty() && phases.back().second == state) {
      phases.back().first += end - starts[p];
    } else {
      phases.emplace_back(end - starts[p], std::move(state));
    }
  }
  std::string held;
  for (std::size_t i = 0; i < link_count; ++i) {
    if (!covered[i]) held += (held.empty() ? "" : ", ") + std::to_string(i);
  }
  if (!held.empty()) {
    report.push_back("traffic light '" + tls + "': link indices " + held +
                     " are held red (no imported movement uses them: crossings, non-car lanes or dropped edges)");
  }
  // SUMO reads the offset to the millisecond: the plan's own value, not the table's tenths (rounding it
  // to 0.1 s moved the programs against each other enough to change SUMO's time loss by half a percent).
  const double offset_s = begin_s + nodes.front().offset_s;
  std::string xml = "    <tlLogic id=\"" + detail::xml_escaped(tls) + "\" type=\"static\" programID=\"" + detail::xml_escaped(options.program_id) +
                    "\" offset=\"" + detail::format_number(offset_s) + "\">\n";
  for (const auto& [duration, state] : phases) {
    xml += "        <phase duration=\"" + detail::format_number(static_cast<double>(duration) / 10) + "\" state=\"" +
           state + "\"/>\n";
  }
  return xml + "    </tlLogic>\n";
}

}  // namespace

SumoExport export_sumo_tls(const Scenario& scenario, const SumoExportOptions& options) {
  // Checked here too: a scenario built in code may not have been validated.
  std::vector<Diagnostic> errors = validate(scenario);
  std::erase_if(errors, [](const Diagnostic& d) { return d.severity != Severity::error; });
  if (!errors.empty()) throw Error(ErrorCode::invalid_input, std::move(errors));
  std::map<std::string, std::vector<ControlledNode>> lights;
  for (const Node& node : scenario.network.nodes) {
    if (node.control != NodeControl::signalized) continue;
    const auto signal = std::find_if(scenario.sumo.signals.begin(), scenario.sumo.signals.end(),
                                     [&](const SumoSignal& s) { return s.node == node.id; });
    if (signal == scenario.sumo.signals.end()) {
      throw Error(ErrorCode::invalid_input, "node '" + node.id + "' has no SUMO traffic light (sumo.signals): the export "
                                                                 "needs a scenario imported from the SUMO net (itsc convert sumo)");
    }
    const Timing& timing = scenario.timing.at(node.id);
    lights[signal->tls].push_back({&node, &*signal, table_of(node, timing, scenario.network), timing.offset_s});
  }
  SumoExport out;
  out.xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- signal programs written by itsc " ITSC_VERSION_STRING
            " -->\n<additional>\n";
  for (const auto& [tls, nodes] : lights) {
    for (const ControlledNode& controlled : nodes) {
      if (controlled.signal->link_count != nodes.front().signal->link_count) {
        throw Error(ErrorCode::invalid_input, "traffic light '" + tls + "': its nodes give different link counts");
      }
    }
    out.xml += program_xml(tls, nodes, scenario.sumo.begin_s, options, out.report);
  }
  out.xml += "</additional>\n";
  return out;
}

}  // namespace itsc

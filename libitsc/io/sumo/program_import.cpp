// SUMO traffic-light programs -> stage plans. A program's green phases (some movement green, none
// yellow) become stages; the phases that follow a green phase until the next one are its yellow (those
// showing yellow) and red clearance (the others). A right turn that shows 's' (stop, then go) turns on
// red, as the engine's right_turn_on_red does by gap acceptance. SUMO's offset is the SUMO time at which
// phase 0 starts (the cycle_start convention); libitsc's t = 0 is SUMO time `begin_s`.
#include <algorithm>
#include <cmath>
#include <map>

#include "io/sumo/import_parts.hpp"
#include "io/sumo/movement_columns.hpp"
#include "itsc/interval_table.hpp"
#include "util/format_number.hpp"

namespace itsc::detail {

namespace {

// A movement's signal in one SUMO phase, from its link indices' characters.
Indication indication_of(char state) {
  switch (state) {
    case 'G': case 'O': return Indication::protected_green;
    case 'g': case 'o': return Indication::permitted_green;
    case 'y': return Indication::yellow;
    case 's': return Indication::red_turn_on_red;
    default: return Indication::red;  // r, u (red-yellow), anything else
  }
}

struct PhaseSignals {
  double duration_s = 0;
  std::vector<Indication> movement;  ///< per movement of the node
  bool green = false;                ///< some movement green, none yellow
  bool yellow = false;               ///< some movement yellow
};

const std::vector<int>& indices_of(const SumoSignal& signal, const std::string& movement) {
  static const std::vector<int> none;
  const auto found = signal.link_indices.find(movement);
  return found == signal.link_indices.end() ? none : found->second;
}

// Per phase, per movement of the node: the most permissive signal among its link indices.
std::vector<PhaseSignals> node_signals(const SumoProgram& program, const Node& node, const SumoSignal& signal,
                                       std::vector<std::string>& notes) {
  std::vector<PhaseSignals> phases;
  bool mixed = false;
  bool other_on_red = false;
  for (const SumoPhase& phase : program.phases) {
    PhaseSignals signals;
    signals.duration_s = phase.duration_s;
    for (const Movement& movement : node.movements) {
      Indication best = Indication::red;
      bool first = true;
      const std::vector<int>& indices = indices_of(signal, movement.id);
      for (int index : indices) {
        const Indication indication = indication_of(phase.state[static_cast<std::size_t>(index)]);
        if (!first && indication != best) mixed = true;
        best = first ? indication : std::max(best, indication);
        first = false;
      }
      // A movement the signal does not control (no link index) may always go.
      if (indices.empty()) best = Indication::permitted_green;
      // The engine lets only right turns go on red (yielding to the flow they join).
      if (best == Indication::red_turn_on_red && movement.turn != TurnType::right) {
        best = Indication::red;
        other_on_red = true;
      }
      signals.movement.push_back(best);
      signals.yellow |= best == Indication::yellow;
      signals.green |= is_green(best) && !indices.empty();
    }
    signals.green = signals.green && !signals.yellow;
    phases.push_back(std::move(signals));
  }
  if (mixed) notes.push_back("the lanes of one movement show different signals: the most permissive is imported");
  if (other_on_red) notes.push_back("'s' (stop, then go) on a movement that is not a right turn imported as red");
  return phases;
}

std::vector<std::string> served(const Node& node, const PhaseSignals& phase, Indication wanted) {
  std::vector<std::string> ids;
  for (std::size_t m = 0; m < node.movements.size(); ++m) {
    if (phase.movement[m] == wanted) ids.push_back(node.movements[m].id);
  }
  return ids;
}

double tenths(double seconds) { return static_cast<double>(to_tenths(seconds)) / 10; }

// Tenths of the cycle (from phase 0's start) where the stage plan's table differs from SUMO's signals.
std::size_t mismatched_tenths(const std::vector<PhaseSignals>& phases, const Timing& timing, const Node& node,
                              Tenths lead) {
  const MovementColumns columns = movement_columns(node);
  const std::vector<std::string>& ids = columns.movements;
  const IntervalTable table = compile_interval_table(timing, ids, {}, columns.turn_on_red);
  std::size_t mismatches = 0;
  Tenths phase_start = 0;
  for (const PhaseSignals& phase : phases) {
    const Tenths phase_end = phase_start + to_tenths(phase.duration_s);
    for (Tenths t = phase_start; t < phase_end; ++t) {
      const std::size_t interval = table.interval_at(((t - lead) % table.cycle + table.cycle) % table.cycle);
      for (std::size_t m = 0; m < ids.size(); ++m) {
        if (table.indication(interval, m) != phase.movement[m]) {
          ++mismatches;
          break;
        }
      }
    }
    phase_start = phase_end;
  }
  return mismatches;
}

// A right turn that shows 's' in some phase turns on red (in every red, as the engine has it).
void allow_turns_on_red(Node& node, const std::vector<PhaseSignals>& phases) {
  for (std::size_t m = 0; m < node.movements.size(); ++m) {
    node.movements[m].right_turn_on_red = std::any_of(phases.begin(), phases.end(), [&](const PhaseSignals& phase) {
      return phase.movement[m] == Indication::red_turn_on_red;
    });
  }
}

// The stage plan of one node, or nullopt (with the reason in `notes`) when the program has no green.
std::optional<Timing> stage_plan(const std::vector<PhaseSignals>& phases, const SumoProgram& program, const Node& node,
                                 double begin_s, std::vector<std::string>& notes) {
  const auto first_green = std::find_if(phases.begin(), phases.end(), [](const PhaseSignals& p) { return p.green; });
  if (first_green == phases.end()) {
    notes.push_back("no phase gives this junction's movements green");
    return std::nullopt;
  }
  const auto start = static_cast<std::size_t>(first_green - phases.begin());
  Timing timing;
  bool red_before_yellow = false;
  double lead_s = 0;
  for (std::size_t i = 0; i < start; ++i) lead_s += tenths(phases[i].duration_s);
  for (std::size_t k = 0; k < phases.size(); ++k) {
    const PhaseSignals& phase = phases[(start + k) % phases.size()];
    const double duration_s = tenths(phase.duration_s);
    timing.cycle_s += duration_s;
    if (phase.green) {
      const auto protected_ids = served(node, phase, Indication::protected_green);
      const auto permitted_ids = served(node, phase, Indication::permitted_green);
      Stage* last = timing.stages.empty() ? nullptr : &timing.stages.back();
      if (last != nullptr && last->yellow_s == 0 && last->red_clearance_s == 0 &&
          last->serves.protected_movements == protected_ids && last->serves.permitted_movements == permitted_ids) {
        last->green_s += duration_s;  // SUMO split one green into two phases
        continue;
      }
      Stage stage;
      stage.serves.protected_movements = protected_ids;
      stage.serves.permitted_movements = permitted_ids;
      stage.green_s = duration_s;
      timing.stages.push_back(std::move(stage));
    } else if (phase.yellow) {
      red_before_yellow |= timing.stages.back().red_clearance_s > 0;
      timing.stages.back().yellow_s += duration_s;
    } else {
      timing.stages.back().red_clearance_s += duration_s;
    }
  }
  if (red_before_yellow) notes.push_back("a red phase before a yellow one is imported as red clearance after it");
  timing.cycle_s = std::round(timing.cycle_s * 10) / 10;
  // offset_to_internal wraps into the cycle and leaves a value already in it untouched (adding a cycle
  // and taking it off again would not), so an offset the export wrote reads back bit for bit.
  timing.offset_s = offset_to_internal(timing, OffsetReference::cycle_start, program.offset_s + lead_s - begin_s);
  const std::size_t mismatches = mismatched_tenths(phases, timing, node, to_tenths(lead_s));
  if (mismatches > 0) {
    notes.push_back("the stage plan differs from SUMO's program during " + format_number(static_cast<double>(mismatches) / 10) +
                    " s of the " + format_number(timing.cycle_s) + " s cycle (signal changes a stage plan cannot express)");
  }
  return timing;
}

void make_uncontrolled(Scenario& scenario, Node& node) {
  node.control = NodeControl::uncontrolled;
  node.lane_groups.clear();
  for (Movement& movement : node.movements) movement.right_turn_on_red = false;  // a signal's rule
  std::erase_if(scenario.sumo.signals, [&](const SumoSignal& s) { return s.node == node.id; });
}

}  // namespace

void import_programs(const SumoNet& net, Scenario& scenario, double begin_s, std::vector<std::string>& report) {
  std::map<std::string, const SumoProgram*> programs;
  for (const SumoProgram& program : net.programs) programs.emplace(program.id, &program);
  for (Node& node : scenario.network.nodes) {
    if (node.control != NodeControl::signalized) continue;
    const std::string where = "junction '" + node.id + "'";
    const SumoSignal* signal = find_signal(scenario, node.id);
    if (signal == nullptr) {
      report.push_back(where + ": no traffic light controls its connections: imported as uncontrolled");
      make_uncontrolled(scenario, node);
      continue;
    }
    const SumoProgram& logic = *programs.at(signal->tls);
    const std::string light = where + ", traffic light '" + logic.id + "' (" + logic.at.where() + ")";
    if (logic.type != "static") {
      report.push_back(light + ": " + logic.type + " program imported as its static fallback (phase durations)");
    }
    std::vector<std::string> notes;
    const std::vector<PhaseSignals> phases = node_signals(logic, node, *signal, notes);
    allow_turns_on_red(node, phases);
    std::optional<Timing> plan = stage_plan(phases, logic, node, begin_s, notes);
    for (const std::string& note : notes) report.push_back(light + ": " + note);
    if (!plan) {
      report.push_back(where + ": imported as uncontrolled");
      make_uncontrolled(scenario, node);
      continue;
    }
    scenario.timing.emplace(node.id, std::move(*plan));
  }
}

}  // namespace itsc::detail

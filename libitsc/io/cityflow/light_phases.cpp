// CityFlow light phases -> stage plans. CityFlow cycles through an intersection's phases from phase 0 at
// t = 0, each `time` seconds long, and lets a vehicle go where its road link is among the phase's
// availableRoadLinks. Its datasets leave the right turns available in every phase and make phase 0 (and
// any phase like it) a change interval that opens nothing else. So:
// - a road link available in every phase is always available; a right turn so becomes permitted in every
//   stage and turns on red (the engine's right_turn_on_red), so that it goes through the change
//   intervals too; another such movement is served in every stage;
// - a phase that opens nothing beyond the always-available links is a change interval of the stage before
//   it: the first one after a green its yellow (CityFlow's vehicles stop at it if they can, as on
//   yellow), any more red clearance;
// - every other phase is a stage: its right turns permitted (CityFlow's right turns yield), the other
//   movements protected unless they cross or merge with one kept protected before them (through
//   movements first), which then yields: permitted;
// - a road link no phase opens is a movement closed to traffic (CityFlow never lets a vehicle take it).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "io/cityflow/cityflow_data.hpp"
#include "itsc/tenths.hpp"
#include "signal/conflicts.hpp"
#include "util/format_number.hpp"

namespace itsc::detail {

namespace {

double tenths(double seconds) { return static_cast<double>(to_tenths(seconds)) / 10; }

// Movement index of the node for each road link of the intersection (none where the clean-up dropped it).
std::vector<std::optional<std::size_t>> movements_of(const CfIntersection& intersection, const Node& node) {
  std::vector<std::optional<std::size_t>> out;
  for (const CfRoadLink& link : intersection.road_links) {
    const std::string id = link.from_road + "->" + link.to_road;
    const auto found = std::find_if(node.movements.begin(), node.movements.end(),
                                    [&](const Movement& m) { return m.id == id; });
    std::optional<std::size_t> index;
    if (found != node.movements.end()) index = static_cast<std::size_t>(found - node.movements.begin());
    out.push_back(index);
  }
  return out;
}

struct Notes {
  bool demoted = false;       ///< a movement yields in a stage where CityFlow shows it green
  bool always_other = false;  ///< a movement other than a right turn is available in every phase
  std::size_t closed = 0;     ///< movements no phase opens
};

// Closes the movements of `node` that no stage of `timing` serves.
void close_unserved(Node& node, const Timing& timing, Notes& notes) {
  for (Movement& movement : node.movements) {
    const bool served = std::any_of(timing.stages.begin(), timing.stages.end(), [&](const Stage& stage) {
      const auto& p = stage.serves.protected_movements;
      const auto& q = stage.serves.permitted_movements;
      return std::find(p.begin(), p.end(), movement.id) != p.end() ||
             std::find(q.begin(), q.end(), movement.id) != q.end();
    });
    if (served) continue;
    movement.closed = true;
    ++notes.closed;
  }
}

// The stage serving `open` (movement indices of the node): see the file comment for who yields.
Stage stage_of(const std::set<std::size_t>& open, const Node& node, const ConflictMatrix& conflicts, Notes& notes) {
  std::vector<std::size_t> order(open.begin(), open.end());
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return (node.movements[a].turn == TurnType::through) > (node.movements[b].turn == TurnType::through);
  });
  std::set<std::size_t> kept;
  std::set<std::size_t> yielding;
  for (const std::size_t m : order) {
    const bool conflicting = std::any_of(kept.begin(), kept.end(), [&](std::size_t k) {
      return conflicts.between(m, k) != Conflict::none;
    });
    if (node.movements[m].turn == TurnType::right) {
      yielding.insert(m);
    } else if (conflicting) {
      yielding.insert(m);
      notes.demoted = true;
    } else {
      kept.insert(m);
    }
  }
  Stage stage;
  for (std::size_t m = 0; m < node.movements.size(); ++m) {  // the node's movement order
    if (kept.count(m) != 0) stage.serves.protected_movements.push_back(node.movements[m].id);
    if (yielding.count(m) != 0) stage.serves.permitted_movements.push_back(node.movements[m].id);
  }
  return stage;
}

// The stage plan of one intersection, or nullopt when no phase opens anything beyond the always-open.
std::optional<Timing> stage_plan(const CfIntersection& intersection, Node& node, const Network& network, Notes& notes) {
  const auto movement_of = movements_of(intersection, node);
  std::vector<std::set<std::size_t>> open;
  for (const CfPhase& phase : intersection.phases) {
    std::set<std::size_t> movements;
    for (const std::size_t link : phase.road_links) {
      if (movement_of[link]) movements.insert(*movement_of[link]);
    }
    open.push_back(std::move(movements));
  }
  std::set<std::size_t> always = open.front();
  for (const auto& movements : open) {
    std::erase_if(always, [&](std::size_t m) { return movements.count(m) == 0; });
  }
  if (open.size() < 2) always.clear();  // a single phase is a stage of its own
  for (const std::size_t m : always) {
    if (node.movements[m].turn == TurnType::right) {
      node.movements[m].right_turn_on_red = true;
    } else {
      notes.always_other = true;
    }
  }
  const auto green = [&](std::size_t p) {
    return std::any_of(open[p].begin(), open[p].end(), [&](std::size_t m) { return always.count(m) == 0; });
  };
  std::size_t start = 0;
  while (start < open.size() && !green(start)) ++start;
  if (start == open.size()) return std::nullopt;

  const ConflictMatrix conflicts = conflict_matrix(node, network);
  Timing timing;
  double lead_s = 0;
  for (std::size_t p = 0; p < start; ++p) lead_s += tenths(intersection.phases[p].time_s);
  bool after_green = false;
  for (std::size_t k = 0; k < open.size(); ++k) {
    const std::size_t p = (start + k) % open.size();
    const double duration_s = tenths(intersection.phases[p].time_s);
    timing.cycle_s += duration_s;
    if (!green(p)) {
      Stage& last = timing.stages.back();
      (after_green ? last.yellow_s : last.red_clearance_s) += duration_s;
      after_green = false;
      continue;
    }
    std::set<std::size_t> movements = open[p];
    movements.insert(always.begin(), always.end());
    Stage stage = stage_of(movements, node, conflicts, notes);
    Stage* last = timing.stages.empty() ? nullptr : &timing.stages.back();
    after_green = true;
    if (last != nullptr && last->yellow_s == 0 && last->red_clearance_s == 0 && last->serves == stage.serves) {
      last->green_s += duration_s;  // two phases open the same movements: one green
      continue;
    }
    stage.green_s = duration_s;
    timing.stages.push_back(std::move(stage));
  }
  timing.cycle_s = std::round(timing.cycle_s * 10) / 10;
  // Phase 0 starts at t = 0: the first stage at the phases before it.
  timing.offset_s = offset_to_internal(timing, OffsetReference::cycle_start, lead_s);
  return timing;
}

void make_uncontrolled(Node& node) {
  node.control = NodeControl::uncontrolled;
  node.lane_groups.clear();
  for (Movement& movement : node.movements) movement.right_turn_on_red = false;  // a signal's rule
}

}  // namespace

void import_light_phases(const CfRoadnet& roadnet, Scenario& scenario, std::vector<std::string>& report) {
  std::size_t stages = 0;
  std::size_t turning_on_red = 0;
  Notes notes;
  for (const CfIntersection& intersection : roadnet.intersections) {
    const auto index = scenario.network.node_index(intersection.id);
    if (!index) continue;
    Node& node = scenario.network.nodes[*index];
    if (node.control != NodeControl::signalized) continue;
    std::optional<Timing> plan = stage_plan(intersection, node, scenario.network, notes);
    if (!plan) {
      report.push_back("intersection '" + intersection.id + "' (" + roadnet.file + ": " + intersection.path +
                       "): no light phase opens a road link beyond those open in every phase: imported as uncontrolled");
      make_uncontrolled(node);
      continue;
    }
    close_unserved(node, *plan, notes);
    stages += plan->stages.size();
    turning_on_red += static_cast<std::size_t>(std::count_if(node.movements.begin(), node.movements.end(),
                                                             [](const Movement& m) { return m.right_turn_on_red; }));
    scenario.timing.emplace(node.id, std::move(*plan));
  }
  if (scenario.timing.empty()) return;
  report.push_back(std::to_string(scenario.timing.size()) + " traffic lights imported as " + std::to_string(stages) +
                   " stages: a stage per light phase that opens road links, the phases that open none (beyond those "
                   "open in every phase) its change interval: the first yellow, the others red clearance; the cycle "
                   "starts with phase 0 at t = 0");
  if (turning_on_red > 0) {
    report.push_back(std::to_string(turning_on_red) + " right turns open in every light phase imported as permitted in "
                     "every stage and turning on red (they yield to the traffic they join)");
  }
  if (notes.always_other) {
    report.push_back("movements other than right turns open in every light phase are served in every stage but held "
                     "during the change intervals (the engine turns only right turns on red)");
  }
  if (notes.closed > 0) {
    report.push_back(std::to_string(notes.closed) + " road links that no light phase opens imported as closed movements");
  }
  if (notes.demoted) {
    report.push_back("movements a light phase opens together with a movement they cross or merge with are imported "
                     "as permitted (they yield, through movements keep the right of way)");
  }
}

}  // namespace itsc::detail

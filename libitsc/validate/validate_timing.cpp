// Timing checks: every signal has a plan and every plan a signal; stage plans fully (references,
// times, sums to the cycle); ring plans in shape (phases, rings, barriers, coordination, overlaps).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "itsc/controller.hpp"
#include "util/format_number.hpp"
#include "util/id_index.hpp"
#include "validate/checker.hpp"
#include "validate/validate_parts.hpp"

namespace itsc::detail {

namespace {

constexpr double kMaxCycle_s = 600;
constexpr double kMaxInterval_s = 600;
constexpr double kSumTolerance_s = 1e-6;

// Movement and crosswalk references of one stage, phase or overlap.
void check_service(Checker& checker, const Service& service, const Node& node, const std::string& path) {
  const IdIndex movements(node.movements);
  std::set<std::string_view> listed;
  const auto check_movements = [&](const std::vector<std::string>& ids, const std::string& list_path) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!movements.contains(ids[i])) {
        checker.error(indexed(list_path, i), "unknown movement '" + ids[i] + "' at node '" + node.id + "'");
      } else if (!listed.insert(ids[i]).second) {
        checker.error(indexed(list_path, i), "movement '" + ids[i] + "' is listed twice");
      }
    }
  };
  check_movements(service.protected_movements, path + ".protected");
  check_movements(service.permitted_movements, path + ".permitted");
  for (std::size_t i = 0; i < service.crosswalks.size(); ++i) {
    const auto leg = std::find_if(node.legs.begin(), node.legs.end(),
                                  [&](const Leg& l) { return l.id == service.crosswalks[i]; });
    if (leg == node.legs.end()) {
      checker.error(indexed(path + ".crosswalks", i), "unknown leg '" + service.crosswalks[i] + "' at node '" + node.id + "'");
    } else if (!leg->crosswalk_length_m) {
      checker.error(indexed(path + ".crosswalks", i), "leg '" + service.crosswalks[i] + "' has no crosswalk");
    }
  }
}

void check_interval(Checker& checker, const std::string& path, double value_s, bool may_be_zero) {
  const bool ok = may_be_zero ? checker.non_negative(path, value_s, kMaxInterval_s, "s")
                              : checker.positive(path, value_s, kMaxInterval_s, "s");
  if (ok) checker.tenths(path, value_s);
}

void check_stages(Checker& checker, const Timing& timing, const Node& node, const std::string& path) {
  const std::string stages_path = path + ".sequence.stages";
  if (timing.stages.empty()) checker.error(stages_path, "must list at least one stage");
  double total = 0;
  for (std::size_t s = 0; s < timing.stages.size(); ++s) {
    const Stage& stage = timing.stages[s];
    const std::string stage_path = indexed(stages_path, s);
    check_service(checker, stage.serves, node, stage_path);
    check_interval(checker, stage_path + ".green_s", stage.green_s, false);
    check_interval(checker, stage_path + ".yellow_s", stage.yellow_s, true);
    check_interval(checker, stage_path + ".red_clearance_s", stage.red_clearance_s, true);
    total += stage.split_s();
  }
  if (!timing.stages.empty() && std::isfinite(total) && std::fabs(total - timing.cycle_s) > kSumTolerance_s) {
    checker.error(stages_path, "stage times add up to " + format_number(total) + " s, not the cycle of " +
                                   format_number(timing.cycle_s) + " s");
  }
}

void check_phase(Checker& checker, const Phase& phase, const Node& node, const std::string& path) {
  check_service(checker, phase.serves, node, path);
  check_interval(checker, path + ".split_s", phase.split_s, false);
  const std::pair<const std::optional<double>*, const char*> optional_times[] = {
      {&phase.min_green_s, ".min_green_s"}, {&phase.max1_s, ".max1_s"}, {&phase.max2_s, ".max2_s"},
      {&phase.passage_s, ".passage_s"}, {&phase.yellow_s, ".yellow_s"}, {&phase.red_clearance_s, ".red_clearance_s"},
      {&phase.walk_s, ".walk_s"}, {&phase.pedestrian_clearance_s, ".pedestrian_clearance_s"},
      {&phase.added_initial_s, ".added_initial_s"}, {&phase.time_before_reduction_s, ".time_before_reduction_s"},
      {&phase.time_to_reduce_s, ".time_to_reduce_s"}, {&phase.minimum_gap_s, ".minimum_gap_s"}};
  for (const auto& [value, key] : optional_times) {
    if (*value) check_interval(checker, path + key, **value, true);
  }
}

void check_rings(Checker& checker, const Timing& timing, const Node& node, const std::string& path) {
  const RingPlan& plan = *timing.rings;
  const std::string base = path + ".sequence";
  std::map<int, std::size_t> phase_at;
  for (std::size_t p = 0; p < plan.phases.size(); ++p) {
    const Phase& phase = plan.phases[p];
    const std::string phase_path = indexed(base + ".phases", p);
    if (phase.number < 1 || phase.number > 16) {
      checker.error(phase_path + ".phase", "must be a phase number from 1 to 16, got " + std::to_string(phase.number));
    } else if (!phase_at.emplace(phase.number, p).second) {
      checker.error(phase_path + ".phase", "phase " + std::to_string(phase.number) + " is defined twice");
    }
    check_phase(checker, phase, node, phase_path);
  }
  if (plan.rings.empty() || plan.rings.size() > 4) {
    checker.error(base + ".rings", "must list from 1 to 4 rings, got " + std::to_string(plan.rings.size()));
    return;
  }
  // Each phase in exactly one place; every ring crosses the same barriers at the same times.
  std::map<int, std::string> placed;
  std::vector<std::vector<double>> barrier_times(plan.rings.size());
  std::vector<bool> ring_complete(plan.rings.size(), true);  // every phase defined: times comparable
  for (std::size_t r = 0; r < plan.rings.size(); ++r) {
    const std::string ring_path = indexed(base + ".rings", r);
    if (plan.rings[r].size() != plan.rings.front().size()) {
      checker.error(ring_path, "ring " + std::to_string(r + 1) + " has " + std::to_string(plan.rings[r].size()) +
                                   " barrier groups but ring 1 has " + std::to_string(plan.rings.front().size()));
      continue;
    }
    double time = 0;
    for (std::size_t g = 0; g < plan.rings[r].size(); ++g) {
      const std::string group_path = indexed(ring_path, g);
      if (plan.rings[r][g].empty()) checker.error(group_path, "a barrier group must hold at least one phase");
      for (std::size_t i = 0; i < plan.rings[r][g].size(); ++i) {
        const int number = plan.rings[r][g][i];
        const auto found = phase_at.find(number);
        if (found == phase_at.end()) {
          checker.error(indexed(group_path, i), "phase " + std::to_string(number) + " is not defined in phases");
          ring_complete[r] = false;
          continue;
        }
        const auto [it, inserted] = placed.emplace(number, indexed(group_path, i));
        if (!inserted) {
          checker.error(indexed(group_path, i), "phase " + std::to_string(number) + " is already placed at " + it->second);
        }
        time += plan.phases[found->second].split_s;
      }
      barrier_times[r].push_back(time);
    }
  }
  for (std::size_t r = 1; r < plan.rings.size(); ++r) {
    if (barrier_times[r].size() != barrier_times[0].size() || !ring_complete[r] || !ring_complete[0]) continue;
    for (std::size_t g = 0; g < barrier_times[r].size(); ++g) {
      if (std::fabs(barrier_times[r][g] - barrier_times[0][g]) > kSumTolerance_s) {
        checker.error(indexed(indexed(base + ".rings", r), g),
                      "ring " + std::to_string(r + 1) + " reaches barrier " + std::to_string(g + 1) + " at " +
                          format_number(barrier_times[r][g]) + " s but ring 1 at " +
                          format_number(barrier_times[0][g]) + " s");
      }
    }
  }
  if (ring_complete[0] && !barrier_times[0].empty() && std::fabs(barrier_times[0].back() - timing.cycle_s) > kSumTolerance_s) {
    checker.error(base + ".rings", "ring times add up to " + format_number(barrier_times[0].back()) +
                                       " s, not the cycle of " + format_number(timing.cycle_s) + " s");
  }
  for (std::size_t p = 0; p < plan.phases.size(); ++p) {
    if (placed.count(plan.phases[p].number) == 0) {
      checker.error(indexed(base + ".phases", p) + ".phase",
                    "phase " + std::to_string(plan.phases[p].number) + " is in no ring");
    }
  }
  for (std::size_t c = 0; c < plan.coordinated_phases.size(); ++c) {
    if (phase_at.count(plan.coordinated_phases[c]) == 0) {
      checker.error(indexed(base + ".coordinated_phases", c),
                    "phase " + std::to_string(plan.coordinated_phases[c]) + " is not defined in phases");
    }
  }
  std::set<std::string_view> overlap_ids;
  for (std::size_t o = 0; o < plan.overlaps.size(); ++o) {
    const Overlap& overlap = plan.overlaps[o];
    const std::string overlap_path = indexed(base + ".overlaps", o);
    if (overlap.id.size() != 1 || overlap.id[0] < 'A' || overlap.id[0] > 'P') {
      checker.error(overlap_path + ".id", "must be a letter from A to P, got '" + overlap.id + "'");
    } else if (!overlap_ids.insert(overlap.id).second) {
      checker.error(overlap_path + ".id", "overlap " + overlap.id + " is defined twice");
    }
    if (overlap.parents.empty()) checker.error(overlap_path + ".parents", "must list at least one parent phase");
    for (std::size_t p = 0; p < overlap.parents.size(); ++p) {
      if (phase_at.count(overlap.parents[p]) == 0) {
        checker.error(indexed(overlap_path + ".parents", p),
                      "phase " + std::to_string(overlap.parents[p]) + " is not defined in phases");
      }
    }
    check_service(checker, overlap.serves, node, overlap_path);
    if (!overlap.serves.crosswalks.empty()) {
      checker.error(overlap_path + ".crosswalks", "pedestrian overlaps are not supported: give the crosswalks to the parent phases");
    }
  }
}

// Every movement of the node is served by some stage, phase or overlap, or is closed to traffic; a closed
// one is served by none and is not its link's only way on (its traffic would have nowhere to go).
void check_served(Checker& checker, const Timing& timing, const Node& node, const std::string& path) {
  std::set<std::string_view> served;
  const auto add = [&served](const Service& service) {
    for (const auto& id : service.protected_movements) served.insert(id);
    for (const auto& id : service.permitted_movements) served.insert(id);
  };
  for (const Stage& stage : timing.stages) add(stage.serves);
  if (timing.rings) {
    for (const Phase& phase : timing.rings->phases) add(phase.serves);
    for (const Overlap& overlap : timing.rings->overlaps) add(overlap.serves);
  }
  const std::string sequence = path + ".sequence";
  for (const Movement& movement : node.movements) {
    const bool is_served = served.count(movement.id) != 0;
    if (!is_served && !movement.closed) {
      checker.error(sequence, "movement '" + movement.id + "' is served by no " + (timing.rings ? "phase" : "stage") +
                                  " (always red): serve it, or mark it closed: true if no traffic may take it");
    } else if (is_served && movement.closed) {
      checker.error(sequence, "movement '" + movement.id + "' is closed, but the plan serves it");
    }
    if (!movement.closed) continue;
    const bool other_way = std::any_of(node.movements.begin(), node.movements.end(), [&](const Movement& other) {
      return other.from_link == movement.from_link && !other.closed;
    });
    if (!other_way) {
      checker.error(sequence, "movement '" + movement.id + "' is closed, but it is the only way on from link '" +
                                  movement.from_link + "': its traffic would have nowhere to go");
    }
  }
}

std::size_t error_count(const Checker& checker) {
  return static_cast<std::size_t>(std::count_if(checker.diagnostics().begin(), checker.diagnostics().end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

// The max-pressure parameters (read by the max-pressure controllers only, checked always).
void check_max_pressure(Checker& checker, const MaxPressureSettings& settings, const std::string& path) {
  check_interval(checker, path + ".decision_interval_s", settings.decision_interval_s, false);
  check_interval(checker, path + ".min_green_s", settings.min_green_s, true);
  if (!settings.max_green_s) return;
  check_interval(checker, path + ".max_green_s", *settings.max_green_s, false);
  if (*settings.max_green_s < settings.min_green_s) {
    checker.error(path + ".max_green_s", "must be at least min_green_s (" + format_number(settings.min_green_s) +
                                             " s), got " + format_number(*settings.max_green_s));
  }
}

// One node's timing (the scenario's, or a pattern's) at `path`.
void check_timing(Checker& checker, const Scenario& scenario, const std::string& node_id, const Timing& timing,
                  const std::string& path) {
  const Network& network = scenario.network;
  const IdIndex nodes(network.nodes);
  const auto node = nodes.find(node_id);
  if (!node || network.nodes[*node].control != NodeControl::signalized) {
    checker.error(path, "'" + node_id + "' is not a signalized node");
    return;
  }
  const bool cycle_ok = checker.positive(path + ".cycle_s", timing.cycle_s, kMaxCycle_s, "s") &&
                        checker.tenths(path + ".cycle_s", timing.cycle_s);
  if (cycle_ok && checker.non_negative(path + ".offset_s", timing.offset_s, timing.cycle_s, "s") &&
      timing.offset_s >= timing.cycle_s) {
    checker.error(path + ".offset_s", "must be less than the cycle of " + format_number(timing.cycle_s) + " s, got " +
                                          format_number(timing.offset_s));
  }
  if (std::find(kControllerNames.begin(), kControllerNames.end(), timing.controller) == kControllerNames.end()) {
    checker.error(path + ".controller", "unknown controller '" + timing.controller + "' (known: " +
                                            controller_names_text() + ")");
  } else if (timing.controller == "actuated") {
    // Actuated control needs detectors on links into the node that call some phase.
    const std::string& id = node_id;  // clang-14 cannot capture a structured binding
    const bool called = std::any_of(network.detectors.begin(), network.detectors.end(), [&](const Detector& d) {
      const auto link = network.link_index(d.link);
      return link && network.links[*link].to == id && !d.calls.empty();
    });
    if (!called) {
      checker.error(path + ".controller", "controller 'actuated' needs detectors that call its phases; node '" +
                                              node_id + "' has none");
    }
  }
  check_max_pressure(checker, timing.max_pressure, path + ".max_pressure");
  if (timing.controller.starts_with("max-pressure") && timing.rings && !timing.rings->overlaps.empty()) {
    checker.error(path + ".sequence.overlaps", "controller '" + timing.controller + "' does not support overlaps");
  }
  const std::size_t errors_before = error_count(checker);
  if (!timing.stages.empty() && timing.rings) {
    checker.error(path + ".sequence", "give either stages or rings, not both");
  } else if (timing.rings) {
    check_rings(checker, timing, network.nodes[*node], path);
  } else {
    check_stages(checker, timing, network.nodes[*node], path);
  }
  // Splits, ranges and conflicts only mean something for a plan of sound shape.
  if (error_count(checker) == errors_before) {
    const auto sumo = std::find_if(scenario.sumo.signals.begin(), scenario.sumo.signals.end(),
                                   [&](const SumoSignal& signal) { return signal.node == node_id; });
    check_signal_plan(checker, timing, network.nodes[*node], network,
                      sumo != scenario.sumo.signals.end() ? &*sumo : nullptr, path);
  }
  check_served(checker, timing, network.nodes[*node], path);
}

// Time-of-day patterns run fixed-time plans, and so do the nodes they change; the schedule names
// known patterns in time order (docs/signals.md, "Time-of-day schedules").
void validate_schedule(Checker& checker, const Scenario& scenario) {
  std::string known;
  for (const auto& [name, pattern] : scenario.patterns) {
    known += (known.empty() ? "" : ", ") + name;
    for (const auto& [node_id, timing] : pattern.timing) {
      const std::string path = "patterns." + name + ".timing." + node_id;
      check_timing(checker, scenario, node_id, timing, path);
      if (timing.controller != "fixed") {
        checker.error(path + ".controller", "a pattern runs a fixed-time plan (transitions are between coordinated "
                                            "plans), got '" + timing.controller + "'");
      }
      const auto base = scenario.timing.find(node_id);
      if (base != scenario.timing.end() && base->second.controller != "fixed") {
        checker.error("timing." + node_id + ".controller", "node '" + node_id + "' changes pattern by time of day, "
                      "so its timing must be fixed-time, got '" + base->second.controller + "'");
      }
    }
  }
  double previous_s = -1;
  for (std::size_t i = 0; i < scenario.schedule.size(); ++i) {
    const ScheduleEntry& entry = scenario.schedule[i];
    const std::string path = indexed("schedule", i);
    if (scenario.patterns.count(entry.pattern) == 0) {
      checker.error(path + ".pattern", "unknown pattern '" + entry.pattern + "' (known: " +
                                           (known.empty() ? std::string("none") : known) + ")");
    }
    const double time_s = schedule_time_s(entry.at_s, scenario.simulation.start_time_s);
    if (time_s <= previous_s) {
      checker.error(path + ".at", "switches must be in time order from start_time: this one is " +
                                      format_number(time_s) + " s after the start, the one before " +
                                      format_number(previous_s) + " s");
    }
    previous_s = time_s;
  }
}

// The phase numbers a timing defines: its ring plan's, or 1 to n for n stages (ring_plan_of's numbering).
std::set<int> phase_numbers(const Timing& timing) {
  std::set<int> numbers;
  if (timing.rings) {
    for (const Phase& phase : timing.rings->phases) numbers.insert(phase.number);
  } else {
    for (std::size_t k = 0; k < timing.stages.size(); ++k) numbers.insert(static_cast<int>(k + 1));
  }
  return numbers;
}

// A detector calls and extends phases of the signal its link leads to, and only phases it has.
void check_detector_phases(Checker& checker, const Scenario& scenario) {
  const Network& network = scenario.network;
  for (std::size_t i = 0; i < network.detectors.size(); ++i) {
    const Detector& detector = network.detectors[i];
    if (detector.calls.empty() && detector.extends.empty()) continue;
    const auto link = network.link_index(detector.link);
    if (!link) continue;  // reported with the network
    const std::string& node_id = network.links[*link].to;
    const auto timing = scenario.timing.find(node_id);
    if (timing == scenario.timing.end()) {
      checker.error(indexed("detectors", i), "calls or extends phases, but link '" + detector.link +
                                                 "' leads to node '" + node_id + "', which has no signal timing");
      continue;
    }
    const std::set<int> numbers = phase_numbers(timing->second);
    std::string known;
    for (const int n : numbers) known += (known.empty() ? "" : ", ") + std::to_string(n);
    for (const auto* list : {&detector.calls, &detector.extends}) {
      const std::string list_path = indexed("detectors", i) + (list == &detector.calls ? ".calls" : ".extends");
      for (std::size_t k = 0; k < list->size(); ++k) {
        if (numbers.count((*list)[k]) != 0) continue;
        checker.error(indexed(list_path, k), "phase " + std::to_string((*list)[k]) + " is not in the timing of node '" +
                                                 node_id + "' (its phases: " + (known.empty() ? "none" : known) + ")");
      }
    }
  }
}

}  // namespace

void validate_timing(Checker& checker, const Scenario& scenario) {
  const Network& network = scenario.network;
  const IdIndex nodes(network.nodes);
  for (std::size_t n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    if (node.control == NodeControl::signalized && scenario.timing.count(node.id) == 0) {
      checker.error(indexed("nodes", n), "signalized node '" + node.id + "' has no timing");
    }
  }
  for (const auto& [node_id, timing] : scenario.timing) check_timing(checker, scenario, node_id, timing, "timing." + node_id);
  check_detector_phases(checker, scenario);
  validate_schedule(checker, scenario);
}

void validate_node_timing(Checker& checker, const Scenario& scenario, const std::string& node_id,
                          const Timing& timing) {
  check_timing(checker, scenario, node_id, timing, "timing." + node_id);
}

}  // namespace itsc::detail

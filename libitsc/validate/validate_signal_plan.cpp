// Signal-plan rules on a plan whose shape is sound: splits against the intervals they must hold
// (defaults included), the usual ITE and MUTCD ranges, and no conflicting movements or crosswalks
// open together (conflicts from the legs' bearings; rules in docs/signals.md).
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "itsc/clearance.hpp"
#include "itsc/error.hpp"
#include "itsc/interval_table.hpp"
#include "itsc/ring_plan.hpp"
#include "signal/conflicts.hpp"
#include "signal/phase_defaults.hpp"
#include "util/format_number.hpp"
#include "validate/checker.hpp"
#include "validate/validate_parts.hpp"

namespace itsc::detail {

namespace {

constexpr double kTolerance_s = 1e-6;

// Sums of tenths printed as such (27 + 3.3 + 0.5 reads 30.8, not 30.799999999999997).
double tidy(double seconds) { return std::round(seconds * 1e6) / 1e6; }

// One interval of a sum in a message: "yellow 3.3 s (default)".
struct Term {
  const char* name;
  double value_s;
  bool defaulted;
};

std::string sum_text(const std::vector<Term>& terms) {
  std::string text;
  double total = 0;
  for (const Term& term : terms) {
    if (!text.empty()) text += " + ";
    text += std::string(term.name) + " " + format_number(term.value_s) + " s" + (term.defaulted ? " (default)" : "");
    total += term.value_s;
  }
  return text + " = " + format_number(tidy(total)) + " s";
}

double total_of(const std::vector<Term>& terms) {
  double total = 0;
  for (const Term& term : terms) total += term.value_s;
  return total;
}

// Where a phase's keys are: phases[i] of a ring plan, stages[k] of a stage plan.
struct PhasePlace {
  std::string path;
  bool stage = false;
};

void check_split(Checker& checker, const Phase& given, const Phase& phase, const PhasePlace& place) {
  const Term yellow{"yellow", *phase.yellow_s, !given.yellow_s};
  const Term red{"red clearance", *phase.red_clearance_s, !given.red_clearance_s};
  if (place.stage) {
    // A stage's green is given directly: only the pedestrian intervals can outgrow it.
    const double green = phase.split_s - yellow.value_s - red.value_s;
    const std::vector<Term> walking{
        {"walk", *phase.walk_s, !given.walk_s},
        {"pedestrian clearance", *phase.pedestrian_clearance_s, !given.pedestrian_clearance_s}};
    if (!phase.serves.crosswalks.empty() && green + kTolerance_s < total_of(walking)) {
      checker.error(place.path + ".green_s",
                    "green of " + format_number(tidy(green)) + " s is less than " + sum_text(walking));
    }
    return;
  }
  const std::string path = place.path + ".split_s";
  const std::vector<Term> vehicle{{"min green", phase.min_green_s.value_or(0), false}, yellow, red};
  if (!phase.min_green_s && phase.split_s <= yellow.value_s + red.value_s + kTolerance_s) {
    checker.error(path,
                  "split of " + format_number(phase.split_s) + " s leaves no green after " + sum_text({yellow, red}));
  } else if (phase.min_green_s && phase.split_s + kTolerance_s < total_of(vehicle)) {
    checker.error(path, "split of " + format_number(phase.split_s) + " s is less than " + sum_text(vehicle));
  }
  const std::vector<Term> walking{
      {"walk", *phase.walk_s, !given.walk_s},
      {"pedestrian clearance", *phase.pedestrian_clearance_s, !given.pedestrian_clearance_s},
      yellow,
      red};
  if (!phase.serves.crosswalks.empty() && phase.split_s + kTolerance_s < total_of(walking)) {
    checker.error(path, "split of " + format_number(phase.split_s) + " s is less than " + sum_text(walking));
  }
}

// Yellow and red clearance outside their usual ranges; pedestrian times given shorter than MUTCD asks.
void check_ranges(Checker& checker, const Phase& given, const Phase& phase, const Node& node, const PhasePlace& place) {
  const auto key_path = [&](const std::optional<double>& value, const char* key) {
    return value || place.stage ? place.path + "." + key : place.path;
  };
  const auto default_note = [](const std::optional<double>& value) { return value ? "" : " (default)"; };
  const bool serves_vehicles = !phase.serves.protected_movements.empty() || !phase.serves.permitted_movements.empty();
  if (serves_vehicles && (*phase.yellow_s < kMinUsualYellowS || *phase.yellow_s > kMaxUsualYellowS)) {
    checker.warning(key_path(given.yellow_s, "yellow_s"), "yellow of " + format_number(*phase.yellow_s) + " s" +
                                                              default_note(given.yellow_s) +
                                                              " is outside the usual 3 to 6 s");
  }
  if (*phase.red_clearance_s > kMaxUsualRedClearanceS) {
    checker.warning(key_path(given.red_clearance_s, "red_clearance_s"),
                    "red clearance of " + format_number(*phase.red_clearance_s) + " s" +
                        default_note(given.red_clearance_s) + " is above the usual 6 s at most");
  }
  for (const std::string& id : phase.serves.crosswalks) {
    const auto leg = std::find_if(node.legs.begin(), node.legs.end(), [&](const Leg& l) { return l.id == id; });
    if (leg == node.legs.end() || !leg->crosswalk_length_m) continue;
    const double length = *leg->crosswalk_length_m;
    const std::string crossing = "crosswalk '" + id + "' (" + format_number(length) + " m)";
    if (given.pedestrian_clearance_s && *given.pedestrian_clearance_s + kTolerance_s < pedestrian_clearance_s(length)) {
      checker.warning(place.path + ".pedestrian_clearance_s",
                      "pedestrian clearance of " + format_number(*given.pedestrian_clearance_s) +
                          " s is shorter than " + crossing + " needs at 1.07 m/s (" +
                          format_number(ceil_tenth(pedestrian_clearance_s(length))) + " s)");
    }
    const double total = *phase.walk_s + *phase.pedestrian_clearance_s;
    if (given.walk_s && total + kTolerance_s < pedestrian_min_total_s(length)) {
      checker.warning(place.path + ".walk_s", "walk + pedestrian clearance of " + format_number(tidy(total)) +
                                                  " s is shorter than " + crossing +
                                                  " needs at 0.91 m/s from 1.8 m behind the curb (" +
                                                  format_number(ceil_tenth(pedestrian_min_total_s(length))) + " s)");
    }
  }
}

enum class Right { none, permitted, protected_ };

// [interval × movement] the right of way a movement holds: a yellow keeps the kind of the green before
// it, since vehicles still enter on yellow.
std::vector<Right> rights_held(const IntervalTable& table) {
  const std::size_t n = table.interval_count();
  const std::size_t columns = table.movement_count;
  std::vector<Right> right(n * columns, Right::none);
  for (std::size_t m = 0; m < columns; ++m) {
    for (std::size_t pass = 0; pass < 2; ++pass) {  // twice round the cycle: a yellow at 0 looks back
      for (std::size_t i = 0; i < n; ++i) {
        Right& held = right[i * columns + m];
        switch (table.indication(i, m)) {
          case Indication::protected_green: held = Right::protected_; break;
          case Indication::permitted_green: held = Right::permitted; break;
          case Indication::yellow: held = right[((i + n - 1) % n) * columns + m]; break;
          case Indication::red:
          case Indication::red_turn_on_red: break;
        }
      }
    }
  }
  return right;
}

// Conflicting movements and crosswalks open together, one error per pair (its first interval).
void check_conflicts(Checker& checker, const Timing& resolved, const Node& node, const Network& network,
                     const SumoSignal* sumo, const std::string& path) {
  std::vector<std::string> movements;
  for (const Movement& movement : node.movements) movements.push_back(movement.id);
  std::vector<std::string> crosswalks;
  std::vector<std::size_t> crosswalk_leg;
  for (std::size_t l = 0; l < node.legs.size(); ++l) {
    if (!node.legs[l].crosswalk_length_m) continue;
    crosswalks.push_back(node.legs[l].id);
    crosswalk_leg.push_back(l);
  }
  IntervalTable table;
  try {
    table = compile_interval_table(resolved, movements, crosswalks);
  } catch (const Error&) {
    return;  // the rules above have reported why
  }
  const ConflictMatrix conflicts = sumo != nullptr && sumo->foes ? with_foes(conflict_matrix(node, network), node, *sumo->foes)
                                                                 : conflict_matrix(node, network);
  std::set<std::pair<std::size_t, std::size_t>> reported;
  const auto report = [&](std::size_t a, std::size_t b, std::size_t i, const std::string& message) {
    if (!reported.insert({a, b}).second) return;
    checker.error(path,
                  message + " (from " + format_number(static_cast<double>(table.start[i]) / 10) + " s of the cycle)");
  };
  const auto name = [&](std::size_t m) { return "'" + movements[m] + "'"; };
  const std::vector<Right> right = rights_held(table);
  for (std::size_t i = 0; i < table.interval_count(); ++i) {
    const auto held = [&](std::size_t m) { return right[i * movements.size() + m]; };
    for (std::size_t a = 0; a < movements.size(); ++a) {
      for (std::size_t b = a + 1; b < movements.size(); ++b) {
        const Conflict conflict = conflicts.between(a, b);
        if (conflict == Conflict::none || held(a) == Right::none || held(b) == Right::none) continue;
        const std::string how = conflict == Conflict::crossing ? " cross" : " merge";
        if (held(a) == Right::protected_ && held(b) == Right::protected_) {
          const bool both_green =
              table.indication(i, a) != Indication::yellow && table.indication(i, b) != Indication::yellow;
          report(a, b, i,
                 "movements " + name(a) + " and " + name(b) + how +
                     (both_green ? " and are both protected green"
                                 : " and both hold the right of way (protected green or the yellow after it)"));
        } else if (held(a) == Right::permitted && held(b) == Right::permitted && conflict == Conflict::crossing) {
          report(a, b, i, "permitted movements " + name(a) + " and " + name(b) + " cross and are green together");
        }
      }
    }
    // Through movements never cross an open crosswalk. Turning movements may: turning drivers yield
    // to pedestrians in the crosswalk (UVC 11-202(a)), and the plan does not say whether a turn
    // shows an arrow (MUTCD 4D.05 bars a green arrow against a conflicting walk).
    for (std::size_t c = 0; c < crosswalks.size(); ++c) {
      const PedestrianIndication walking = table.pedestrian(i, c);
      if (walking == PedestrianIndication::dont_walk) continue;
      for (std::size_t m = 0; m < movements.size(); ++m) {
        if (!conflicts.crosses_crosswalk(m, crosswalk_leg[c]) || held(m) == Right::none ||
            node.movements[m].turn != TurnType::through) {
          continue;
        }
        report(m, movements.size() + c, i,
               "through movement " + name(m) + " has the right of way while crosswalk '" + crosswalks[c] +
                   "', which it crosses, shows " +
                   (walking == PedestrianIndication::walk ? "walk" : "flashing don't walk"));
      }
    }
  }
}

}  // namespace

void check_signal_plan(Checker& checker, const Timing& timing, const Node& node, const Network& network,
                       const SumoSignal* sumo, const std::string& path) {
  const RingPlan given = ring_plan_of(timing);
  const Timing resolved = resolve_timing(timing, node, network);
  const bool stages = !timing.rings;
  for (std::size_t p = 0; p < given.phases.size(); ++p) {
    const PhasePlace place{indexed(path + (stages ? ".sequence.stages" : ".sequence.phases"), p), stages};
    check_split(checker, given.phases[p], resolved.rings->phases[p], place);
    check_ranges(checker, given.phases[p], resolved.rings->phases[p], node, place);
  }
  check_conflicts(checker, resolved, node, network, sumo, path + ".sequence");
}

}  // namespace itsc::detail

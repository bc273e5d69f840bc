// Property test over random valid 8-phase dual-ring plans (seeded, deterministic): random lead/lag
// orders, splits, clearances, coordination and offsets, with FYA lefts, crosswalks and overlaps.
// Every plan validates; its table never shows conflicting movements together, follows every green
// with yellow and a red clearance, and fits walk and flashing don't walk inside their phase's green.
#include <itsc/interval_table.hpp>
#include <itsc/ring_plan.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "signal/conflicts.hpp"
#include "support/cross_scenario.hpp"

using namespace itsc;

namespace {

constexpr double kWalk_s = 7;
constexpr double kPedestrianClearance_s = 11.3;  // 12 m crosswalks
constexpr double kMinRedClearance_s = 0.5;

struct Template {
  int number;
  std::vector<std::string> protect;
  std::vector<std::string> permit;
  std::vector<std::string> crosswalks;
  double min_green_s;
};

// Lefts 1, 3, 5, 7 (permitted with the opposing through), throughs 2, 4, 6, 8 with the crosswalk
// no concurrent protected left crosses.
const std::vector<Template> kPhases{
    {1, {"EBL"}, {}, {}, 5},           {2, {"WBT", "WBR"}, {"EBL"}, {"N"}, 10},
    {3, {"SBL"}, {}, {}, 5},           {4, {"NBT"}, {"SBL"}, {"E"}, 10},
    {5, {"WBL"}, {}, {}, 5},           {6, {"EBT", "EBR"}, {"WBL"}, {"S"}, 10},
    {7, {"NBL"}, {}, {}, 5},           {8, {"SBT", "SBR"}, {"NBL"}, {"W"}, 10}};

double tenths_between(std::mt19937& rng, double low_s, double high_s) {
  std::uniform_int_distribution<int> pick(static_cast<int>(low_s * 10 + 0.5), static_cast<int>(high_s * 10 + 0.5));
  return pick(rng) / 10.0;
}

Timing random_plan(std::mt19937& rng) {
  RingPlan plan;
  for (const Template& t : kPhases) {
    Phase p;
    p.number = t.number;
    p.serves = {t.protect, t.permit, t.crosswalks};
    p.min_green_s = t.min_green_s;
    p.yellow_s = tenths_between(rng, 3, 5);
    p.red_clearance_s = tenths_between(rng, kMinRedClearance_s, 2);
    if (!t.crosswalks.empty()) {
      p.walk_s = kWalk_s;
      p.pedestrian_clearance_s = kPedestrianClearance_s;
    }
    plan.phases.push_back(p);
  }
  const auto need = [&](int number) {
    const Phase& p = plan.phases[static_cast<std::size_t>(number - 1)];
    const double green = p.walk_s ? std::max(*p.min_green_s, *p.walk_s + *p.pedestrian_clearance_s) : *p.min_green_s;
    return green + *p.yellow_s + *p.red_clearance_s;
  };
  std::bernoulli_distribution coin(0.5);
  // rings[r][g]: a pair of phases in a random order (lead or lag).
  const int pairs[2][2][2] = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
  plan.rings.assign(2, std::vector<std::vector<int>>(2));
  for (std::size_t g = 0; g < 2; ++g) {
    const double length = std::max(need(pairs[0][g][0]) + need(pairs[0][g][1]), need(pairs[1][g][0]) + need(pairs[1][g][1])) +
                          tenths_between(rng, 0, 30);
    for (std::size_t r = 0; r < 2; ++r) {
      const int a = pairs[r][g][0];
      const int b = pairs[r][g][1];
      const double slack = length - need(a) - need(b);
      const double share = tenths_between(rng, 0, slack);
      plan.phases[static_cast<std::size_t>(a - 1)].split_s = need(a) + share;
      plan.phases[static_cast<std::size_t>(b - 1)].split_s = length - need(a) - share;
      plan.rings[r][g] = coin(rng) ? std::vector<int>{a, b} : std::vector<int>{b, a};
    }
  }
  if (coin(rng)) plan.coordinated_phases = coin(rng) ? std::vector<int>{2, 6} : std::vector<int>{6};
  plan.overlaps = {Overlap{"A", {4, 5}, {{"NBR"}, {}, {}}}, Overlap{"B", {3}, {{"WBR"}, {}, {}}}};
  Timing timing;
  timing.cycle_s = 0;
  for (const auto& group : plan.rings[0]) {
    for (const int number : group) timing.cycle_s += plan.phases[static_cast<std::size_t>(number - 1)].split_s;
  }
  timing.cycle_s = std::round(timing.cycle_s * 10) / 10;
  timing.offset_s = tenths_between(rng, 0, timing.cycle_s - 0.1);
  timing.rings = plan;
  return timing;
}

}  // namespace

TEST_CASE("ring plans: random valid plans keep the safety properties at every 0.1 s") {
  Scenario scenario = test::make_cross_scenario();
  const Node& node = scenario.network.nodes.front();
  std::vector<std::string> movements;
  for (const Movement& m : node.movements) movements.push_back(m.id);
  const std::vector<std::string> crosswalks{"N", "E", "S", "W"};  // the legs, in the node's order
  const detail::ConflictMatrix conflicts = detail::conflict_matrix(node, scenario.network);
  std::mt19937 rng(20240607);
  for (int trial = 0; trial < 50; ++trial) {
    const Timing timing = random_plan(rng);
    CAPTURE(trial);
    scenario.timing["C"] = timing;
    for (const Diagnostic& d : validate(scenario)) {
      INFO(d.path, ": ", d.message);
      REQUIRE(d.severity != Severity::error);
    }
    const IntervalTable table = compile_interval_table(timing, movements, crosswalks);
    const Tenths cycle = table.cycle;
    const auto shown = [&](std::size_t m, Tenths t) { return table.indication(table.interval_at(((t % cycle) + cycle) % cycle), m); };
    const auto walking = [&](std::size_t c, Tenths t) { return table.pedestrian(table.interval_at(((t % cycle) + cycle) % cycle), c); };
    for (Tenths t = 0; t < cycle; ++t) {
      for (std::size_t a = 0; a < movements.size(); ++a) {
        const Indication now = shown(a, t);
        const Indication next = shown(a, t + 1);
        // A green ends only in yellow (or turns into the other kind of green).
        if (is_green(now) && !is_green(next)) CHECK(next == Indication::yellow);
        // A yellow never goes back to protected green; it lasts at least 3 s.
        if (now == Indication::yellow && next != Indication::yellow) {
          CHECK(next != Indication::protected_green);
          for (Tenths back = 1; back < 30; ++back) CHECK(shown(a, t - back) == Indication::yellow);
        }
        // A movement whose yellow ends in red holds every conflicting movement red for the red clearance.
        if (now == Indication::yellow && next == Indication::red) {
          for (std::size_t b = 0; b < movements.size(); ++b) {
            if (conflicts.between(a, b) == detail::Conflict::none) continue;
            for (Tenths ahead = 1; ahead <= static_cast<Tenths>(kMinRedClearance_s * 10); ++ahead) {
              CHECK_FALSE((is_green(shown(b, t + ahead)) && !is_green(shown(b, t)) && shown(b, t) != Indication::yellow));
            }
          }
        }
        for (std::size_t b = a + 1; b < movements.size(); ++b) {
          const detail::Conflict conflict = conflicts.between(a, b);
          if (conflict == detail::Conflict::none) continue;
          const Indication other = shown(b, t);
          CHECK_FALSE((now == Indication::protected_green && other == Indication::protected_green));
          if (conflict == detail::Conflict::crossing) {
            CHECK_FALSE((now == Indication::permitted_green && other == Indication::permitted_green));
          }
        }
        for (std::size_t c = 0; c < crosswalks.size(); ++c) {
          if (walking(c, t) == PedestrianIndication::dont_walk || !conflicts.crosses_crosswalk(a, c)) continue;
          CHECK_FALSE((node.movements[a].turn == TurnType::through && (is_green(now) || now == Indication::yellow)));
        }
      }
    }
    // Walk, then flashing don't walk, each as long as given, inside the green of its phase.
    for (std::size_t c = 0; c < crosswalks.size(); ++c) {
      const Template& owner = *std::find_if(kPhases.begin(), kPhases.end(), [&](const Template& p) {
        return !p.crosswalks.empty() && p.crosswalks.front() == crosswalks[c];
      });
      Tenths walk = 0;
      Tenths flashing = 0;
      for (Tenths t = 0; t < cycle; ++t) {
        const PedestrianIndication now = walking(c, t);
        if (now == PedestrianIndication::dont_walk) continue;
        (now == PedestrianIndication::walk ? walk : flashing) += 1;
        for (const std::string& id : owner.protect) {
          const auto m = static_cast<std::size_t>(std::find(movements.begin(), movements.end(), id) - movements.begin());
          CHECK(shown(m, t) == Indication::protected_green);
        }
        if (now == PedestrianIndication::walk) CHECK(walking(c, t - 1) != PedestrianIndication::flashing_dont_walk);
      }
      CHECK(walk == to_tenths(kWalk_s));
      CHECK(flashing == to_tenths(kPedestrianClearance_s));
    }
  }
}

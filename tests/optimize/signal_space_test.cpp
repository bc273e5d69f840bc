// One signal's decision variables: what the rules allow, the moves keep them, and which left-turn phases
// may lead or lag.
#include <doctest/doctest.h>
#include <itsc/analyze.hpp>
#include <itsc/io.hpp>
#include <itsc/plan.hpp>

#include <numeric>
#include <string>

#include "optimize/signal_space.hpp"

namespace itsc {

namespace {

Scenario isolated() { return load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/isolated.yaml").scenario; }

Phase phase(int number, std::vector<std::string> protected_movements, std::vector<std::string> permitted,
            std::vector<std::string> crosswalks, double split_s) {
  Phase p;
  p.number = number;
  p.serves.protected_movements = std::move(protected_movements);
  p.serves.permitted_movements = std::move(permitted);
  p.serves.crosswalks = std::move(crosswalks);
  p.split_s = split_s;
  return p;
}

// The isolated intersection under a dual-ring plan with protected arterial lefts 1 and 5; `permitted`
// also lets the eastbound left go permitted in phase 6.
Scenario dual_ring(bool permitted) {
  Scenario s = isolated();
  Timing t;
  t.cycle_s = 90;
  RingPlan plan;
  plan.phases = {phase(1, {"EBL"}, {}, {}, 12), phase(2, {"WBT", "WBR"}, {}, {"north"}, 40),
                 phase(5, {"WBL"}, {}, {}, 12), phase(6, {"EBT", "EBR"}, permitted ? std::vector<std::string>{"EBL"}
                                                                                 : std::vector<std::string>{},
                                                          {"south"}, 40),
                 phase(3, {"NBT", "NBR"}, {"NBL"}, {"east"}, 38), phase(7, {"SBT", "SBR"}, {"SBL"}, {"west"}, 38)};
  plan.rings = {{{1, 2}, {3}}, {{5, 6}, {7}}};
  t.rings = plan;
  s.timing["C"] = t;
  return s;
}

struct Space {
  Model model;
  PlanSet plans;
  detail::SignalSpace space;
  explicit Space(const Scenario& s)
      : model(compile(s)), plans(compile_plans(s, model, 1)),
        space(model, 0, plans.plan(0, 0).timing,
              demand_volumes(model, compile_demand(model, s.demand, 1))) {}
};

}  // namespace

TEST_CASE("signal space: splits keep their minimums and the rings meet at the barriers") {
  const Space s(dual_ring(false));
  const detail::SignalDecision d = s.space.decision_of(s.plans.plan(0, 0).timing);
  CHECK(s.space.feasible(d));
  CHECK(d.cycle == 900);
  // Every move keeps the rings at the barriers; one that takes a split below its minimum is refused.
  for (const detail::SplitMove& move : s.space.moves(d, 20)) {
    const auto moved = s.space.applied(d, move);
    if (moved) CHECK(s.space.feasible(*moved));
  }
  detail::SignalDecision starved = d;
  starved.split[0] = 10;  // phase 1: 1 s, below its minimum green and clearances
  starved.split[1] += 110;
  starved.split[2] = 10;
  starved.split[3] += 110;
  CHECK_FALSE(s.space.feasible(starved));
  detail::SignalDecision unbalanced = d;
  unbalanced.split[0] += 10;  // ring 1 would reach the barrier a second after ring 2
  unbalanced.split[4] -= 10;
  CHECK_FALSE(s.space.feasible(unbalanced));
  // Another cycle keeps the rules; Webster's splits too.
  const auto longer = s.space.rescaled(d, 1200);
  REQUIRE(longer);
  CHECK(s.space.feasible(*longer));
  CHECK(std::accumulate(longer->split.begin(), longer->split.begin() + 2, Tenths{0}) +
            longer->split[4] == 1200);
  const auto webster = s.space.webster(1000, 0);
  REQUIRE(webster);
  CHECK(s.space.feasible(*webster));
  CHECK_FALSE(s.space.webster(s.space.minimum_cycle() - 10, 0));
}

TEST_CASE("signal space: splits stay within Max1, the time left over goes where there is room") {
  // Ring 1's phases of the first barrier group (1 and 2) have a Max1: at a long cycle that group cannot
  // take its share, and the second group (phases 3 and 7) takes the rest in both rings.
  Scenario scenario = dual_ring(false);
  for (Phase& phase : scenario.timing["C"].rings->phases) {
    if (phase.number == 1) phase.max1_s = 15;
    if (phase.number == 2) phase.max1_s = 35;
  }
  const Space s(scenario);
  const detail::SignalDecision d = s.space.decision_of(s.plans.plan(0, 0).timing);
  const Timing& resolved = s.plans.plan(0, 0).timing;
  const auto max_split = [&](std::size_t p) {
    const Phase& phase = resolved.rings->phases[p];
    return to_tenths(*phase.max1_s + *phase.yellow_s + *phase.red_clearance_s);
  };
  for (const Tenths cycle : {Tenths{1200}, Tenths{1800}}) {
    CAPTURE(cycle);
    for (const auto& candidate : {s.space.webster(cycle, 0), s.space.rescaled(d, cycle)}) {
      REQUIRE(candidate);
      CHECK(s.space.feasible(*candidate));
      CHECK(candidate->split[0] <= max_split(0));
      CHECK(candidate->split[1] <= max_split(1));
      CHECK(std::accumulate(candidate->split.begin(), candidate->split.end(), Tenths{0}) == 2 * cycle);
    }
  }
  const auto longest = s.space.webster(1800, 0);
  CHECK(longest->split[0] + longest->split[1] == max_split(0) + max_split(1));
  CHECK(s.space.phases_at_maximum(*longest) == std::vector<int>{1, 2});
  // A move that would take phase 2 past its maximum is refused.
  for (const detail::SplitMove& move : s.space.moves(*longest, 20)) {
    const auto moved = s.space.applied(*longest, move);
    if (moved) CHECK(moved->split[1] <= max_split(1));
  }
  detail::SignalDecision over = *longest;
  over.split[1] += 10;
  over.split[0] -= 10;
  CHECK_FALSE(s.space.feasible(over));
}

TEST_CASE("signal space: protected lefts may lead or lag, unless they also run permitted across rings") {
  const Space protected_only(dual_ring(false));
  CHECK(protected_only.space.swaps().size() == 2);  // phases 1-2 and 5-6
  const Space trapped(dual_ring(true));
  REQUIRE(trapped.space.swaps().size() == 1);  // the eastbound left also runs permitted: 1-2 stays
  CHECK(trapped.space.swaps().front().ring == 1);
  // A stage plan is one ring: its left-turn stage may lag the through stage (both directions at once).
  const Space stages(isolated());
  CHECK(stages.space.swaps().size() == 1);
  // A lagging left: its ring runs 2 before 1, and the plan still validates.
  detail::SignalDecision d = protected_only.space.decision_of(protected_only.plans.plan(0, 0).timing);
  d.swapped[0] = 1;
  const Timing lagging = protected_only.space.timing(d);
  CHECK(lagging.rings->rings[0][0] == std::vector<int>{2, 1});
  CHECK(lagging.rings->rings[1][0] == std::vector<int>{5, 6});
  Scenario with_lag = dual_ring(false);
  with_lag.timing["C"] = lagging;
  for (const Diagnostic& diagnostic : validate(with_lag)) {
    CAPTURE(diagnostic.to_string());
    CHECK(diagnostic.severity != Severity::error);
  }
}

}  // namespace itsc

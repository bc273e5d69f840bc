// An actuated controller of one member takes a new plan of the same phases: the plan in force given
// again changes nothing, a new plan given before the first step runs as a controller built with it, a
// new plan mid-run carries the rings on and then rules; a batch of several members, or a plan of other
// phases, is refused with nothing changed.
#include <itsc/controller.hpp>
#include <itsc/error.hpp>

#include <doctest/doctest.h>

#include "control/one_ring_plan.hpp"

#include <memory>
#include <random>
#include <vector>

using namespace itsc;

namespace {

SignalPlan plan_of(const Timing& timing) { return SignalPlan{timing, {}}; }

// Steps both controllers [from, to) tenth by tenth under the same random calls; the tenths they differ.
int differences(Controller& a, Controller& b, Tenths from, Tenths to, unsigned seed) {
  std::mt19937 random(seed);
  std::bernoulli_distribution arrives(0.25);
  test::OneRingObservation seen;
  std::vector<Indication> shown_a(3), shown_b(3);
  std::vector<std::int32_t> green(3), yellow(3);
  int differ = 0;
  for (Tenths t = from; t < to; ++t) {
    for (double& call : seen.calls) call = arrives(random) ? 1.0 : 0.0;
    seen.pushed[0] = t % 450 == 0 ? 1.0 : 0.0;
    const Observation observation = seen.view();
    a.step(t, 1, observation, SignalCommand{1, shown_a, green, yellow});
    b.step(t, 1, observation, SignalCommand{1, shown_b, green, yellow});
    differ += shown_a != shown_b ? 1 : 0;
  }
  return differ;
}

std::unique_ptr<Controller> actuated(const Timing& timing) {
  return make_controller(std::span<const Timing>(&timing, 1), test::one_ring_layout());
}

}  // namespace

TEST_CASE("actuated set_plan: the plan in force given again mid-run changes nothing") {
  const Timing timing = test::one_ring_plan("actuated");
  auto kept = actuated(timing);
  auto given = actuated(timing);
  CHECK(differences(*kept, *given, 0, 1234, 3) == 0);
  REQUIRE(given->set_plan(0, plan_of(timing), 1234, std::nullopt));
  CHECK(differences(*kept, *given, 1234, 5400, 4) == 0);
}

TEST_CASE("actuated set_plan: a plan given before the first step runs as a controller built with it") {
  Timing next = test::one_ring_plan("actuated");
  next.rings->rings = {{{2, 6, 4}}};  // another order, from the phase both start in
  next.rings->phases[0].max1_s = 20;
  next.rings->phases[2].recall = Recall::max;
  auto built = actuated(next);
  auto given = actuated(test::one_ring_plan("actuated"));
  REQUIRE(given->set_plan(0, plan_of(next), 0, std::nullopt));
  CHECK(differences(*built, *given, 0, 5400, 5) == 0);
  // ... which is not how the old plan runs.
  auto old = actuated(test::one_ring_plan("actuated"));
  auto again = actuated(next);
  CHECK(differences(*old, *again, 0, 5400, 5) > 100);
}

TEST_CASE("actuated set_plan: a new plan mid-run rules from then on") {
  // Phase 2's Max1 from 36 s down to 15 s at t = 900: under steady calls it maxes out sooner.
  Timing next = test::one_ring_plan("actuated");
  next.rings->phases[0].max1_s = 15;
  auto kept = actuated(test::one_ring_plan("actuated"));
  auto given = actuated(test::one_ring_plan("actuated"));
  CHECK(differences(*kept, *given, 0, 900, 6) == 0);
  REQUIRE(given->set_plan(0, plan_of(next), 900, std::nullopt));
  CHECK(differences(*kept, *given, 900, 5400, 7) > 0);
}

TEST_CASE("actuated set_plan: a batch of several members, or other phases, is refused with nothing changed") {
  const Timing timing = test::one_ring_plan("actuated");
  auto batch = make_controller(std::vector<Timing>{timing, timing}, test::one_ring_layout());
  CHECK_FALSE(batch->set_plan(0, plan_of(timing), 0, std::nullopt));
  Timing other = timing;
  other.rings->phases[2].number = 8;
  other.rings->rings = {{{2, 4, 8}}};
  auto given = actuated(timing);
  auto kept = actuated(timing);
  CHECK_THROWS_AS(given->set_plan(0, plan_of(other), 0, std::nullopt), Error);  // detector dC calls phase 6
  Timing two_groups = timing;
  two_groups.rings->rings = {{{2, 4}, {6}}};
  CHECK_FALSE(given->set_plan(0, plan_of(two_groups), 0, std::nullopt));
  CHECK(differences(*kept, *given, 0, 2700, 8) == 0);
}

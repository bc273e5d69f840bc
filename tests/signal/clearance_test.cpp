// The ITE and MUTCD formulas against worked examples computed by hand, and the defaults a plan takes.
#include <itsc/clearance.hpp>
#include <itsc/ring_plan.hpp>

#include <doctest/doctest.h>

#include "support/cross_scenario.hpp"

using namespace itsc;

TEST_CASE("clearance: ITE yellow and red clearance, worked examples") {
  // 72 km/h = 20 m/s, 2 % uphill: Y = 1 + 20 / (2·3.05 + 2·9.81·0.02) = 1 + 20 / 6.4924 = 4.0805 s.
  CHECK(ite_yellow_s(20, 2) == doctest::Approx(4.080525).epsilon(1e-6));
  // 50 km/h = 13.889 m/s, level: Y = 1 + 13.889 / 6.1 = 3.2769 s.
  CHECK(ite_yellow_s(50 / 3.6, 0) == doctest::Approx(3.276867).epsilon(1e-6));
  // 1.5 % downhill lengthens it: 1 + 13.889 / (6.1 - 0.2943) = 1 + 13.889 / 5.8057 = 3.3923 s.
  CHECK(ite_yellow_s(50 / 3.6, -1.5) == doctest::Approx(3.39228).epsilon(1e-5));
  // R = (W + L) / v = (20 + 6) / 20 = 1.3 s.
  CHECK(ite_red_clearance_s(20, 20) == doctest::Approx(1.3));
}

TEST_CASE("clearance: MUTCD pedestrian intervals, worked examples") {
  // 15 m at 1.07 m/s: 14.019 s; walk + clearance >= (15 + 1.8) / 0.91 = 18.462 s.
  CHECK(pedestrian_clearance_s(15) == doctest::Approx(14.018692).epsilon(1e-6));
  CHECK(pedestrian_min_total_s(15) == doctest::Approx(18.461538).epsilon(1e-6));
  CHECK(default_walk_s(15, 14.1) == 7);
  // 40 m: clearance 37.4 s (rounded up); the total needs 41.8 / 0.91 = 45.934 s, so walk 8.534 s.
  CHECK(default_walk_s(40, 37.4) == doctest::Approx(8.534066).epsilon(1e-6));
}

TEST_CASE("clearance: absent intervals of a plan take the defaults from the geometry") {
  const Scenario scenario = test::make_cross_scenario();
  const Node& node = scenario.network.nodes.front();
  Timing timing;
  timing.cycle_s = 60;
  RingPlan plan;
  Phase through;
  through.number = 2;
  through.serves.protected_movements = {"NBT", "SBT"};
  through.serves.crosswalks = {"E", "W"};
  through.split_s = 30;
  Phase walk_only;  // an exclusive pedestrian phase
  walk_only.number = 4;
  walk_only.serves.crosswalks = {"N"};
  walk_only.split_s = 30;
  walk_only.pedestrian_clearance_s = 12;
  plan.phases = {through, walk_only};
  plan.rings = {{{2}, {4}}};
  timing.rings = plan;
  const RingPlan resolved = resolve_ring_plan(timing, node, scenario.network);
  // 50 km/h links, no width given: Y = 3.277 -> 3.3 s, R = 6 / 13.889 = 0.432 -> 0.5 s.
  CHECK(resolved.phases[0].yellow_s == doctest::Approx(3.3));
  CHECK(resolved.phases[0].red_clearance_s == doctest::Approx(0.5));
  // 12 m crossings: clearance 11.215 -> 11.3 s, walk 7 s.
  CHECK(resolved.phases[0].pedestrian_clearance_s == doctest::Approx(11.3));
  CHECK(resolved.phases[0].walk_s == doctest::Approx(7));
  // No vehicles: no yellow, no red clearance; a given clearance is kept.
  CHECK(resolved.phases[1].yellow_s == 0);
  CHECK(resolved.phases[1].red_clearance_s == 0);
  CHECK(resolved.phases[1].pedestrian_clearance_s == 12);
  CHECK(resolved.phases[1].walk_s == doctest::Approx(7));
}

TEST_CASE("clearance: a leg's width, grade and approach speed enter the defaults") {
  Scenario scenario = test::make_cross_scenario();
  Node& node = scenario.network.nodes.front();
  node.legs[2].width_m = 20;                // S: NB approach
  node.legs[2].approach_speed_kmh = 72;     // 20 m/s
  node.legs[2].grade_percent = 2;
  Timing timing;
  timing.cycle_s = 60;
  Stage stage;
  stage.serves.protected_movements = {"NBT"};
  stage.green_s = 50;
  stage.yellow_s = 4;
  timing.stages = {stage};
  Timing rings = timing;
  rings.stages.clear();
  rings.rings = ring_plan_of(timing);
  rings.rings->phases[0].yellow_s.reset();
  rings.rings->phases[0].red_clearance_s.reset();
  const RingPlan resolved = resolve_ring_plan(rings, node, scenario.network);
  CHECK(resolved.phases[0].yellow_s == doctest::Approx(4.1));         // 4.0805 rounded up
  CHECK(resolved.phases[0].red_clearance_s == doctest::Approx(1.3));  // (20 + 6) / 20
}

TEST_CASE("clearance: the default yellow is at least 3 s") {
  Scenario scenario = test::make_cross_scenario();
  Node& node = scenario.network.nodes.front();
  node.legs[2].approach_speed_kmh = 40;  // 1 + 11.111 / 6.1 = 2.82 s by the formula
  Timing timing;
  timing.cycle_s = 60;
  RingPlan plan;
  Phase p;
  p.number = 1;
  p.serves.protected_movements = {"NBT"};
  p.split_s = 60;
  plan.phases = {p};
  plan.rings = {{{1}}};
  timing.rings = plan;
  CHECK(resolve_ring_plan(timing, node, scenario.network).phases[0].yellow_s == 3);
}

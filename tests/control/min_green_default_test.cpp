// One default minimum green, kDefaultMinGreenS, for a phase that gives no min_green_s: the actuated
// controller, max-pressure and the transition cycles between patterns all keep 5 s of green.
#include <itsc/controller.hpp>
#include <itsc/max_pressure.hpp>
#include <itsc/timing.hpp>

#include <doctest/doctest.h>

#include <vector>

#include "control/transition.hpp"

using namespace itsc;

namespace {

Phase phase_without_min_green(int number, const char* movement, double split_s) {
  Phase p;
  p.number = number;
  p.serves.protected_movements = {movement};
  p.split_s = split_s;
  p.max1_s = 20;
  p.passage_s = 1;
  p.yellow_s = 3;
  p.red_clearance_s = 1;
  return p;
}

}  // namespace

TEST_CASE("min green default: actuated, max-pressure and transitions keep the same 5 s") {
  CHECK(kDefaultMinGreenS == 5.0);
  CHECK(MaxPressureSettings{}.min_green_s == kDefaultMinGreenS);
  const Tenths expected = to_tenths(kDefaultMinGreenS);

  SUBCASE("actuated: a phase called for 0.1 s shows the default min green, not its passage of 1 s") {
    Timing timing;
    timing.cycle_s = 60;
    timing.controller = "actuated";
    RingPlan rings;
    rings.phases = {phase_without_min_green(2, "A", 30), phase_without_min_green(4, "B", 30)};
    rings.rings = {{{2, 4}}};
    timing.rings = rings;
    IntersectionLayout l;
    l.movements = {"A", "B"};
    l.detectors = {"dA", "dB"};
    l.detector_calls = {{2}, {4}};
    l.detector_extends = {{2}, {4}};
    ActuatedController controller(timing, l, 1);
    std::vector<double> calls(2);
    std::vector<Indication> indication(2);
    std::vector<std::int32_t> green(2), yellow(2);
    Tenths green_of_a = 0;  // tenths of A's green before its first yellow
    bool yellow_seen = false;
    for (Tenths t = 0; t < 200 && !yellow_seen; ++t) {
      calls = {t == 0 ? 1.0 : 0.0, 1.0};  // B calls throughout (a conflicting call)
      Observation observation;
      observation.detector_call = calls;
      observation.detector_occupancy = calls;
      controller.step(t, 1, observation, SignalCommand{1, indication, green, yellow});
      green_of_a += green[0];
      yellow_seen = yellow[0] > 0;
    }
    CHECK(yellow_seen);
    CHECK(green_of_a == expected);
  }

  SUBCASE("max-pressure: the first stage keeps its green for the default min green") {
    // Stages give no min green; stage 2 has the larger pressure from the start.
    Timing timing;
    timing.cycle_s = 60;
    timing.controller = "max-pressure";
    for (const char* movement : {"A", "B"}) {
      Stage stage;
      stage.serves.protected_movements = {movement};
      stage.green_s = 26;
      stage.yellow_s = 3;
      stage.red_clearance_s = 1;
      timing.stages.push_back(stage);
    }
    IntersectionLayout l;
    l.movements = {"A", "B"};
    MaxPressureController controller(timing, l, 1, MaxPressureMode::acyclic);
    std::vector<double> queued{1, 20}, moving{0, 0};
    Observation observation;
    observation.queued_veh = queued;
    observation.moving_veh = moving;
    std::vector<Indication> indication(2);
    std::vector<std::int32_t> green(2), yellow(2);
    Tenths green_of_a = 0;  // tenths of A's green before its first yellow
    bool yellow_seen = false;
    for (Tenths t = 0; t < 200 && !yellow_seen; ++t) {
      controller.step(t, 1, observation, SignalCommand{1, indication, green, yellow});
      green_of_a += green[0];
      yellow_seen = yellow[0] > 0;
    }
    CHECK(yellow_seen);
    CHECK(green_of_a == expected);
  }

  SUBCASE("transitions: a shortened cycle leaves every green the default min green") {
    // Greens 7 s and 19 s (cycle 34 s) shortened to 22 s: 12 s cut in proportion to the greens would
    // leave 3.8 s and 10.2 s; phase 1 keeps 5 s and phase 2 gives the rest: 5 s and 9 s of green.
    Timing timing;
    timing.cycle_s = 34;
    RingPlan rings;
    rings.phases = {phase_without_min_green(1, "A", 11), phase_without_min_green(2, "B", 23)};
    rings.rings = {{{1, 2}}};
    timing.rings = rings;
    CHECK(detail::shortest_cycle(timing) == 2 * (expected + 40));
    const Timing shorter = detail::stretched_timing(timing, 220, false);
    CHECK(shorter.rings->phases[0].split_s == doctest::Approx(5 + 4));
    CHECK(shorter.rings->phases[1].split_s == doctest::Approx(9 + 4));
    // A plan that times a green shorter than the default keeps it, and the transition does not cut it.
    timing.rings->phases[0].split_s = 7;  // 3 s of green
    timing.rings->phases[1].split_s = 27;
    CHECK(detail::shortest_cycle(timing) == 30 + 40 + expected + 40);
    const Timing cut = detail::stretched_timing(timing, 220, false);
    CHECK(cut.rings->phases[0].split_s == doctest::Approx(3 + 4));
    CHECK(cut.rings->phases[1].split_s == doctest::Approx(11 + 4));
  }
}

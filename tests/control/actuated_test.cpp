#include <itsc/controller.hpp>
#include <itsc/error.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace itsc;

namespace {

Phase phase(int number, const char* movement, Recall recall = Recall::none) {
  Phase p;
  p.number = number;
  p.serves.protected_movements = {movement};
  p.split_s = 30;
  p.min_green_s = 5;
  p.max1_s = 20;
  p.passage_s = 3;
  p.yellow_s = 3;
  p.red_clearance_s = 1;
  p.recall = recall;
  return p;
}

// One ring, one barrier group: phases 2 (A), 4 (B), 6 (C); detector k calls and extends phase 2k+2.
Timing plan(Recall recall_4 = Recall::none) {
  Timing timing;
  timing.cycle_s = 90;
  timing.controller = "actuated";
  RingPlan rings;
  rings.phases = {phase(2, "A"), phase(4, "B", recall_4), phase(6, "C")};
  rings.rings = {{{2, 4, 6}}};
  timing.rings = rings;
  return timing;
}

IntersectionLayout layout() {
  IntersectionLayout l;
  l.movements = {"A", "B", "C"};
  l.detectors = {"dA", "dB", "dC"};
  l.detector_calls = {{2}, {4}, {6}};
  l.detector_extends = {{2}, {4}, {6}};
  return l;
}

// Indications at the end of every step: [step][movement × B]. `call(t, b, d)`: detector d of
// member b calls in the step starting at t (tenths), with a vehicle over it the whole step; `count`
// (optional): vehicles it counts in that step.
using Input = std::function<bool(Tenths, std::size_t, std::size_t)>;
using Count = std::function<double(Tenths, std::size_t, std::size_t)>;
std::vector<std::vector<Indication>> run(Controller& controller, Tenths dt, Tenths until, const Input& call,
                                         std::size_t detectors = 3, const Count& count = nullptr) {
  const std::size_t batch = controller.batch_size();
  const std::size_t movements = controller.movement_count();
  std::vector<double> calls(detectors * batch);
  std::vector<double> counts(detectors * batch);
  std::vector<Indication> indication(movements * batch);
  std::vector<std::int32_t> green(movements * batch);
  std::vector<std::int32_t> yellow(movements * batch);
  std::vector<std::vector<Indication>> result;
  for (Tenths t = 0; t < until; t += dt) {
    for (std::size_t d = 0; d < detectors; ++d) {
      for (std::size_t b = 0; b < batch; ++b) {
        calls[d * batch + b] = call(t, b, d) ? 1.0 : 0.0;
        counts[d * batch + b] = count ? count(t, b, d) : 0.0;
      }
    }
    Observation observation;
    observation.batch = batch;
    observation.detector_call = calls;
    observation.detector_occupancy = calls;
    observation.detector_count = counts;
    controller.step(t, dt, observation, SignalCommand{batch, indication, green, yellow});
    result.push_back(indication);
  }
  return result;
}

// When (tenths) movement m of member b begins to show `shown`, after `after`: the start of the first step
// whose indication (the one in force in its last tenth) is `shown` — a change at a step boundary.
Tenths first_end(const std::vector<std::vector<Indication>>& record, Tenths dt, std::size_t m, std::size_t b,
                 std::size_t batch, Indication shown, Tenths after = 0) {
  for (std::size_t k = 0; k < record.size(); ++k) {
    const Tenths start = static_cast<Tenths>(k) * dt;
    if (start >= after && record[k][m * batch + b] == shown) return start;
  }
  return -1;
}

std::unique_ptr<Controller> make(std::size_t batch, Recall recall_4 = Recall::none) {
  const std::vector<Timing> timings(batch, plan(recall_4));
  return make_controller(timings, layout());
}

}  // namespace

TEST_CASE("actuated: gap-out a passage time after the last call, not before min green") {
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    CAPTURE(dt);
    auto controller = make(1);
    // A called until 8 s; C calls throughout (a conflicting call).
    const auto record = run(*controller, dt, 600, [](Tenths t, std::size_t, std::size_t d) {
      return (d == 0 && t < 80) || d == 2;
    });
    CHECK(first_end(record, dt, 0, 0, 1, Indication::yellow) == 110);
    // Under the min green: calls until 1 s gap out at min green (5 s), not at 4 s.
    auto short_calls = make(1);
    const auto record2 = run(*short_calls, dt, 600, [](Tenths t, std::size_t, std::size_t d) {
      return (d == 0 && t < 10) || d == 2;
    });
    CHECK(first_end(record2, dt, 0, 0, 1, Indication::yellow) == 50);
  }
}

TEST_CASE("actuated: detector extend (carry-over) stretches the actuation and delays the gap-out") {
  // As the gap-out test, with dA's actuations stretched by 2 s: the last one ends at 8 s + 2 s, the
  // passage timer then runs 3 s: gap-out at 13 s instead of 11 s.
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    CAPTURE(dt);
    IntersectionLayout l = layout();
    l.detector_extend_s = {2.0, 0.0, 0.0};
    ActuatedController controller(plan(), l, 1);
    const auto record = run(controller, dt, 600, [](Tenths t, std::size_t, std::size_t d) {
      return (d == 0 && t < 80) || d == 2;
    });
    CHECK(first_end(record, dt, 0, 0, 1, Indication::yellow) == 130);
  }
}

TEST_CASE("actuated: detector delay places a call only after the presence lasts the delay") {
  // dC (phase 6) with a 3 s delay; A was called until 8 s and rests in green until a conflicting call.
  // A 2 s presence from 20 s places no call (A never ends); a 4 s one calls at 23 s: A's yellow then.
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    for (const Tenths presence : {Tenths{20}, Tenths{40}}) {
      CAPTURE(dt);
      CAPTURE(presence);
      IntersectionLayout l = layout();
      l.detector_delay_s = {0.0, 0.0, 3.0};
      ActuatedController controller(plan(), l, 1);
      const auto record = run(controller, dt, 600, [presence](Tenths t, std::size_t, std::size_t d) {
        return (d == 0 && t < 80) || (d == 2 && t >= 200 && t < 200 + presence);
      });
      CHECK(first_end(record, dt, 0, 0, 1, Indication::yellow) == (presence == 40 ? 230 : -1));
    }
  }
}

TEST_CASE("actuated: max-out at Max1 while calls continue") {
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    auto controller = make(1);
    const auto record = run(*controller, dt, 600, [](Tenths, std::size_t, std::size_t d) { return d != 1; });
    CHECK(first_end(record, dt, 0, 0, 1, Indication::yellow) == 200);
  }
}

TEST_CASE("actuated: a phase without a call is skipped, min recall serves it, clearance follows green") {
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    auto controller = make(1);
    const auto record = run(*controller, dt, 600, [](Tenths t, std::size_t, std::size_t d) {
      return (d == 0 && t < 80) || d == 2;
    });
    // A: green to 11 s, yellow 11–14 s, red clearance 14–15 s; then C (B skipped).
    CHECK(first_end(record, dt, 0, 0, 1, Indication::red) == 140);
    CHECK(first_end(record, dt, 2, 0, 1, Indication::protected_green) == 150);
    CHECK(first_end(record, dt, 1, 0, 1, Indication::protected_green) == -1);

    auto recalled = make(1, Recall::min);
    const auto record2 = run(*recalled, dt, 600, [](Tenths t, std::size_t, std::size_t d) {
      return (d == 0 && t < 80) || d == 2;
    });
    CHECK(first_end(record2, dt, 1, 0, 1, Indication::protected_green) == 150);
    // B has min green only (no detector): yellow at 20 s, C green at 24 s.
    CHECK(first_end(record2, dt, 1, 0, 1, Indication::yellow) == 200);
    CHECK(first_end(record2, dt, 2, 0, 1, Indication::protected_green) == 240);
  }
}

TEST_CASE("actuated: batch members run on their own detectors") {
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    auto controller = make(2);
    const auto record = run(*controller, dt, 600, [](Tenths t, std::size_t b, std::size_t d) {
      return (d == 0 && t < (b == 0 ? 80 : 120)) || d == 2;
    });
    CHECK(first_end(record, dt, 0, 0, 2, Indication::yellow) == 110);
    CHECK(first_end(record, dt, 0, 1, 2, Indication::yellow) == 150);
  }
}

TEST_CASE("actuated: plans with overlaps and mismatched batch timings are rejected") {
  Timing timing = plan();
  timing.rings->overlaps.push_back(Overlap{"A", {2, 4}, {}});
  const std::vector<Timing> one{timing};
  CHECK_THROWS_WITH_AS((void)make_controller(one, layout()),
                       "actuated controller: overlaps are not supported (overlap A)", Error);
  const std::vector<Timing> two{plan(), plan(Recall::min)};
  CHECK_THROWS_AS((void)make_controller(two, layout()), Error);
}

TEST_CASE("actuated: Max2 in force when selected") {
  Timing timing = plan();
  timing.rings->phases[0].max2_s = 30;
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    for (const bool selected : {false, true}) {
      ActuatedController controller(timing, layout(), 1);
      controller.select_max2(0, selected);
      const auto record = run(controller, dt, 600, [](Tenths, std::size_t, std::size_t d) { return d != 1; });
      CHECK(first_end(record, dt, 0, 0, 1, Indication::yellow) == (selected ? 300 : 200));
    }
  }
}

TEST_CASE("actuated: volume-density added initial lengthens min green by the vehicles counted on red") {
  // B counts one vehicle a second over 0–4 s while red: 4 × 2.5 s = 10 s of initial instead of 5 s.
  Timing timing = plan();
  timing.rings->phases[1].added_initial_s = 2.5;
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    ActuatedController controller(timing, layout(), 1);
    const auto record = run(
        controller, dt, 600,
        [](Tenths t, std::size_t, std::size_t d) { return (d == 0 && t < 80) || (d == 1 && t < 40) || d == 2; }, 3,
        [dt](Tenths t, std::size_t, std::size_t d) { return d == 1 && t < 40 ? static_cast<double>(dt) / 10.0 : 0.0; });
    // A: gap-out at 11 s, clearance to 15 s; B green 15 s, yellow at 15 + 10 s.
    CHECK(first_end(record, dt, 1, 0, 1, Indication::protected_green) == 150);
    CHECK(first_end(record, dt, 1, 0, 1, Indication::yellow) == 250);
  }
}

TEST_CASE("actuated: volume-density gap reduction ends a phase whose gaps a full passage time would bridge") {
  // A actuation every 2.5 s (a 0.1 s pulse, then 2.4 s of gap) never gaps out with P = 3 s: max-out at
  // 20 s. Reduced from 3 s after 5 s of conflicting call, by 2 s over 10 s (passage at m tenths of
  // conflict: 30 − ⌊(m − 50) / 5⌋), the gap after the pulse at 7.5 s reaches the passage at tenth 96
  // (gap 21, passage 30 − ⌊47 / 5⌋ = 21): yellow from 9.7 s.
  const auto pulses = [](Tenths t, std::size_t, std::size_t d) { return (d == 0 && t % 25 == 0) || d == 2; };
  ActuatedController plain(plan(), layout(), 1);
  CHECK(first_end(run(plain, 1, 600, pulses), 1, 0, 0, 1, Indication::yellow) == 200);
  Timing timing = plan();
  timing.rings->phases[0].minimum_gap_s = 1;
  timing.rings->phases[0].time_before_reduction_s = 5;
  timing.rings->phases[0].time_to_reduce_s = 10;
  ActuatedController reduced(timing, layout(), 1);
  CHECK(first_end(run(reduced, 1, 600, pulses), 1, 0, 0, 1, Indication::yellow) == 97);
}

TEST_CASE("actuated: dual entry starts a ring's phase at the barrier without a call of its own") {
  // Ring 1: 2 (A) | 4 (B); ring 2: 6 (C) | 8 (D). A is called until 8 s, B throughout; C and D never.
  IntersectionLayout l;
  l.movements = {"A", "B", "C", "D"};
  l.detectors = {"dA", "dB", "dC", "dD"};
  l.detector_calls = {{2}, {4}, {6}, {8}};
  l.detector_extends = {{2}, {4}, {6}, {8}};
  for (const bool dual : {false, true}) {
    Timing timing = plan();
    timing.rings->phases = {phase(2, "A"), phase(4, "B"), phase(6, "C"), phase(8, "D")};
    timing.rings->phases[3].dual_entry = dual;
    timing.rings->rings = {{{2}, {4}}, {{6}, {8}}};
    ActuatedController controller(timing, l, 1);
    const auto record = run(controller, 1, 600, [](Tenths t, std::size_t, std::size_t d) {
      return (d == 0 && t < 80) || d == 1;
    }, 4);
    // A gaps out at 11 s; both rings cross the barrier after its clearance, at 15 s.
    CHECK(first_end(record, 1, 1, 0, 1, Indication::protected_green) == 150);
    CHECK(first_end(record, 1, 3, 0, 1, Indication::protected_green) == (dual ? 150 : -1));
  }
}

TEST_CASE("actuated: the rings cross a barrier together, and simultaneous gap-out undoes a gap-out on actuation") {
  // Ring 1: 2 (A) | 4 (B); ring 2: 6 (C) | 8 (D). B is called throughout (Max1 20 s runs from 0).
  // A is called until 8 s (gapped out at 11 s), C until 14 s (at 17 s). A stays green at the barrier
  // until C is ready too, and both end at 17 s. Without the option A's gap-out is kept: actuated
  // again in 15-16 s it still ends with C at 17 s. With it on A, that actuation undoes the gap-out: C
  // ends alone, A re-gaps at 16 + 3 = 19 s and ends then (C's ring waits at the barrier: ready).
  IntersectionLayout l;
  l.movements = {"A", "B", "C", "D"};
  l.detectors = {"dA", "dB", "dC", "dD"};
  l.detector_calls = {{2}, {4}, {6}, {8}};
  l.detector_extends = {{2}, {4}, {6}, {8}};
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    for (const bool simultaneous : {false, true}) {
      for (const bool again : {false, true}) {
        CAPTURE(dt);
        CAPTURE(simultaneous);
        CAPTURE(again);
        Timing timing = plan();
        timing.rings->phases = {phase(2, "A"), phase(4, "B"), phase(6, "C"), phase(8, "D")};
        timing.rings->phases[0].simultaneous_gap_out = simultaneous;
        timing.rings->rings = {{{2}, {4}}, {{6}, {8}}};
        ActuatedController controller(timing, l, 1);
        const auto record = run(controller, dt, 600, [again](Tenths t, std::size_t, std::size_t d) {
          return (d == 0 && (t < 80 || (again && t >= 150 && t < 160))) || d == 1 || (d == 2 && t < 140);
        }, 4);
        const Tenths a_yellow = first_end(record, dt, 0, 0, 1, Indication::yellow);
        CHECK(a_yellow == (simultaneous && again ? 190 : 170));
        CHECK(first_end(record, dt, 2, 0, 1, Indication::yellow) == (simultaneous && again ? 190 : 170));
      }
    }
  }
}

namespace {

// Two rings with leading lefts: 1 2 | 3 4 and 5 6 | 7 8, cycle 100 s, phases 2 and 6 coordinated,
// offset 30 s. Phase p serves movement "M<p>"; detector p − 1 calls and extends phase p.
Timing coordinated_plan(ForceOff mode) {
  Timing timing;
  timing.cycle_s = 100;
  timing.offset_s = 30;
  timing.controller = "actuated";
  RingPlan rings;
  for (const int number : {1, 2, 3, 4, 5, 6, 7, 8}) {
    Phase p;
    p.number = number;
    p.serves.protected_movements = {"M" + std::to_string(number)};
    p.split_s = number % 2 == 1 ? 15 : 35;
    p.min_green_s = 5;
    p.max1_s = p.split_s - 4;
    p.passage_s = 3;
    p.yellow_s = 3;
    p.red_clearance_s = 1;
    rings.phases.push_back(p);
  }
  rings.rings = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
  rings.coordinated_phases = {2, 6};
  rings.force_off = mode;
  timing.rings = rings;
  return timing;
}

IntersectionLayout eight_phases() {
  IntersectionLayout l;
  for (int p = 1; p <= 8; ++p) {
    l.movements.push_back("M" + std::to_string(p));
    l.detectors.push_back("d" + std::to_string(p));
    l.detector_calls.push_back({p});
    l.detector_extends.push_back({p});
  }
  return l;
}

// Local cycle time (tenths) of system time t: 0 at the start of the coordinated green.
Tenths local_time(Tenths t) { return ((t - 300) % 1000 + 1000) % 1000; }

}  // namespace

TEST_CASE("actuated: coordinated-actuated holds cycle and offset over 20 cycles of random demand") {
  for (const ForceOff mode : {ForceOff::fixed, ForceOff::floating}) {
    CAPTURE(static_cast<int>(mode));
    ActuatedController controller(coordinated_plan(mode), eight_phases(), 1);
    std::mt19937 random(20261129);
    std::bernoulli_distribution occupied(0.3);
    // Each step every side detector is occupied with probability 0.3 (seeded: the same every run).
    const auto demand = [&](Tenths, std::size_t, std::size_t d) { return d != 1 && d != 5 && occupied(random); };
    std::vector<double> calls(8);
    std::vector<Indication> indication(8);
    std::vector<std::int32_t> green(8), yellow(8);
    bool was_green = true;
    int cut_early = 0, late = 0, yields = 0, side_greens = 0, past_force_off = 0;
    for (Tenths t = 0; t < 22000; ++t) {
      for (std::size_t d = 0; d < 8; ++d) calls[d] = demand(t, 0, d) ? 1.0 : 0.0;
      Observation observation;
      observation.detector_call = calls;
      observation.detector_occupancy = calls;
      controller.step(t, 1, observation, SignalCommand{1, indication, green, yellow});
      if (t < 2000) continue;  // two cycles to settle from start-up
      const Tenths local = local_time(t + 1);  // the state at the end of the tenth
      const bool now_green = controller.phase_green(2, 0);
      if (local < 310 && !now_green) ++late;  // the coordinated window is green every cycle
      if (was_green && !now_green) {
        ++yields;
        if (local < 310) ++cut_early;
      }
      was_green = now_green;
      // Side phases end by their force-offs (local 46, 81, 96 for 3, 4, 1; the same in ring 2).
      const std::pair<int, Tenths> force_offs[] = {{1, 960}, {3, 460}, {4, 810}, {5, 960}, {7, 460}, {8, 810}};
      for (const auto& [number, off] : force_offs) {
        if (!controller.phase_green(number, 0)) continue;
        ++side_greens;
        // Green is allowed from the yield point (local 31 s) to the force-off.
        if (((local - 310) % 1000 + 1000) % 1000 > off - 310) ++past_force_off;
      }
    }
    CHECK(late == 0);
    CHECK(cut_early == 0);
    CHECK(yields >= 19);
    CHECK(side_greens > 0);
    CHECK(past_force_off == 0);
  }
}

TEST_CASE("actuated: force-offs end continuously extended side phases on time") {
  // Phase 4 occupied without end: it runs to its force-off at local 81 s every cycle (fixed), or for
  // its split's green, 31 s, from its start (floating); 3 is never called, so 4 starts at the yield
  // point plus the coordinated clearance, local 35 s.
  for (const ForceOff mode : {ForceOff::fixed, ForceOff::floating}) {
    CAPTURE(static_cast<int>(mode));
    Timing timing = coordinated_plan(mode);
    timing.rings->phases[3].max1_s = 60;  // the force-off, not Max1, ends it
    ActuatedController controller(timing, eight_phases(), 1);
    std::vector<double> calls(8, 0.0);
    calls[3] = 1.0;
    std::vector<Indication> indication(8);
    std::vector<std::int32_t> green(8), yellow(8);
    std::vector<Tenths> ends;
    bool was_green = false;
    for (Tenths t = 0; t < 12000; ++t) {
      Observation observation;
      observation.detector_call = calls;
      observation.detector_occupancy = calls;
      controller.step(t, 1, observation, SignalCommand{1, indication, green, yellow});
      const bool now_green = controller.phase_green(4, 0);
      if (was_green && !now_green && t >= 2000) ends.push_back(local_time(t + 1));
      was_green = now_green;
    }
    REQUIRE(ends.size() >= 9);
    const Tenths expected = mode == ForceOff::fixed ? 810 : 350 + 310;
    for (const Tenths end : ends) CHECK(end == expected);
  }
}

TEST_CASE("actuated: a pedestrian call extends its phase to walk + pedestrian clearance") {
  // B serves crosswalk "south" (walk 7 s, clearance 10 s) and has no vehicle; a pedestrian pushes at
  // 2 s. A gaps out at 11 s and clears to 15 s; B shows walk 15–22 s and flashing don't walk 22–32 s
  // and holds its green to 32 s, past its 5 s min green. Without the push B is skipped.
  Timing timing = plan();
  timing.rings->phases[1].serves.crosswalks = {"south"};
  timing.rings->phases[1].walk_s = 7;
  timing.rings->phases[1].pedestrian_clearance_s = 10;
  IntersectionLayout l = layout();
  l.crosswalks = {"south"};
  for (const bool pushed : {false, true}) {
    CAPTURE(pushed);
    ActuatedController controller(timing, l, 1);
    std::vector<double> calls(3), push(1);
    std::vector<Indication> indication(3);
    std::vector<std::int32_t> green(3), yellow(3);
    std::vector<CrosswalkSpat> walk(1);
    std::vector<MovementSpat> spat(3);
    Tenths b_yellow = -1;
    Tenths walk_end = -1;
    Tenths clearance_end = -1;
    for (Tenths t = 0; t < 600; ++t) {
      calls = {t < 80 ? 1.0 : 0.0, 0.0, 1.0};
      push[0] = pushed && t == 20 ? 1.0 : 0.0;
      Observation observation;
      observation.detector_call = calls;
      observation.detector_occupancy = calls;
      observation.pedestrian_call = push;
      controller.step(t, 1, observation, SignalCommand{1, indication, green, yellow});
      if (b_yellow < 0 && indication[1] == Indication::yellow) b_yellow = t;  // shown in tenth t
      REQUIRE(controller.spat(t + 1, 0, spat, walk));
      if (t + 1 == 200) walk_end = walk[0].indication == PedestrianIndication::walk ? walk[0].end.likely_end : -2;
      if (t + 1 == 250) {
        clearance_end = walk[0].indication == PedestrianIndication::flashing_dont_walk ? walk[0].end.likely_end : -2;
      }
    }
    CHECK(b_yellow == (pushed ? 320 : -1));
    CHECK(walk_end == (pushed ? 220 : -2));
    CHECK(clearance_end == (pushed ? 320 : -2));
  }
}

TEST_CASE("actuated: rest in walk holds the walk until a conflicting call") {
  // As above (walk 7 s, clearance 10 s; A gaps out at 11 s, B green from 15 s), but nothing else calls
  // until C's detector at 40 s. Without rest in walk B shows walk to 22 s and flashing don't walk to
  // 32 s, then rests in green with don't walk; C's call ends it at once (gapped out): yellow in the
  // step from 40 s. With rest in walk the walk is held (its end unknown in SPaT) until that call, then
  // ends in that tenth, and the pedestrian clearance runs: yellow in the step from 50 s.
  Timing timing = plan();
  timing.rings->phases[1].serves.crosswalks = {"south"};
  timing.rings->phases[1].walk_s = 7;
  timing.rings->phases[1].pedestrian_clearance_s = 10;
  IntersectionLayout l = layout();
  l.crosswalks = {"south"};
  for (const bool rest : {false, true}) {
    CAPTURE(rest);
    timing.rings->phases[1].rest_in_walk = rest;
    ActuatedController controller(timing, l, 1);
    std::vector<double> calls(3), push(1);
    std::vector<Indication> indication(3);
    std::vector<std::int32_t> green(3), yellow(3);
    std::vector<CrosswalkSpat> walk(1);
    std::vector<MovementSpat> spat(3);
    Tenths b_yellow = -1;
    CrosswalkSpat at_30s;
    for (Tenths t = 0; t < 700; ++t) {
      calls = {t < 80 ? 1.0 : 0.0, 0.0, t >= 400 ? 1.0 : 0.0};
      push[0] = t == 20 ? 1.0 : 0.0;
      Observation observation;
      observation.detector_call = calls;
      observation.detector_occupancy = calls;
      observation.pedestrian_call = push;
      controller.step(t, 1, observation, SignalCommand{1, indication, green, yellow});
      if (b_yellow < 0 && indication[1] == Indication::yellow) b_yellow = t;  // shown in tenth t
      REQUIRE(controller.spat(t + 1, 0, spat, walk));
      if (t + 1 == 300) at_30s = walk[0];
    }
    CHECK(b_yellow == (rest ? 501 : 401));
    if (rest) {
      CHECK(at_30s.indication == PedestrianIndication::walk);
      CHECK(at_30s.end.min_end == 301);
      CHECK(at_30s.end.max_end == kUnknownEnd);
    } else {
      CHECK(at_30s.indication == PedestrianIndication::flashing_dont_walk);
      CHECK(at_30s.end.max_end == 320);
    }
  }
}

namespace {

// A pseudo-random bit of the demand of logical run `run` in second `t / 10` on input d (the same
// whatever the batch layout, unlike a random engine drawn in order): presence in whole seconds, so
// phases both gap out and max out.
bool demand_bit(Tenths t, std::size_t run, std::size_t d, std::uint64_t per_mille) {
  std::uint64_t x = static_cast<std::uint64_t>(t / 10) * 0x9E3779B97F4A7C15ULL + run * 0xBF58476D1CE4E5B9ULL +
                    d * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  x *= 0xD6E9C3F7A1B2C3D5ULL;
  x ^= x >> 29;
  return x % 1000 < per_mille;
}

// The plan above with Max2 on A, the added initial on B and a crosswalk served by B; detector A
// stretched by 1 s, B's calls delayed by 1.5 s: state in every column.
Timing rich_plan() {
  Timing timing = plan();
  timing.rings->phases[0].max2_s = 30;
  timing.rings->phases[1].added_initial_s = 1.5;
  timing.rings->phases[1].serves.crosswalks = {"south"};
  timing.rings->phases[1].walk_s = 5;
  timing.rings->phases[1].pedestrian_clearance_s = 6;
  return timing;
}

IntersectionLayout rich_layout() {
  IntersectionLayout l = layout();
  l.crosswalks = {"south"};
  l.detector_extend_s = {1.0, 0.0, 0.0};
  l.detector_delay_s = {0.0, 1.5, 0.0};
  return l;
}

// What a controller showed in one step: the command and, per member, the SPaT at its end.
struct Shown {
  std::vector<Indication> indication;
  std::vector<std::int32_t> green, yellow;
  std::vector<std::vector<MovementSpat>> spat;
  std::vector<std::vector<CrosswalkSpat>> walk;
};

// Steps `controller` over [t, t + dt): member b runs the demand of run `runs[b]` on every detector
// and crosswalk of the layout.
Shown step_runs(Controller& controller, const IntersectionLayout& l, Tenths t, Tenths dt,
                const std::vector<std::size_t>& runs) {
  const std::size_t batch = controller.batch_size();
  const std::size_t movements = controller.movement_count();
  const std::size_t detectors = l.detectors.size();
  const std::size_t crosswalks = l.crosswalks.size();
  std::vector<double> calls(detectors * batch), counts(detectors * batch), push(crosswalks * batch);
  for (std::size_t b = 0; b < batch; ++b) {
    for (std::size_t d = 0; d < detectors; ++d) {
      const bool on = demand_bit(t, runs[b], d, d % 3 == 1 ? 150 : 350);
      calls[d * batch + b] = on ? 1.0 : 0.0;
      counts[d * batch + b] = on ? static_cast<double>(dt) / 20.0 : 0.0;
    }
    for (std::size_t c = 0; c < crosswalks; ++c) push[c * batch + b] = demand_bit(t, runs[b], 100 + c, 30) ? 1.0 : 0.0;
  }
  Observation observation;
  observation.batch = batch;
  observation.detector_call = calls;
  observation.detector_occupancy = calls;
  observation.detector_count = counts;
  observation.pedestrian_call = push;
  Shown shown;
  shown.indication.resize(movements * batch);
  shown.green.resize(movements * batch);
  shown.yellow.resize(movements * batch);
  controller.step(t, dt, observation, SignalCommand{batch, shown.indication, shown.green, shown.yellow});
  for (std::size_t b = 0; b < batch; ++b) {
    shown.spat.emplace_back(movements);
    shown.walk.emplace_back(crosswalks);
    REQUIRE(controller.spat(t + dt, b, shown.spat.back(), shown.walk.back()));
  }
  return shown;
}

bool same(const SpatEnd& a, const SpatEnd& b) {
  return a.min_end == b.min_end && a.max_end == b.max_end && a.likely_end == b.likely_end;
}

// Member `x` of `a` and member `y` of `b` showed the same in one step, bit for bit.
bool same_member(const Shown& a, std::size_t x, const Shown& b, std::size_t y) {
  const std::size_t batch_a = a.spat.size(), batch_b = b.spat.size();
  bool equal = true;
  for (std::size_t m = 0; m < a.spat[x].size(); ++m) {
    equal = equal && a.indication[m * batch_a + x] == b.indication[m * batch_b + y] &&
            a.green[m * batch_a + x] == b.green[m * batch_b + y] && a.yellow[m * batch_a + x] == b.yellow[m * batch_b + y] &&
            a.spat[x][m].indication == b.spat[y][m].indication && same(a.spat[x][m].end, b.spat[y][m].end);
  }
  for (std::size_t c = 0; c < a.walk[x].size(); ++c) {
    equal = equal && a.walk[x][c].indication == b.walk[y][c].indication && same(a.walk[x][c].end, b.walk[y][c].end);
  }
  return equal;
}

struct CopyCounts {
  int copies = 0;
  int differing = 0;            // steps where the copied member differs from the clone's member
  int untouched_differing = 0;  // steps where a member not copied to differs from an untouched controller's
  int fresh_differing = 0;      // copies after which a fresh member on the same run differs somewhere
  int changes = 0;              // indication changes of the copied member
};

// A batch of 2 runs runs 1 and 2 (member 1 on Max2); every 5.3 s from 200 s on it is cloned, and
// member 1 of the clone copied to member 2 of a fresh batch of 3 (members 0 and 1 on runs 3 and 4,
// member 2 on run 2); the clone and the fresh batch are stepped together for 20 s (steps of 1 s and
// 0.1 s) and compared with an untouched batch of 3.
CopyCounts check_copies(const Timing& timing, const IntersectionLayout& l) {
  ActuatedController source(timing, l, 2);
  source.select_max2(1, true);
  const std::vector<std::size_t> source_runs{1, 2};
  const std::vector<std::size_t> target_runs{3, 4, 2};
  CopyCounts counts;
  Tenths t = 0;
  for (; t < 2000; ++t) (void)step_runs(source, l, t, 1, source_runs);
  for (int copy = 0; copy < 60; ++copy) {
    for (const Tenths end = t + 53; t < end; ++t) (void)step_runs(source, l, t, 1, source_runs);
    const std::unique_ptr<Controller> saved = source.clone();
    ActuatedController target(timing, l, 3);
    ActuatedController untouched(timing, l, 3);
    REQUIRE(target.copy_member(*saved, 1, 2));
    ++counts.copies;
    bool fresh_differs = false;
    Indication before = Indication::red;
    for (Tenths u = t, k = 0; u < t + 200; ++k) {
      const Tenths dt = k % 3 == 0 ? 10 : 1;
      const Shown a = step_runs(*saved, l, u, dt, source_runs);
      const Shown b = step_runs(target, l, u, dt, target_runs);
      const Shown c = step_runs(untouched, l, u, dt, target_runs);
      if (!same_member(a, 1, b, 2)) ++counts.differing;
      for (std::size_t m = 0; m < 2; ++m) {
        if (!same_member(b, m, c, m)) ++counts.untouched_differing;
      }
      fresh_differs = fresh_differs || !same_member(b, 2, c, 2);
      if (a.indication[1] != before) ++counts.changes;  // movement 0 of member 1
      before = a.indication[1];
      u += dt;
    }
    if (fresh_differs) ++counts.fresh_differing;
  }
  return counts;
}

}  // namespace

TEST_CASE("actuated: copy_member continues a member from a clone's state bit for bit") {
  SUBCASE("free: Max2, added initial, pedestrians, detector delay and extend") {
    const CopyCounts counts = check_copies(rich_plan(), rich_layout());
    CHECK(counts.copies == 60);
    CHECK(counts.differing == 0);
    CHECK(counts.untouched_differing == 0);
    CHECK(counts.fresh_differing == 60);
    CHECK(counts.changes > 30);
  }
  SUBCASE("coordinated, two rings, two barrier groups") {
    Timing timing = coordinated_plan(ForceOff::floating);
    timing.rings->phases[1].max2_s = 40;
    const CopyCounts counts = check_copies(timing, eight_phases());
    CHECK(counts.differing == 0);
    CHECK(counts.untouched_differing == 0);
    CHECK(counts.fresh_differing == 60);
    CHECK(counts.changes > 10);
  }
}

TEST_CASE("actuated: copy_member refuses another kind, another intersection and members out of range") {
  const Timing timing = rich_plan();
  const IntersectionLayout l = rich_layout();
  ActuatedController target(timing, l, 2);
  ActuatedController source(timing, l, 2);
  CHECK_FALSE(target.copy_member(source, 2, 0));
  CHECK_FALSE(target.copy_member(source, 0, 2));
  CHECK(target.copy_member(source, 1, 0));
  // A fixed-time controller of the same intersection.
  Timing fixed = plan();
  fixed.controller = "fixed";
  const std::vector<Timing> fixed_timings(2, fixed);
  const auto fixed_time = make_controller(fixed_timings, l);
  CHECK_FALSE(target.copy_member(*fixed_time, 0, 0));
  // Another intersection: a fourth phase and movement; the same phases with another detector.
  Timing four = plan();
  four.rings->phases.push_back(phase(8, "D"));
  four.rings->rings = {{{2, 4, 6, 8}}};
  IntersectionLayout four_layout = layout();
  four_layout.movements.push_back("D");
  CHECK_FALSE(target.copy_member(ActuatedController(four, four_layout, 2), 0, 0));
  IntersectionLayout more_detectors = l;
  more_detectors.detectors.push_back("dA2");
  more_detectors.detector_calls.push_back({2});
  CHECK_FALSE(target.copy_member(ActuatedController(timing, more_detectors, 2), 0, 0));
  IntersectionLayout no_crosswalk = layout();
  Timing no_walk = plan();
  CHECK_FALSE(target.copy_member(ActuatedController(no_walk, no_crosswalk, 2), 0, 0));
}

TEST_CASE("actuated: a movement that may turn on red shows red_turn_on_red while red, as under fixed time") {
  IntersectionLayout l = layout();
  l.turn_on_red = {"C"};
  for (const Tenths dt : {Tenths{1}, Tenths{10}}) {
    CAPTURE(dt);
    ActuatedController controller(plan(), l, 1);
    std::vector<double> calls(3);
    std::vector<Indication> indication(3);
    std::vector<std::int32_t> green(3), yellow(3);
    std::vector<MovementSpat> spat(3);
    int on_red = 0, c_green = 0, plain_red = 0, others_on_red = 0, spat_differs = 0;
    std::vector<MovementSpat> last_spat;  // the SPaT at the start of this step
    for (Tenths t = 0; t < 1200; t += dt) {
      // A until 8 s, C in bursts: C is served and red in turn.
      calls = {t < 80 || (t >= 400 && t < 500) ? 1.0 : 0.0, 0.0, t % 300 < 150 ? 1.0 : 0.0};
      Observation observation;
      observation.detector_call = calls;
      observation.detector_occupancy = calls;
      controller.step(t, dt, observation, SignalCommand{1, indication, green, yellow});
      // A step of one tenth shows what the SPaT said at its start.
      for (std::size_t m = 0; m < last_spat.size() && dt == 1; ++m) {
        if (last_spat[m].indication != indication[m]) ++spat_differs;
      }
      REQUIRE(controller.spat(t + dt, 0, spat, {}));
      last_spat = spat;
      if (indication[2] == Indication::red_turn_on_red) ++on_red;
      if (is_green(indication[2])) ++c_green;
      if (indication[2] == Indication::red) ++plain_red;
      for (std::size_t m = 0; m < 2; ++m) {
        if (indication[m] == Indication::red_turn_on_red) ++others_on_red;
      }
    }
    CHECK(on_red > 0);
    CHECK(c_green > 0);
    CHECK(plain_red == 0);
    CHECK(others_on_red == 0);
    CHECK(spat_differs == 0);
  }
  // The fixed-time table of the same intersection shows the same value for C's red.
  Timing fixed = plan();
  fixed.controller = "fixed";
  const std::vector<Timing> one{fixed};
  const auto fixed_time = make_controller(one, l);
  std::vector<MovementSpat> spat(3);
  REQUIRE(fixed_time->spat(0, 0, spat, {}));
  CHECK(spat[2].indication == Indication::red_turn_on_red);
  // A movement that is not at the intersection is refused.
  l.turn_on_red = {"X"};
  CHECK_THROWS_WITH_AS(ActuatedController(plan(), l, 1), "actuated controller: movement 'X' is not at the intersection",
                       Error);
}

TEST_CASE("actuated: a copy (copy construction or clone) has its own state, taken at the copy") {
  const IntersectionLayout l = rich_layout();
  ActuatedController original(rich_plan(), l, 2);
  const std::vector<std::size_t> runs{1, 2};
  Tenths t = 0;
  for (; t < 777; ++t) (void)step_runs(original, l, t, 1, runs);
  ActuatedController copy(original);
  const std::unique_ptr<Controller> cloned = original.clone();
  CHECK(std::vector<int>(copy.phase_numbers().begin(), copy.phase_numbers().end()) == std::vector<int>{2, 4, 6});
  CHECK(copy.batch_size() == 2);
  CHECK(copy.movement_count() == 3);
  // The original runs on first; the copies then see the same input and show the same, step for step.
  std::vector<Shown> shown;
  for (Tenths u = t; u < t + 900; u += 10) shown.push_back(step_runs(original, l, u, 10, runs));
  for (Controller* c : {static_cast<Controller*>(&copy), cloned.get()}) {
    int differing = 0;
    std::size_t k = 0;
    for (Tenths u = t; u < t + 900; u += 10, ++k) {
      const Shown again = step_runs(*c, l, u, 10, runs);
      for (std::size_t b = 0; b < 2; ++b) differing += same_member(shown[k], b, again, b) ? 0 : 1;
    }
    CHECK(differing == 0);
  }
}

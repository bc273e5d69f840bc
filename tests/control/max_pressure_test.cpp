// Max-pressure control with hand-made observations: the weighted pressures of Varaiya (2013) computed
// by hand, min green and clearance kept, the candidates of a ring plan, the cycle-based splits.
#include <itsc/error.hpp>
#include <itsc/io.hpp>
#include <itsc/max_pressure.hpp>
#include <itsc/ring_plan.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "support/diagnostics.hpp"

using namespace itsc;

namespace {

Stage stage(std::vector<std::string> movements) {
  Stage s;
  s.serves.protected_movements = std::move(movements);
  s.green_s = 26;
  s.yellow_s = 3;
  s.red_clearance_s = 1;
  return s;
}

// Stages 1 {A}, 2 {B, C}, 3 {D}; saturation flows 0.5, 1, 1, 1 veh/s.
Timing three_stages(const std::string& controller) {
  Timing timing;
  timing.cycle_s = 90;
  timing.controller = controller;
  timing.stages = {stage({"A"}), stage({"B", "C"}), stage({"D"})};
  return timing;
}

IntersectionLayout layout() {
  IntersectionLayout l;
  l.movements = {"A", "B", "C", "D"};
  l.saturation_veh_per_s = {0.5, 1.0, 1.0, 1.0};
  l.storage_veh = {40, 40, 20, 40};
  l.receiving_storage_veh = {10, 20, 40, 40};
  return l;
}

// A hand-made observation for one member: per movement x = queued + moving, and its feeds.
struct HandObservation {
  std::vector<double> queued{8, 5, 4, 15};
  std::vector<double> moving{4, 3, 2, 5};  // x = 12, 8, 6, 20
  // Feeds: A → two movements (0.5 × 4, 0.5 × 2); B → one (1 × 8); C → two (0.25 × 4, 0.75 × 0);
  // D → one (1 × 18).
  std::vector<std::uint32_t> begin{0, 2, 3, 5, 6};
  std::vector<double> feed_queued{3, 2, 8, 4, 0, 10};
  std::vector<double> feed_moving{1, 0, 0, 0, 0, 8};
  std::vector<double> proportion{0.5, 0.5, 1.0, 0.25, 0.75, 1.0};

  [[nodiscard]] Observation view() const {
    Observation o;
    o.batch = 1;
    o.queued_veh = queued;
    o.moving_veh = moving;
    o.feed_begin = begin;
    o.feed_queued_veh = feed_queued;
    o.feed_moving_veh = feed_moving;
    o.feed_proportion = proportion;
    return o;
  }
};

struct Command {
  explicit Command(std::size_t size) : indication(size), green(size), yellow(size) {}
  std::vector<Indication> indication;
  std::vector<std::int32_t> green, yellow;
  [[nodiscard]] SignalCommand view(std::size_t batch) {
    return SignalCommand{batch, indication, green, yellow};
  }
};

}  // namespace

TEST_CASE("max-pressure: candidate pressures are Σ s·(x_lm − Σ r_mk·x_mk) computed by hand") {
  MaxPressureController controller(three_stages("max-pressure"), layout(), 1, MaxPressureMode::acyclic);
  REQUIRE(controller.candidate_count() == 3);
  const HandObservation hand;
  std::vector<double> pressure(3);
  controller.candidate_pressures(hand.view(), 0, pressure);
  // A: 12 − (0.5·4 + 0.5·2) = 9, × 0.5 = 4.5. B: 8 − 8 = 0. C: 6 − (0.25·4 + 0) = 5. D: 20 − 18 = 2.
  CHECK(pressure[0] == doctest::Approx(4.5));
  CHECK(pressure[1] == doctest::Approx(0 + 5));
  CHECK(pressure[2] == doctest::Approx(2));
  // Queues alone would pick stage 3 (x = 20), unweighted pressures stage 1 (9): the weighted
  // pressure picks stage 2.
}

TEST_CASE("max-pressure: normalization divides each term by its link's storage") {
  Timing timing = three_stages("max-pressure");
  timing.max_pressure.normalization = PressureNormalization::storage;
  MaxPressureController controller(timing, layout(), 1, MaxPressureMode::acyclic);
  const HandObservation hand;
  std::vector<double> pressure(3);
  controller.candidate_pressures(hand.view(), 0, pressure);
  // A: 0.5·(12/40 − 3/10); B: 1·(8/40 − 8/20); C: 1·(6/20 − 1/40); D: 1·(20/40 − 18/40).
  CHECK(pressure[0] == doctest::Approx(0.5 * (0.3 - 0.3)));
  CHECK(pressure[1] == doctest::Approx((0.2 - 0.4) + (0.3 - 0.025)));
  CHECK(pressure[2] == doctest::Approx(0.05));
}

TEST_CASE("max-pressure: switches to the largest pressure after min green through yellow and red") {
  Timing timing = three_stages("max-pressure");
  timing.max_pressure.min_green_s = 7;
  timing.max_pressure.decision_interval_s = 2;
  MaxPressureController controller(timing, layout(), 1, MaxPressureMode::acyclic);
  const HandObservation hand;
  Command command(4);
  std::vector<Indication> a, b;
  for (Tenths t = 0; t < 200; t += 10) {
    controller.step(t, 10, hand.view(), command.view(1));
    a.push_back(command.indication[0]);
    b.push_back(command.indication[1]);
  }
  // Stage 1 keeps its min green of 7 s although stage 2 has the larger pressure from the start; then
  // its yellow (3 s) and red clearance (1 s): stage 2 is green from t = 11 s (lost time 4 s = Y + R).
  // Element s is the indication at the end of the step [s, s + 1) s (its last tenth).
  for (int s = 0; s < 7; ++s) CHECK(a[static_cast<std::size_t>(s)] == Indication::protected_green);
  CHECK(a[7] == Indication::yellow);
  CHECK(a[9] == Indication::yellow);
  CHECK(a[10] == Indication::red);
  CHECK(b[10] == Indication::red);
  CHECK(b[11] == Indication::protected_green);
  // The pressures stay as they are: stage 2 keeps the green (decisions every 2 s find nothing larger).
  CHECK(b.back() == Indication::protected_green);
  CHECK(controller.serving(0) == 1);
}

TEST_CASE("max-pressure: the decision moves to a new leader within one decision interval") {
  Timing timing = three_stages("max-pressure");
  timing.max_pressure.min_green_s = 5;
  timing.max_pressure.decision_interval_s = 3;
  MaxPressureController controller(timing, layout(), 1, MaxPressureMode::acyclic);
  HandObservation hand;
  Command command(4);
  Tenths t = 0;
  for (; t < 300; t += 10) controller.step(t, 10, hand.view(), command.view(1));
  REQUIRE(controller.serving(0) == 1);  // stage 2 green since t = 9 s; decisions at 14, 17, ..., 29 s
  // Now D's receiving link empties: D's weight 20 > stage 2's 5. The next decision (t = 32 s) switches.
  hand.feed_queued[5] = 0;
  hand.feed_moving[5] = 0;
  controller.step(t, 10, hand.view(), command.view(1));
  t += 10;
  CHECK(controller.serving(0) == 1);
  for (; t < 330; t += 10) controller.step(t, 10, hand.view(), command.view(1));
  CHECK(controller.serving(0) == 2);
  CHECK(command.indication[1] == Indication::yellow);
}

TEST_CASE("max-pressure: ring-plan candidates are one phase per ring on the same side of a barrier") {
  Timing timing;
  timing.cycle_s = 100;
  timing.controller = "max-pressure";
  RingPlan plan;
  const auto phase = [](int number, const char* movement) {
    Phase p;
    p.number = number;
    p.serves.protected_movements = {movement};
    p.split_s = 25;
    p.yellow_s = 3;
    p.red_clearance_s = 1;
    return p;
  };
  plan.phases = {phase(1, "A"), phase(2, "B"), phase(5, "C"), phase(6, "D"), phase(4, "E"), phase(8, "F")};
  plan.rings = {{{1, 2}, {4}}, {{5, 6}, {8}}};
  plan.phases[4].split_s = 50;
  plan.phases[5].split_s = 50;
  timing.rings = plan;
  IntersectionLayout l;
  l.movements = {"A", "B", "C", "D", "E", "F"};
  MaxPressureController controller(timing, l, 1, MaxPressureMode::acyclic);
  REQUIRE(controller.candidate_count() == 5);
  CHECK(controller.candidate_phases(0) == std::vector<int>{1, 5});
  CHECK(controller.candidate_phases(1) == std::vector<int>{1, 6});
  CHECK(controller.candidate_phases(2) == std::vector<int>{2, 5});
  CHECK(controller.candidate_phases(3) == std::vector<int>{2, 6});
  CHECK(controller.candidate_phases(4) == std::vector<int>{4, 8});
  // With s = 1 and no feeds the pressure of a pair is the sum of its two queues.
  std::vector<double> queued{1, 9, 6, 2, 7, 7};
  std::vector<double> moving(6, 0.0);
  Observation o;
  o.queued_veh = queued;
  o.moving_veh = moving;
  std::vector<double> pressure(5);
  controller.candidate_pressures(o, 0, pressure);
  CHECK(pressure == std::vector<double>{7, 3, 15, 11, 14});
  // 2 + 5 wins; crossing from {1, 5} only ring 1 changes: phase 5 stays green throughout.
  Command command(6);
  bool c_always_green = true;
  for (Tenths t = 0; t < 150; t += 10) {
    controller.step(t, 10, o, command.view(1));
    c_always_green = c_always_green && command.indication[2] == Indication::protected_green;
  }
  CHECK(c_always_green);
  CHECK(controller.serving(0) == 2);
  CHECK(command.indication[1] == Indication::protected_green);
}

TEST_CASE("max-pressure-cycle: splits in proportion to pressure within min and max green with the cycle start at the offset") {
  Timing timing;
  timing.cycle_s = 60;
  timing.offset_s = 15;
  timing.controller = "max-pressure-cycle";
  timing.stages = {stage({"A"}), stage({"B", "C"})};
  timing.stages[0].green_s = 26;
  timing.max_pressure.min_green_s = 8;
  IntersectionLayout l = layout();
  const HandObservation hand;  // stage 1: 4.5, stage 2: 5 (D is served by no stage)
  Command command(4);
  SUBCASE("proportional") {
    MaxPressureController controller(timing, l, 1, MaxPressureMode::cycle);
    for (Tenths t = 0; t < 200; t += 10) controller.step(t, 10, hand.view(), command.view(1));
    // Green to share: 60 − 2·4 = 52 s; stage 1 gets 52·4.5/9.5 = 24.63 s, stage 2 27.37 s (to 0.1 s,
    // rounding the running sum).
    CHECK(controller.split_tenths(1, 0) == 246 + 40);
    CHECK(controller.split_tenths(2, 0) == 274 + 40);
  }
  SUBCASE("max green caps, min green holds") {
    timing.max_pressure.max_green_s = 20;
    MaxPressureController controller(timing, l, 1, MaxPressureMode::cycle);
    for (Tenths t = 0; t < 200; t += 10) controller.step(t, 10, hand.view(), command.view(1));
    // Both capped at 20 s leave 12 s: shared by pressure beyond the caps (the cycle is fixed).
    CHECK(controller.split_tenths(1, 0) + controller.split_tenths(2, 0) == 600);
    CHECK(controller.split_tenths(1, 0) == 200 + 57 + 40);
  }
  SUBCASE("stage 1 starts its green at the offset every cycle") {
    MaxPressureController controller(timing, l, 1, MaxPressureMode::cycle);
    HandObservation changing = hand;
    for (Tenths t = 0; t < 3000; t += 10) {
      changing.queued[0] = static_cast<double>((t / 600) % 3) * 10.0;  // a different split each cycle
      controller.step(t, 10, changing.view(), command.view(1));
      if ((t - 150) % 600 == 0) CHECK(command.indication[0] == Indication::protected_green);
      if ((t - 150) % 600 == 590) CHECK(command.indication[0] == Indication::red);
    }
  }
  SUBCASE("minimum splits that do not fit are refused") {
    timing.max_pressure.min_green_s = 27;
    CHECK_THROWS_WITH_AS(MaxPressureController(timing, l, 1, MaxPressureMode::cycle),
                         "max-pressure controller: minimum splits (min green + yellow + red clearance) need 62.0 s, "
                         "more than the cycle of 60.0 s",
                         Error);
  }
}

TEST_CASE("max-pressure: a batch of two = two single runs") {
  const Timing timing = three_stages("max-pressure");
  HandObservation first;
  HandObservation second;
  second.feed_queued[5] = 0;  // D's exit clears: stage 3 leads
  // Batched observation [item × 2].
  auto interleave = [](const std::vector<double>& x, const std::vector<double>& y) {
    std::vector<double> out;
    for (std::size_t i = 0; i < x.size(); ++i) {
      out.push_back(x[i]);
      out.push_back(y[i]);
    }
    return out;
  };
  const auto queued = interleave(first.queued, second.queued);
  const auto moving = interleave(first.moving, second.moving);
  const auto feed_queued = interleave(first.feed_queued, second.feed_queued);
  const auto feed_moving = interleave(first.feed_moving, second.feed_moving);
  const auto proportion = interleave(first.proportion, second.proportion);
  Observation both;
  both.batch = 2;
  both.queued_veh = queued;
  both.moving_veh = moving;
  both.feed_begin = first.begin;
  both.feed_queued_veh = feed_queued;
  both.feed_moving_veh = feed_moving;
  both.feed_proportion = proportion;
  MaxPressureController batched(timing, layout(), 2, MaxPressureMode::acyclic);
  MaxPressureController one(timing, layout(), 1, MaxPressureMode::acyclic);
  MaxPressureController two(timing, layout(), 1, MaxPressureMode::acyclic);
  Command c2(8), c1(4), c1b(4);
  for (Tenths t = 0; t < 400; t += 10) {
    batched.step(t, 10, both, c2.view(2));
    one.step(t, 10, first.view(), c1.view(1));
    two.step(t, 10, second.view(), c1b.view(1));
    for (std::size_t m = 0; m < 4; ++m) {
      CHECK(c2.indication[m * 2] == c1.indication[m]);
      CHECK(c2.indication[m * 2 + 1] == c1b.indication[m]);
      CHECK(c2.green[m * 2 + 1] == c1b.green[m]);
    }
  }
  CHECK(batched.serving(0) == 1);
  CHECK(batched.serving(1) == 2);
}

TEST_CASE("max-pressure: validation of its parameters with key paths") {
  Scenario scenario = load_scenario_file(ITSC_SOURCE_DIR "/data/isolated.yaml").scenario;
  Timing& timing = scenario.timing.at("C");
  timing.controller = "max-pressure";
  timing.max_pressure.decision_interval_s = 0;
  timing.max_pressure.min_green_s = 8;
  timing.max_pressure.max_green_s = 6;
  timing.rings = ring_plan_of(timing);
  timing.stages.clear();
  timing.rings->overlaps = {Overlap{"A", {1}, Service{{"EBR"}, {}, {}}}};
  CHECK(test::reports_error(scenario, "timing.C.max_pressure.decision_interval_s: must be a positive number, got 0"));
  CHECK(test::reports_error(scenario, "timing.C.max_pressure.max_green_s: must be at least min_green_s (8 s), got 6"));
  CHECK(test::reports_error(scenario, "timing.C.sequence.overlaps: controller 'max-pressure' does not support overlaps"));
}

namespace {

// Vehicles of logical run `run` on movement m at time t (pseudo-random, the same whatever the batch).
double demand_veh(Tenths t, std::size_t run, std::size_t m) {
  std::uint64_t x = static_cast<std::uint64_t>(t / 50) * 0x9E3779B97F4A7C15ULL + run * 0xBF58476D1CE4E5B9ULL +
                    m * 0x94D049BB133111EBULL;
  x ^= x >> 31;
  x *= 0xD6E9C3F7A1B2C3D5ULL;
  x ^= x >> 29;
  return static_cast<double>(x % 40);
}

// One step of `controller` with member b on run `runs[b]`; the command.
Command step_runs(MaxPressureController& controller, Tenths t, Tenths dt, const std::vector<std::size_t>& runs) {
  const std::size_t batch = controller.batch_size();
  std::vector<double> queued(4 * batch), moving(4 * batch);
  for (std::size_t b = 0; b < batch; ++b) {
    for (std::size_t m = 0; m < 4; ++m) {
      queued[m * batch + b] = demand_veh(t, runs[b], m);
      moving[m * batch + b] = demand_veh(t + 25, runs[b], m) / 4;
    }
  }
  Observation o;
  o.batch = batch;
  o.queued_veh = queued;
  o.moving_veh = moving;
  Command command(4 * batch);
  controller.step(t, dt, o, command.view(batch));
  return command;
}

}  // namespace

TEST_CASE("max-pressure: copy_member continues a member from a clone's state bit for bit") {
  // A batch of 2 on runs 1 and 2; every 3.7 s from 120 s on it is cloned and member 1 of the clone
  // copied to member 2 of a fresh batch of 3 (members 0 and 1 on runs 3 and 4, member 2 on run 2);
  // the clone and the fresh batch are stepped together for 15 s (steps of 1 s and 0.1 s) and compared
  // with an untouched batch of 3.
  for (const MaxPressureMode mode : {MaxPressureMode::acyclic, MaxPressureMode::cycle}) {
    CAPTURE(static_cast<int>(mode));
    const Timing timing = three_stages(mode == MaxPressureMode::acyclic ? "max-pressure" : "max-pressure-cycle");
    MaxPressureController source(timing, layout(), 2, mode);
    const std::vector<std::size_t> source_runs{1, 2};
    const std::vector<std::size_t> target_runs{3, 4, 2};
    Tenths t = 0;
    for (; t < 1200; t += 10) (void)step_runs(source, t, 10, source_runs);
    int differing = 0, untouched_differing = 0, fresh_differing = 0, switches = 0;
    for (int copies = 0; copies < 40; ++copies) {
      for (const Tenths end = t + 37; t < end; ++t) (void)step_runs(source, t, 1, source_runs);
      const std::unique_ptr<Controller> saved = source.clone();
      auto& copy = dynamic_cast<MaxPressureController&>(*saved);
      MaxPressureController target(timing, layout(), 3, mode);
      MaxPressureController untouched(timing, layout(), 3, mode);
      REQUIRE(target.copy_member(*saved, 1, 2));
      bool fresh_differs = false;
      std::size_t serving = copy.serving(1);
      for (Tenths u = t, k = 0; u < t + 150; ++k) {
        const Tenths dt = k % 4 == 0 ? 10 : 1;
        const Command a = step_runs(copy, u, dt, source_runs);
        const Command b = step_runs(target, u, dt, target_runs);
        const Command c = step_runs(untouched, u, dt, target_runs);
        for (std::size_t m = 0; m < 4; ++m) {
          const std::size_t x = m * 2 + 1, y = m * 3 + 2;
          if (a.indication[x] != b.indication[y] || a.green[x] != b.green[y] || a.yellow[x] != b.yellow[y]) ++differing;
          fresh_differs = fresh_differs || b.indication[y] != c.indication[y] || b.green[y] != c.green[y];
          for (std::size_t j = m * 3; j < m * 3 + 2; ++j) {
            if (b.indication[j] != c.indication[j] || b.green[j] != c.green[j] || b.yellow[j] != c.yellow[j]) {
              ++untouched_differing;
            }
          }
        }
        if (target.serving(2) != copy.serving(1)) ++differing;
        for (const int stage : {1, 2, 3}) {
          if (target.split_tenths(stage, 2) != copy.split_tenths(stage, 1)) ++differing;
        }
        if (copy.serving(1) != serving) ++switches;
        serving = copy.serving(1);
        std::vector<MovementSpat> spat(4);
        std::vector<CrosswalkSpat> walk;
        if (target.spat(u + dt, 2, spat, walk) != copy.spat(u + dt, 1, spat, walk)) ++differing;
        u += dt;
      }
      if (fresh_differs) ++fresh_differing;
    }
    CHECK(differing == 0);
    CHECK(untouched_differing == 0);
    CHECK(fresh_differing > 20);
    if (mode == MaxPressureMode::acyclic) CHECK(switches > 20);
  }
}

TEST_CASE("max-pressure: copy_member refuses another kind or mode, another intersection and members out of range") {
  const Timing timing = three_stages("max-pressure");
  MaxPressureController target(timing, layout(), 2, MaxPressureMode::acyclic);
  MaxPressureController source(timing, layout(), 2, MaxPressureMode::acyclic);
  CHECK(target.copy_member(source, 1, 0));
  CHECK_FALSE(target.copy_member(source, 2, 0));
  CHECK_FALSE(target.copy_member(source, 0, 2));
  CHECK_FALSE(target.copy_member(MaxPressureController(timing, layout(), 2, MaxPressureMode::cycle), 0, 0));
  const std::vector<Timing> fixed(2, three_stages("fixed"));
  CHECK_FALSE(target.copy_member(*make_controller(fixed, layout()), 0, 0));
  // Two stages instead of three; the same stages over a fifth movement.
  Timing two = three_stages("max-pressure");
  two.stages = {stage({"A", "D"}), stage({"B", "C"})};
  two.cycle_s = 60;
  CHECK_FALSE(target.copy_member(MaxPressureController(two, layout(), 2, MaxPressureMode::acyclic), 0, 0));
  IntersectionLayout five;
  five.movements = {"A", "B", "C", "D", "E"};
  CHECK_FALSE(target.copy_member(MaxPressureController(timing, five, 2, MaxPressureMode::acyclic), 0, 0));
}

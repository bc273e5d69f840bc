#include <itsc/controller.hpp>
#include <itsc/error.hpp>

#include <doctest/doctest.h>

#include <functional>
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
// member b calls in the step starting at t (tenths).
std::vector<std::vector<Indication>> run(Controller& controller, Tenths dt, Tenths until,
                                         const std::function<bool(Tenths, std::size_t, std::size_t)>& call) {
  const std::size_t batch = controller.batch_size();
  const std::size_t movements = controller.movement_count();
  std::vector<double> calls(3 * batch);
  std::vector<Indication> indication(movements * batch);
  std::vector<std::int32_t> green(movements * batch);
  std::vector<std::int32_t> yellow(movements * batch);
  std::vector<std::vector<Indication>> result;
  for (Tenths t = 0; t < until; t += dt) {
    for (std::size_t d = 0; d < 3; ++d) {
      for (std::size_t b = 0; b < batch; ++b) calls[d * batch + b] = call(t, b, d) ? 1.0 : 0.0;
    }
    Observation observation;
    observation.batch = batch;
    observation.detector_call = calls;
    controller.step(t, dt, observation, SignalCommand{batch, indication, green, yellow});
    result.push_back(indication);
  }
  return result;
}

// End of the first step (tenths) after which movement m of member b shows `shown`.
Tenths first_end(const std::vector<std::vector<Indication>>& record, Tenths dt, std::size_t m, std::size_t b,
                 std::size_t batch, Indication shown, Tenths after = 0) {
  for (std::size_t k = 0; k < record.size(); ++k) {
    const Tenths end = static_cast<Tenths>(k + 1) * dt;
    if (end > after && record[k][m * batch + b] == shown) return end;
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

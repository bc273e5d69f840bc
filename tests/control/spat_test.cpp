// SPaT (spat.hpp): exact ends for fixed time; for actuated control the actual end always falls
// within [min, max]; the J2735 TimeMark.
#include <itsc/controller.hpp>
#include <itsc/spat.hpp>

#include <doctest/doctest.h>

#include "control/one_ring_plan.hpp"

#include <random>
#include <string>
#include <vector>

using namespace itsc;

namespace {

// Runs `controller` a tenth at a time; `input(t, d)` sets detector d (call and occupancy) for the
// tenth from t. Before each tenth it asks for the SPaT at t and, once the shown indication of a
// column changes at x, checks every prediction made while it was shown: min ≤ x ≤ max (and, when
// `exact`, min = max = likely = x).
template <typename Input>
void check_spat(Controller& controller, Tenths until, Input input, bool exact) {
  const std::size_t movements = controller.movement_count();
  std::vector<MovementSpat> spat(movements);
  std::vector<CrosswalkSpat> walk(1);
  std::vector<double> calls(3);
  std::vector<Indication> indication(movements);
  std::vector<std::int32_t> green(movements), yellow(movements);
  struct Pending {
    std::vector<SpatEnd> predictions;
    int shown = -1;
  };
  std::vector<Pending> pending(movements + 1);
  int changes = 0;
  const auto record = [&](std::size_t column, int shown, const SpatEnd& end, Tenths t) {
    Pending& p = pending[column];
    if (p.shown != -1 && p.shown != shown) {
      ++changes;
      for (const SpatEnd& e : p.predictions) {
        CAPTURE(column);
        CAPTURE(t);
        CHECK(e.min_end <= t);
        CHECK(t <= e.max_end);
        CHECK(e.min_end <= e.likely_end);
        CHECK(e.likely_end <= e.max_end);
        if (exact) {
          CHECK(e.min_end == t);
          CHECK(e.max_end == t);
          CHECK(e.likely_end == t);
        }
      }
      p.predictions.clear();
    }
    p.shown = shown;
    p.predictions.push_back(end);
  };
  for (Tenths t = 0; t < until; ++t) {
    REQUIRE(controller.spat(t, 0, spat, walk));
    for (std::size_t m = 0; m < movements; ++m) record(m, static_cast<int>(spat[m].indication), spat[m].end, t);
    if (exact) record(movements, static_cast<int>(walk[0].indication), walk[0].end, t);
    for (std::size_t d = 0; d < 3; ++d) calls[d] = input(t, d) ? 1.0 : 0.0;
    Observation observation;
    observation.detector_call = calls;
    observation.detector_occupancy = calls;
    controller.step(t, 1, observation, SignalCommand{1, indication, green, yellow});
    // Under every controller the command is the indication of the step's last tenth: here the tenth from
    // t, which the SPaT at t shows.
    for (std::size_t m = 0; m < movements; ++m) CHECK(spat[m].indication == indication[m]);
  }
  CHECK(changes > 10);
}

}  // namespace

TEST_CASE("spat: fixed time gives min = max = likely = the actual end, walk and flashing don't walk too") {
  const std::vector<Timing> timings{test::one_ring_plan("fixed")};
  auto controller = make_controller(timings, test::one_ring_layout());
  // Walk 7 s, then flashing don't walk 10 s, from the start of phase 4's green (local 40 s).
  std::vector<MovementSpat> spat(3);
  std::vector<CrosswalkSpat> walk(1);
  REQUIRE(controller->spat(70 + 400 + 30, 0, spat, walk));
  CHECK(walk[0].indication == PedestrianIndication::walk);
  CHECK(walk[0].end.likely_end == 70 + 400 + 70);
  REQUIRE(controller->spat(70 + 400 + 100, 0, spat, walk));
  CHECK(walk[0].indication == PedestrianIndication::flashing_dont_walk);
  CHECK(walk[0].end.max_end == 70 + 400 + 170);
  // Over three cycles every column's every prediction is its actual end.
  check_spat(*controller, 2700, [](Tenths, std::size_t) { return false; }, true);
}

TEST_CASE("spat: actuated ends fall within [min, max] under random demand, free and coordinated") {
  for (const bool coordinated : {false, true}) {
    CAPTURE(coordinated);
    Timing timing = test::one_ring_plan("actuated");
    if (coordinated) timing.rings->coordinated_phases = {2};
    ActuatedController controller(timing, test::one_ring_layout(), 1);
    std::mt19937 random(8);
    std::bernoulli_distribution occupied(0.25);
    check_spat(controller, 9000, [&](Tenths, std::size_t d) { return d == 2 || occupied(random); }, false);
  }
}

TEST_CASE("spat: J2735 TimeMark is tenths within the hour") {
  // 16:45:00 + 20 min 30.5 s = 17:05:30.5 → 5 min 30.5 s into the hour.
  CHECK(j2735_time_mark(12305, 16 * 3600 + 45 * 60) == 3305);
  CHECK(j2735_time_mark(0, 16 * 3600) == 0);
  CHECK(j2735_time_mark(kUnknownEnd, 0) == 36001);
}

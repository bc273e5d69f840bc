// Phase status (NTCIP 1202 phase status groups): under fixed time, actuated and max-pressure control
// each phase is in exactly one of red, yellow and green, green and yellow exactly when the movement it
// alone serves shows them, and the pedestrian bits of the phase serving the crosswalk follow its
// indication (max-pressure serves no pedestrians and sets none).
#include <itsc/controller.hpp>
#include <itsc/max_pressure.hpp>

#include <doctest/doctest.h>

#include "control/one_ring_plan.hpp"

#include <random>
#include <string>
#include <vector>

using namespace itsc;

namespace {

constexpr std::uint16_t bit(int phase) { return static_cast<std::uint16_t>(1U << (phase - 1)); }

// Steps the controller a tenth at a time for 3 cycles under random calls, checking the status each tenth.
void check_status(const std::string& kind, bool pedestrians) {
  const std::vector<Timing> timings{test::one_ring_plan(kind)};
  auto controller = make_controller(timings, test::one_ring_layout());
  std::mt19937 random(7);
  std::bernoulli_distribution arrives(0.3);
  test::OneRingObservation seen;
  std::vector<double>& calls = seen.calls;
  std::vector<double>& queued = seen.queued;
  std::vector<Indication> indication(3);
  std::vector<std::int32_t> green(3), yellow(3);
  std::vector<MovementSpat> spat(3);
  std::vector<CrosswalkSpat> walk(1);
  int greens_seen = 0, walks_seen = 0;
  PhaseStatus status;  // from the end of the previous step: what this step shows
  bool known = false;
  for (Tenths t = 0; t < 2700; ++t) {
    CAPTURE(kind);
    CAPTURE(t);
    const bool has_spat = controller->spat(t, 0, spat, walk);
    for (std::size_t d = 0; d < 3; ++d) {
      calls[d] = arrives(random) ? 1.0 : 0.0;
      queued[d] += calls[d];
    }
    seen.pushed[0] = t % 300 == 0 ? 1.0 : 0.0;
    controller->step(t, 1, seen.view(), SignalCommand{1, indication, green, yellow});
    for (std::size_t m = 0; m < 3; ++m) {
      if (is_green(indication[m])) queued[m] = std::max(0.0, queued[m] - 0.05);
    }
    if (known) {
      const int numbers[] = {2, 4, 6};
      for (std::size_t m = 0; m < 3; ++m) {
        const std::uint16_t b = bit(numbers[m]);
        const int in = ((status.reds & b) != 0) + ((status.yellows & b) != 0) + ((status.greens & b) != 0);
        CHECK(in == 1);
        CHECK(((status.greens & b) != 0) == is_green(indication[m]));
        CHECK(((status.yellows & b) != 0) == (indication[m] == Indication::yellow));
        greens_seen += (status.greens & b) != 0;
      }
      CHECK((status.reds | status.yellows | status.greens) == (bit(2) | bit(4) | bit(6)));
      if (!pedestrians) {
        CHECK((status.walks | status.pedestrian_clears | status.dont_walks) == 0);
      } else {
        REQUIRE(has_spat);
        CHECK((status.walks | status.pedestrian_clears | status.dont_walks) == bit(4));
        CHECK(((status.walks & bit(4)) != 0) == (walk[0].indication == PedestrianIndication::walk));
        CHECK(((status.pedestrian_clears & bit(4)) != 0) ==
              (walk[0].indication == PedestrianIndication::flashing_dont_walk));
        walks_seen += (status.walks & bit(4)) != 0;
      }
    }
    REQUIRE(controller->phase_status(0, status));
    known = true;
  }
  CHECK(greens_seen > 1000);
  if (pedestrians) CHECK(walks_seen > 100);
}

}  // namespace

TEST_CASE("phase status: fixed time, actuated and max-pressure") {
  check_status("fixed", true);
  check_status("actuated", true);
  check_status("max-pressure", false);
}

TEST_CASE("phase status: a fixed-time controller built from tables alone cannot tell") {
  IntervalTable table;
  table.cycle = 600;
  table.movement_count = 1;
  table.start = {0, 300};
  table.movement = {Indication::protected_green, Indication::red};
  FixedTimeController controller({table});
  PhaseStatus status;
  CHECK_FALSE(controller.phase_status(0, status));
  CHECK_FALSE(controller.phase_status(3, status));
}

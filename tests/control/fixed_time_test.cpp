#include <itsc/controller.hpp>
#include <itsc/error.hpp>

#include <doctest/doctest.h>

#include <vector>

using namespace itsc;

namespace {

Timing plan(double green_s, double offset_s) {
  Timing timing;
  timing.cycle_s = 60;
  timing.offset_s = offset_s;
  Stage a;
  a.serves.protected_movements = {"A"};
  a.green_s = green_s;
  a.yellow_s = 3;
  a.red_clearance_s = 2;
  Stage b;
  b.serves.protected_movements = {"B"};
  b.green_s = 60 - green_s - 10;
  b.yellow_s = 3;
  b.red_clearance_s = 2;
  timing.stages = {a, b};
  return timing;
}

}  // namespace

TEST_CASE("fixed-time controller: green and yellow inside each step at 0.1 s, per batch member") {
  const std::vector<Timing> timings{plan(20.3, 0), plan(30, 5)};
  IntersectionLayout layout;
  layout.movements = {"A", "B"};
  auto controller = make_controller(timings, layout);
  REQUIRE(controller->batch_size() == 2);
  std::vector<Indication> indication(4);
  std::vector<std::int32_t> green(4);
  std::vector<std::int32_t> yellow(4);
  SignalCommand command{2, indication, green, yellow};
  const Observation observation;
  std::vector<std::int32_t> green_a(2, 0);
  std::vector<std::int32_t> yellow_a(2, 0);
  std::vector<std::int32_t> green_b(2, 0);
  // A whole cycle in 1 s steps gives each movement its green and yellow exactly.
  for (Tenths t = 0; t < 600; t += 10) {
    controller->step(t, 10, observation, command);
    for (std::size_t b = 0; b < 2; ++b) {
      green_a[b] += green[0 * 2 + b];
      yellow_a[b] += yellow[0 * 2 + b];
      green_b[b] += green[1 * 2 + b];
    }
    if (t == 200) {
      // Member 0 in [20, 21): 0.3 s of green, then 0.7 s of yellow; yellow at the end of the step.
      CHECK(green[0] == 3);
      CHECK(yellow[0] == 7);
      CHECK(indication[0] == Indication::yellow);
    }
  }
  CHECK(green_a[0] == 203);
  CHECK(yellow_a[0] == 30);
  CHECK(green_b[0] == 600 - 203 - 100);
  CHECK(green_a[1] == 300);
  // Member 1 has a 5 s offset: at system time 0 it is 55 s into its cycle, in stage b's yellow.
  controller->step(0, 10, observation, command);
  CHECK(indication[1] == Indication::red);
  CHECK(indication[3] == Indication::yellow);
  CHECK(yellow[3] == 10);
  CHECK_THROWS_AS((void)make_controller(std::vector<Timing>{}, layout), Error);
}

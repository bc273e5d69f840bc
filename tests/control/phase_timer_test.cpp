// The controllers that time phase by phase run one phase-timer core: driven as a pretimed plan (actuated
// with every phase on max recall and Max1 = its split's green; cycle-based max-pressure without any
// pressure), they show every movement the fixed-time controller's indication in every tenth.
#include <itsc/controller.hpp>
#include <itsc/error.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

using namespace itsc;

namespace {

// A dual-ring NEMA plan, leading lefts, 90 s: ring 1 = 1 2 | 3 4, ring 2 = 5 6 | 7 8, with different
// splits in the two rings of a barrier group and a longer red clearance on 4 and 8.
Timing dual_ring(const std::string& controller) {
  struct Spec {
    int number;
    const char* movement;
    double split_s;
    double red_s;
  };
  const Spec specs[] = {{1, "EBL", 15, 1}, {2, "WBT", 35, 1}, {3, "NBL", 12, 1}, {4, "SBT", 28, 2},
                        {5, "WBL", 20, 1}, {6, "EBT", 30, 1}, {7, "SBL", 18, 1}, {8, "NBT", 22, 2}};
  RingPlan plan;
  for (const Spec& spec : specs) {
    Phase p;
    p.number = spec.number;
    p.serves.protected_movements = {spec.movement};
    p.split_s = spec.split_s;
    p.yellow_s = 3;
    p.red_clearance_s = spec.red_s;
    p.min_green_s = 5;
    p.max1_s = spec.split_s - 3 - spec.red_s;
    p.recall = Recall::max;
    plan.phases.push_back(p);
  }
  plan.rings = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
  Timing timing;
  timing.cycle_s = 90;
  timing.controller = controller;
  timing.rings = plan;
  // The cycle starts at t = 0 with phases 1 and 5, where the free-running actuated controller starts.
  timing.offset_s = offset_to_internal(timing, OffsetReference::cycle_start, 0);
  return timing;
}

IntersectionLayout layout() {
  IntersectionLayout l;
  l.movements = {"EBL", "WBT", "NBL", "SBT", "WBL", "EBT", "SBL", "NBT"};
  return l;
}

struct Shown {
  std::vector<Indication> indication;    // [tenth × movement]
  std::vector<std::int32_t> green;       // [step × movement] green tenths of each step
};

Shown run(const std::string& controller, Tenths step, Tenths until) {
  const Timing timing = dual_ring(controller);
  const std::unique_ptr<Controller> c = make_controller(std::span<const Timing>(&timing, 1), layout());
  const std::size_t movements = c->movement_count();
  std::vector<Indication> indication(movements);
  std::vector<std::int32_t> green(movements);
  std::vector<std::int32_t> yellow(movements);
  Shown shown;
  Observation observation;  // no traffic: no calls but the recalls, no pressure
  observation.batch = 1;
  for (Tenths t = 0; t < until; t += step) {
    c->step(t, step, observation, SignalCommand{1, indication, green, yellow});
    shown.indication.insert(shown.indication.end(), indication.begin(), indication.end());
    shown.green.insert(shown.green.end(), green.begin(), green.end());
  }
  return shown;
}

}  // namespace

TEST_CASE("phase timer: actuated on max recall and max-pressure without pressure replay the fixed-time plan") {
  const Tenths three_cycles = 3 * 900;
  for (const Tenths step : {Tenths{1}, Tenths{10}}) {
    CAPTURE(step);
    const Shown fixed = run("fixed", step, three_cycles);
    // The plan really changes: every movement is green at some time and red at another.
    for (std::size_t m = 0; m < 8; ++m) {
      bool green = false;
      bool red = false;
      for (std::size_t k = m; k < fixed.indication.size(); k += 8) {
        green = green || is_green(fixed.indication[k]);
        red = red || fixed.indication[k] == Indication::red;
      }
      CHECK(green);
      CHECK(red);
    }
    for (const char* controller : {"actuated", "max-pressure-cycle"}) {
      const std::string name = controller;
      CAPTURE(name);
      const Shown other = run(controller, step, three_cycles);
      std::size_t first = 0;
      while (first < fixed.indication.size() && other.indication[first] == fixed.indication[first]) ++first;
      CAPTURE(first);  // the first tenth × movement that differs
      CHECK(other.indication == fixed.indication);
      CHECK(other.green == fixed.green);
    }
  }
}

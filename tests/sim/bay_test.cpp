// A left bay that overflows blocks one of three lanes: the through discharge falls by
// that share (1/3), not to zero; with a bay long enough to hold the left queue it does not fall.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/approach_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

// Three-lane eastbound approach: a one-lane left bay and three through lanes, served in turn.
Scenario left_bay(double bay_length_m) {
  test::FourLeg x = test::four_leg(NodeControl::signalized, 600, 3);
  Scenario& s = x.s;
  s.simulation.warmup_s = 0;
  s.simulation.duration_s = 900;
  test::add_movement(x, "EBL", "W_C", "C_N", TurnType::left, 1, bay_length_m);
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through, 3);
  test::add_flow(s, "W_C", 3000);
  s.demand.turns.push_back(ApproachTurns{"C", "W_C", false, {TurnShare{"EBL", {0.1}}, TurnShare{"EBT", {0.9}}}});
  test::set_plan(s, {test::stage({"EBT"}, {}, 45), test::stage({"EBL"}, {}, 37)});
  return s;
}

struct Discharge {
  std::vector<double> flow;       // [step] through departures
  std::vector<bool> overflowing;  // [step] the bay overflowed by a vehicle or more at its start
  double full = 0;                // through capacity of a step with all three lanes (veh): s0 × 3 × f_LU
};

Discharge run(double bay_length_m) {
  Simulation sim(left_bay(bay_length_m));
  const Model& model = sim.model();
  const auto left = model.find_movement(0, "EBL");
  const double storage = model.lane_group_bay_storage_veh[model.movement_lane_group[left]];
  test::FlowProbe through(sim, "EBT");
  Discharge d;
  d.full = model.lane_group_saturation_veh_per_s[model.movement_lane_group[model.find_movement(0, "EBT")]] * model.dt_s;
  while (sim.time_s() < sim.duration_s()) {
    d.overflowing.push_back(sim.state().movement_veh[left] - storage >= 1.0);
    sim.step();
    d.flow.push_back(through.take());
    // Vehicles stored in the bay are still inside: conservation holds at every step.
    const double entered = sim.state().metrics.entered_veh[0];
    const double accounted = sim.state().metrics.exited_veh[0] + sim.state().inside_veh(0) + sim.state().waiting_veh(0);
    REQUIRE(std::fabs(entered - accounted) <= 1e-9 * std::max(1.0, entered));
  }
  return d;
}

}  // namespace

TEST_CASE("bays: an overflowing left bay blocks one of three lanes, not the approach") {
  const Discharge short_bay = run(7.5);  // room for one car
  const Discharge long_bay = run(300);   // holds every left queue of the run
  const double open = short_bay.full * 2.0 / 3.0;
  int blocked = 0;
  int at_open_share = 0;
  double long_bay_flow = 0;
  for (std::size_t step = 0; step < short_bay.flow.size(); ++step) {
    CHECK_FALSE(long_bay.overflowing[step]);
    if (!short_bay.overflowing[step]) continue;
    ++blocked;
    CHECK(short_bay.flow[step] <= open + 1e-9);
    if (std::fabs(short_bay.flow[step] - open) > 1e-9) continue;
    // Saturated discharge at two lanes' rate (not zero); the long bay's through runs unblocked.
    ++at_open_share;
    long_bay_flow += long_bay.flow[step];
  }
  CAPTURE(blocked);
  CAPTURE(at_open_share);
  CHECK(blocked > 100);
  CHECK(at_open_share > 50);
  const double long_bay_mean = long_bay_flow / at_open_share;
  CAPTURE(long_bay_mean / short_bay.full);
  CHECK(long_bay_mean > 0.85 * short_bay.full);
}

TEST_CASE("bays: a bay adds its storage to its lane group") {
  const Scenario s = left_bay(60);
  const Model model = compile(s);
  const auto group = model.movement_lane_group[model.find_movement(0, "EBL")];
  CHECK(model.lane_group_bay_storage_veh[group] == doctest::Approx(60.0 / 7.5));
  CHECK(model.lane_group_spill_share[group] == doctest::Approx(1.0 / 3.0));
}

TEST_CASE("bays: a bay's queue is its own, the through queue is the link's, and each flags when it fills its storage") {
  // 3000 veh/h, a tenth of it left: a 7.5 m bay (one car) overflows; a 300 m one holds every left queue.
  for (const double bay_m : {7.5, 300.0}) {
    CAPTURE(bay_m);
    Simulation sim(left_bay(bay_m));
    sim.run();
    const SimulationResult result = sim.result();
    const LaneGroupResult& left = test::group_of(result, "EBL");
    const LaneGroupResult& through = test::group_of(result, "EBT");
    CHECK(left.storage_m == bay_m);
    CHECK(through.storage_m == 600);
    CHECK(left.queue_max_m <= bay_m + 1e-9);
    if (bay_m < 10) {
      CHECK(left.spills);  // full, the left-turners behind it wait on the link
      CHECK(left.queue_max_m == doctest::Approx(bay_m).epsilon(0.01));
      CHECK(through.queue_max_m > 2 * bay_m);
    } else {
      CHECK_FALSE(left.spills);
      CHECK(left.queue_max_m > 7.5);
      CHECK(left.queue_max_m < 0.5 * bay_m);
    }
    CHECK_FALSE(through.spills);
  }
}

// Per-movement results: a movement's delay and queue are its share of its approach (its own
// last-cell and bay vehicles plus its turning proportion of those held upstream, FIFO); its queue length
// is its lane group's back of queue.
#include <doctest/doctest.h>

#include <numeric>

#include "sim/approach_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

const MovementResult& movement(const LaneGroupResult& group, const std::string& id) {
  for (const auto& m : group.movements) {
    if (m.id == id) return m;
  }
  throw std::runtime_error("lane group " + group.id + " does not serve " + id);
}

// Eastbound through and right share one lane (70/30); northbound through runs in the other stage.
Scenario shared_through_right(double eastbound_veh_per_h) {
  test::FourLeg x = test::four_leg(NodeControl::signalized);
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through, 0);
  test::add_movement(x, "EBR", "W_C", "C_S", TurnType::right, 0);
  test::add_movement(x, "NBT", "S_C", "C_N", TurnType::through);
  Scenario& s = x.s;
  test::node_c(s).lane_groups.push_back(LaneGroup{"EBTR", "W_C", {"EBT", "EBR"}, 1, 0});
  test::add_flow(s, "W_C", eastbound_veh_per_h);
  test::add_flow(s, "S_C", 300);
  s.demand.turns.push_back(ApproachTurns{"C", "W_C", false, {TurnShare{"EBT", {0.7}}, TurnShare{"EBR", {0.3}}}});
  test::set_plan(s, {test::stage({"EBT", "EBR"}, {}, 26), test::stage({"NBT"}, {}, 26)});
  return s;
}

}  // namespace

TEST_CASE("movement results: a shared FIFO lane gives each movement the group's delay and its share of the queue") {
  const Scenario s = shared_through_right(500);
  const SimulationResult result = simulate(s);
  const LaneGroupResult& group = test::group_of(result, "EBT");
  REQUIRE(group.movements.size() == 2);
  const MovementResult& through = movement(group, "EBT");
  const MovementResult& right = movement(group, "EBR");
  REQUIRE(group.degree_of_saturation > 0.5);
  REQUIRE(group.degree_of_saturation < 0.95);
  // Volumes by turning proportion.
  CHECK(through.volume_veh_per_h == doctest::Approx(0.7 * group.volume_veh_per_h).epsilon(1e-9));
  CHECK(right.volume_veh_per_h == doctest::Approx(0.3 * group.volume_veh_per_h).epsilon(1e-9));
  // One FIFO queue: every vehicle waits as long whatever its turn (each vehicle's own service time is
  // already in the group's discharge, so the split stays proportional).
  CHECK(through.uniform_delay_s_per_veh == doctest::Approx(group.uniform_delay_s_per_veh).epsilon(0.005));
  CHECK(right.uniform_delay_s_per_veh == doctest::Approx(group.uniform_delay_s_per_veh).epsilon(0.005));
  CHECK(through.overflow_delay_s_per_veh == group.overflow_delay_s_per_veh);
  CHECK(through.delay_s_per_veh == doctest::Approx(through.uniform_delay_s_per_veh + group.overflow_delay_s_per_veh));
  // Queues split 70/30 and add up to the group's; the back of the queue is the group's.
  CHECK(through.queue_mean_veh == doctest::Approx(0.7 * group.queue_mean_veh).epsilon(0.005));
  CHECK(right.queue_mean_veh == doctest::Approx(0.3 * group.queue_mean_veh).epsilon(0.005));
  CHECK(through.queue_mean_veh + right.queue_mean_veh == doctest::Approx(group.queue_mean_veh).epsilon(1e-9));
  CHECK(through.queue_max_veh + right.queue_max_veh == doctest::Approx(group.queue_max_veh).epsilon(0.01));
  CHECK(right.queue_max_m == group.queue_max_m);
  CHECK(right.queue_mean_m == group.queue_mean_m);
  // The group's delay and stops are the arrival-weighted sums of its movements'.
  CHECK(through.arrivals_veh * through.uniform_delay_s_per_veh + right.arrivals_veh * right.uniform_delay_s_per_veh ==
        doctest::Approx(group.arrivals_veh * group.uniform_delay_s_per_veh).epsilon(1e-9));
  CHECK(through.stops + right.stops == doctest::Approx(group.stops).epsilon(1e-9));
  CHECK(through.departures_veh + right.departures_veh == doctest::Approx(group.departures_veh).epsilon(1e-9));
}

TEST_CASE("movement results: a movement held behind another group's queue upstream carries its share") {
  // Eastbound lefts have their own lane group and a green in both stages, so alone they would barely
  // wait; the through group is oversaturated and its queue backs up over the whole approach, so lefts
  // that arrive behind it wait in the same FIFO queue upstream before they reach their lane.
  test::FourLeg x = test::four_leg(NodeControl::signalized, 300, 2);
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through, 1);
  test::add_movement(x, "EBL", "W_C", "C_N", TurnType::left, 1);
  test::add_movement(x, "NBT", "S_C", "C_N", TurnType::through, 2);
  Scenario& s = x.s;
  s.demand.turns.push_back(ApproachTurns{"C", "W_C", false, {TurnShare{"EBT", {0.8}}, TurnShare{"EBL", {0.2}}}});
  test::set_plan(s, {test::stage({"EBT", "EBL"}, {}, 26), test::stage({"EBL", "NBT"}, {}, 26)});
  test::add_flow(s, "S_C", 300);
  SUBCASE("light through demand: lefts do not wait") {
    test::add_flow(s, "W_C", 500);
    const SimulationResult result = simulate(s);
    CHECK(movement(test::group_of(result, "EBL"), "EBL").uniform_delay_s_per_veh < 2.0);
  }
  SUBCASE("oversaturated through: lefts wait upstream") {
    test::add_flow(s, "W_C", 1400);  // through 1120 veh/h against about 800 veh/h of capacity
    const SimulationResult result = simulate(s);
    const LaneGroupResult& through = test::group_of(result, "EBT");
    const MovementResult& left = movement(test::group_of(result, "EBL"), "EBL");
    REQUIRE(through.degree_of_saturation > 1.1);
    // FIFO upstream: a left waits there as long as a through vehicle does, and only the through
    // vehicles wait again at the stop line, so the left's delay is a large part of the through's.
    CHECK(left.uniform_delay_s_per_veh > 0.5 * through.uniform_delay_s_per_veh);
    CHECK(left.uniform_delay_s_per_veh < through.uniform_delay_s_per_veh);
    CHECK(left.queue_mean_veh > 0.1 * through.queue_mean_veh);
  }
}

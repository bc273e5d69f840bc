// HCM's cycle-based 95th-percentile back of queue: per signal cycle of a lane group, the queue its last
// green left plus the vehicles that stopped in the cycle; the 95th percentile over the measured cycles.
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/approach_builders.hpp"
#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

constexpr double kJamSpacingM = 7.5;  // the links' default

// One-lane eastbound through approach at a fixed-time signal: 30 s green, 3 s yellow, 1 s red clearance
// of a 64 s cycle (the northbound stage takes the rest), uniform arrivals (`flows`: veh/h per interval).
Scenario approach(std::vector<double> flows, double interval_s = 3600) {
  test::FourLeg x = test::four_leg(NodeControl::signalized, 600, 1);
  Scenario& s = x.s;
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through);
  test::add_movement(x, "NBT", "S_C", "C_N", TurnType::through);
  s.demand.interval_s = interval_s;
  s.demand.entries.push_back(EntryFlow{"W_C", std::move(flows), 0});
  test::add_flow(s, "S_C", 300);
  test::set_plan(s, {test::stage({"EBT"}, {}, 30), test::stage({"NBT"}, {}, 26)});
  return s;
}

// The measured cycles' back of queue from the histogram: the mean of its bins' midpoints (m).
double mean_cycle_back_m(const Simulation& sim, std::size_t group) {
  const Metrics& metrics = sim.state().metrics;
  const double width = sim.model().lane_group_storage_m[group] / static_cast<double>(metrics.queue_bins);
  double cycles = 0;
  double sum = 0;
  for (std::size_t bin = 0; bin < metrics.queue_bins; ++bin) {
    const double count = metrics.group_cycle_histogram[group * metrics.queue_bins + bin];
    cycles += count;
    sum += count * (static_cast<double>(bin) + 0.5) * width;
  }
  return sum / cycles;
}

}  // namespace

TEST_CASE("cycle queue: uniform arrivals at a fixed-time signal give HCM's deterministic back of queue") {
  const double cycle_s = 64;
  for (const double flow : {300.0, 540.0, 800.0}) {
    CAPTURE(flow);
    Simulation sim(approach({flow}));
    sim.run();
    const SimulationResult result = sim.result();
    const LaneGroupResult& group = test::group_of(result, "EBT");
    // Every cycle is the same: the 95th percentile is each cycle's back of queue, v·r / (1 − v/s) (HCM's
    // Q1 for uniform arrivals: the arrivals during red and those joining while the queue discharges).
    const double v = flow / 3600.0;
    const double s = group.saturation_flow_veh_per_h / 3600.0;
    const double red_s = cycle_s * (1.0 - group.effective_green_share);
    const double expected = v * red_s / (1.0 - v / s);
    CAPTURE(red_s);
    CAPTURE(expected);
    CAPTURE(group.queue_cycle_p95_veh);
    CHECK(group.queue_cycle_p95_veh == doctest::Approx(expected).epsilon(0.03));
    CHECK(group.queue_cycle_p95_veh > 1.1 * v * red_s);  // more than the arrivals during red
    CHECK(group.queue_cycle_p95_m == doctest::Approx(group.queue_cycle_p95_veh * kJamSpacingM));
    CHECK(group.queue_storage_ratio == doctest::Approx(group.queue_cycle_p95_m / group.storage_m));
    CHECK_FALSE(group.cycle_p95_spills);
    // One cycle per 64 s of the measured hour (56.25): those that end in it.
    const double measured_s = result.duration_s - result.measured_from_s;
    CHECK(std::fabs(group.cycles - measured_s / cycle_s) < 1.0);
    // The time-based percentile counts the steps of the whole cycle, most with a shorter queue.
    CHECK(group.queue_p95_veh < group.queue_cycle_p95_veh);
  }
}

TEST_CASE("cycle queue: a heavy interval puts the 95th percentile above the mean cycle") {
  // 15 minutes near capacity (c ≈ 890 veh/h) amid light ones: a few cycles carry most of the queue.
  Simulation sim(approach({400, 400, 400, 860, 400}, 900));
  sim.run();
  const SimulationResult result = sim.result();
  const LaneGroupResult& group = test::group_of(result, "EBT");
  const std::size_t g = sim.model().movement_lane_group[sim.model().find_movement(0, "EBT")];
  const double mean_m = mean_cycle_back_m(sim, g);
  CAPTURE(mean_m);
  CAPTURE(group.queue_cycle_p95_m);
  CAPTURE(group.queue_p95_m);
  CHECK(group.queue_cycle_p95_m > 1.5 * mean_m);
  CHECK(group.queue_p95_veh < group.queue_cycle_p95_veh);
  CHECK(group.queue_p95_m < group.queue_cycle_p95_m);
}

TEST_CASE("cycle queue: a left bay shorter than its cycle back of queue is flagged, a longer one is not") {
  // 200 veh/h of lefts with 37 s of a 90 s cycle: about 3.4 vehicles (25 m) join each cycle's left queue.
  for (const double bay_m : {15.0, 120.0}) {
    CAPTURE(bay_m);
    test::FourLeg x = test::four_leg(NodeControl::signalized, 600, 3);
    Scenario& s = x.s;
    test::add_movement(x, "EBL", "W_C", "C_N", TurnType::left, 1, bay_m);
    test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through, 3);
    test::add_flow(s, "W_C", 2000);
    s.demand.turns.push_back(ApproachTurns{"C", "W_C", false, {TurnShare{"EBL", {0.1}}, TurnShare{"EBT", {0.9}}}});
    test::set_plan(s, {test::stage({"EBT"}, {}, 45), test::stage({"EBL"}, {}, 37)});
    Simulation sim(s);
    sim.run();
    const SimulationResult result = sim.result();
    const LaneGroupResult& left = test::group_of(result, "EBL");
    const LaneGroupResult& through = test::group_of(result, "EBT");
    CAPTURE(left.queue_cycle_p95_m);
    CAPTURE(left.queue_storage_ratio);
    CHECK(left.storage_m == bay_m);
    CHECK(left.cycles > 30);
    if (bay_m < 25) {
      CHECK(left.cycle_p95_spills);
      CHECK(left.queue_storage_ratio >= 0.99);
    } else {
      CHECK_FALSE(left.cycle_p95_spills);
      CHECK(left.queue_storage_ratio < 0.5);
      CHECK(left.queue_cycle_p95_m > 20);
    }
    CHECK_FALSE(through.cycle_p95_spills);
    CHECK(through.queue_storage_ratio < 0.5);
  }
}

TEST_CASE("cycle queue: off signals there are no cycles, and the JSON leaves the figures out") {
  test::FourLeg x = test::four_leg(NodeControl::two_way_stop);
  Scenario& s = x.s;
  test::add_movement(x, "EBT", "W_C", "C_E", TurnType::through);
  test::add_movement(x, "NBT", "S_C", "C_N", TurnType::through);
  test::node_c(s).major_links = {"W_C", "C_E"};
  test::add_flow(s, "W_C", 400);
  test::add_flow(s, "S_C", 200);
  Simulation sim(s);
  sim.run();
  const SimulationResult result = sim.result();
  const LaneGroupResult& minor = test::group_of(result, "NBT");
  CHECK(minor.cycles == 0);
  CHECK(minor.queue_cycle_p95_veh == 0);
  CHECK_FALSE(minor.cycle_p95_spills);
  const std::string json = to_json(result);
  CHECK(json.find("\"cycles\": 0,\n") != std::string::npos);
  for (const char* key : {"cycle_p95_queue_veh", "cycle_p95_queue_m", "queue_storage_ratio", "cycle_p95_spills"}) {
    CHECK(json.find(key) == std::string::npos);
  }
  // At a signal they are there, in the report's units.
  Simulation signalized(approach({540}));
  signalized.run();
  const SimulationResult signal_result = signalized.result();
  const LaneGroupResult& group = test::group_of(signal_result, "EBT");
  const std::string signal = to_json(signal_result, Units::us);
  for (const char* key : {"cycle_p95_queue_veh", "cycle_p95_queue_ft", "queue_storage_ratio", "cycle_p95_spills"}) {
    CHECK(signal.find(key) != std::string::npos);
  }
  CHECK(signal.find("\"cycle_p95_queue_m\"") == std::string::npos);
  CHECK(signal.find("\"cycle_p95_queue_veh\": " + nlohmann::json(group.queue_cycle_p95_veh).dump()) != std::string::npos);
}

namespace {

test::GridOptions small_grid() {
  test::GridOptions options;
  options.size = 3;
  options.left_bay_m = 15;  // bays that overflow
  options.right_turn_on_red = true;
  options.duration_s = 1500;
  options.warmup_s = 300;
  return options;
}

void check_same_cycles(const State& x, std::size_t b, const State& y, std::size_t c) {
  const Metrics& p = x.metrics;
  const Metrics& q = y.metrics;
  CHECK(test::member(p.group_cycle_histogram, x.batch, b) == test::member(q.group_cycle_histogram, y.batch, c));
  CHECK(test::member(p.group_cycle_max_m, x.batch, b) == test::member(q.group_cycle_max_m, y.batch, c));
  CHECK(test::member(p.group_cycle_queue_veh, x.batch, b) == test::member(q.group_cycle_queue_veh, y.batch, c));
  CHECK(test::member(p.group_cycle_left_veh, x.batch, b) == test::member(q.group_cycle_left_veh, y.batch, c));
}

}  // namespace

TEST_CASE("cycle queue: batch members and threads give the single runs' bits" * doctest::test_suite("threaded")) {
  const Scenario base = test::grid(small_grid());
  const std::size_t batch = 9;  // on two threads: parts of four and five
  std::vector<Demand> demands;
  for (std::size_t b = 0; b < batch; ++b) {
    Demand demand = base.demand;
    for (auto& entry : demand.entries) entry.flow_veh_per_h[0] *= 0.7 + 0.08 * static_cast<double>(b);
    demands.push_back(demand);
  }
  SimulateOptions two;
  two.threads = 2;
  Simulation one_thread(base, SimulateOptions{}, BatchSpec{batch, {}, demands});
  Simulation two_threads(base, two, BatchSpec{batch, {}, demands});
  one_thread.run();
  two_threads.run();
  CHECK(one_thread.state().metrics.group_cycle_histogram == two_threads.state().metrics.group_cycle_histogram);
  CHECK(one_thread.state().metrics.group_cycle_max_m == two_threads.state().metrics.group_cycle_max_m);
  for (const std::size_t b : {std::size_t{0}, std::size_t{4}, batch - 1}) {
    CAPTURE(b);
    Simulation single(base, SimulateOptions{}, BatchSpec{1, {}, {demands[b]}});
    single.run();
    check_same_cycles(one_thread.state(), b, single.state(), 0);
    CHECK(to_json(one_thread.result(b)) == to_json(single.result()));
  }
  // The members differ, and the bays overflow in some cycles.
  const SimulationResult light = one_thread.result(0);
  const SimulationResult heavy = one_thread.result(batch - 1);
  CHECK(light.intersections[0].lane_groups[0].queue_cycle_p95_veh !=
        heavy.intersections[0].lane_groups[0].queue_cycle_p95_veh);
  bool flagged = false;
  for (const auto& group : heavy.intersections[0].lane_groups) flagged = flagged || group.cycle_p95_spills;
  CHECK(flagged);
}

TEST_CASE("cycle queue: a run restored from a mid-cycle snapshot continues the cycle") {
  const Scenario scenario = test::grid(small_grid());
  Simulation whole(scenario);
  whole.run();
  Simulation first(scenario);
  first.run_until(777);  // inside a cycle of every signal (90 s cycles)
  const Simulation::Snapshot snapshot = first.save_state();
  Simulation resumed(scenario);
  resumed.restore_state(snapshot);
  resumed.run();
  check_same_cycles(whole.state(), 0, resumed.state(), 0);
  const SimulationResult a = whole.result();
  const SimulationResult b = resumed.result();
  CHECK(a.intersections[0].lane_groups[0].cycles > 10);
  CHECK(to_json(a) == to_json(b));
}

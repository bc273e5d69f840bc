// A batch of B plans (and of B demand vectors) equals B single runs bit for bit, and one thread
// equals two: members never interact.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/scenario_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;
using itsc::test::check_same;

namespace {

struct Variants {
  Scenario base;
  std::vector<std::map<std::string, Timing>> timing;
  std::vector<Demand> demand;
};

Variants variants(std::size_t batch, bool approach_details = false) {
  test::GridOptions options;
  options.size = 3;
  // Bays that overflow, permitted lefts in their own lanes and rights on red.
  options.left_bay_m = approach_details ? 15 : 0;
  options.right_turn_on_red = approach_details;
  options.duration_s = 1200;
  options.warmup_s = 300;
  Variants v{test::grid(options), {}, {}};
  for (std::size_t b = 0; b < batch; ++b) {
    auto timing = v.base.timing;
    for (auto& [node, plan] : timing) {
      plan.stages[0].green_s += static_cast<double>(b % 5) * 3;
      plan.stages[1].green_s -= static_cast<double>(b % 5) * 3;
      plan.offset_s = static_cast<double>((b * 17) % 90);
    }
    v.timing.push_back(timing);
    Demand demand = v.base.demand;
    for (auto& entry : demand.entries) entry.flow_veh_per_h[0] *= 0.8 + 0.05 * static_cast<double>(b);
    v.demand.push_back(demand);
  }
  return v;
}

}  // namespace

TEST_CASE("batch: B plans and demands = B single runs, bit for bit") {
  for (const bool details : {false, true}) {
    CAPTURE(details);
    const std::size_t batch = 4;
    const Variants v = variants(batch, details);
    Simulation batched(v.base, SimulateOptions{}, BatchSpec{batch, v.timing, v.demand});
    batched.run();
    for (std::size_t b = 0; b < batch; ++b) {
      Simulation single(v.base, SimulateOptions{}, BatchSpec{1, {v.timing[b]}, {v.demand[b]}});
      single.run();
      CAPTURE(b);
      check_same(batched.state(), b, single.state());
    }
    // The members really differ.
    CHECK(batched.result(0).total_delay_veh_h != batched.result(1).total_delay_veh_h);
  }
}

TEST_CASE("batch: every member records its own time series, as its single run does") {
  const std::size_t batch = 3;
  const Variants v = variants(batch);
  SimulateOptions options;
  options.timeseries_interval_s = 120;
  options.threads = 2;
  Simulation batched(v.base, options, BatchSpec{batch, v.timing, v.demand});
  batched.run();
  for (std::size_t b = 0; b < batch; ++b) {
    CAPTURE(b);
    Simulation single(v.base, options, BatchSpec{1, {v.timing[b]}, {v.demand[b]}});
    single.run();
    const TimeSeries& mine = batched.timeseries(b);
    const TimeSeries& own = single.timeseries();
    REQUIRE(mine.time_s.size() == 10);
    CHECK(mine.lane_groups == own.lane_groups);
    CHECK(mine.time_s == own.time_s);
    CHECK(mine.queue_veh == own.queue_veh);
    CHECK(mine.flow_veh_per_h == own.flow_veh_per_h);
    CHECK(mine.indication == own.indication);
    CHECK(mine.vehicles_inside == own.vehicles_inside);
    CHECK(batched.result(b).timeseries.flow_veh_per_h == own.flow_veh_per_h);
  }
  // The members' demands differ, and so do their series.
  CHECK(batched.timeseries(0).flow_veh_per_h != batched.timeseries(2).flow_veh_per_h);
}

TEST_CASE("batch: one thread = two threads bit for bit" * doctest::test_suite("threaded")) {
  const std::size_t batch = 19;  // three blocks of whole cache lines: 8 + 8 + 3 members
  const Variants v = variants(batch, true);
  SimulateOptions one;
  SimulateOptions two;
  two.threads = 2;
  SimulateOptions three;
  three.threads = 3;
  Simulation a(v.base, one, BatchSpec{batch, v.timing, v.demand});
  Simulation b(v.base, two, BatchSpec{batch, v.timing, v.demand});
  Simulation c(v.base, three, BatchSpec{batch, v.timing, v.demand});
  a.run();
  b.run();
  c.run();
  CHECK(a.state().cell_veh == c.state().cell_veh);
  CHECK(a.state().metrics.movement_stops == c.state().metrics.movement_stops);
  CHECK(a.state().cell_veh == b.state().cell_veh);
  CHECK(a.state().metrics.movement_delay_veh_s == b.state().metrics.movement_delay_veh_s);
  CHECK(a.state().metrics.exit_link_delay_veh_s == b.state().metrics.exit_link_delay_veh_s);
  CHECK(a.state().metrics.movement_stops == b.state().metrics.movement_stops);
  CHECK(a.state().metrics.group_queue_histogram == b.state().metrics.group_queue_histogram);
}

TEST_CASE("batch: a batch run in parts on two threads step by step = one thread" * doctest::test_suite("threaded")) {
  // Eight members on two threads run as two parts of four; step() advances both and state() gathers them.
  const std::size_t batch = 8;
  const Variants v = variants(batch, true);
  SimulateOptions two;
  two.threads = 2;
  Simulation a(v.base, SimulateOptions{}, BatchSpec{batch, v.timing, v.demand});
  Simulation b(v.base, two, BatchSpec{batch, v.timing, v.demand});
  for (int i = 0; i < 600; ++i) {
    a.step();
    b.step();
  }
  CHECK(b.time_s() == a.time_s());
  CHECK(a.state().cell_veh == b.state().cell_veh);
  CHECK(a.state().movement_veh == b.state().movement_veh);
  CHECK(a.state().indication == b.state().indication);
  CHECK(a.state().metrics.movement_delay_veh_s == b.state().metrics.movement_delay_veh_s);
  CHECK(a.state().metrics.movement_queue_max_veh == b.state().metrics.movement_queue_max_veh);
  // Gathered again after more steps, not a stale copy.
  a.run_until(900);
  b.run_until(900);
  CHECK(a.state().cell_veh == b.state().cell_veh);
  CHECK(a.result(5).delay_s_per_veh == b.result(5).delay_s_per_veh);
}

TEST_CASE("batch: every instruction set's passes give the same bits") {
  // 11 members: one vector of 8 (AVX-512) or two of 4 (AVX2), then the narrower tails and one alone;
  // and the last member run alone (a batch of one has passes of its own, with its cells as vectors).
  const std::size_t batch = 11;
  const Variants v = variants(batch, true);
  Simulation reference(v.base, SimulateOptions{}, BatchSpec{batch, v.timing, v.demand});
  reference.run();
  const State& x = reference.state();
  CHECK(resolve_isa(Isa::generic) == Isa::generic);
  CHECK(isa_supported(resolve_isa(Isa::best)));
  for (const Isa isa : {Isa::generic, Isa::avx2, Isa::avx512}) {
    CAPTURE(isa_name(isa));
    if (!isa_supported(isa)) {
      MESSAGE("not supported here: ", isa_name(isa));
      continue;
    }
    SimulateOptions options;
    options.isa = isa;
    Simulation other(v.base, options, BatchSpec{batch, v.timing, v.demand});
    other.run();
    const State& y = other.state();
    CHECK(x.cell_veh == y.cell_veh);
    CHECK(x.cell_stopped_veh == y.cell_stopped_veh);
    CHECK(x.movement_veh == y.movement_veh);
    CHECK(x.movement_capacity_veh == y.movement_capacity_veh);
    CHECK(x.movement_flow_veh == y.movement_flow_veh);
    CHECK(x.link_bay_held_veh == y.link_bay_held_veh);
    CHECK(x.link_open_share == y.link_open_share);
    CHECK(x.yield_gap_rate_veh_per_s == y.yield_gap_rate_veh_per_s);
    Simulation single(v.base, options, BatchSpec{1, {v.timing[batch - 1]}, {v.demand[batch - 1]}});
    single.run();
    check_same(x, batch - 1, single.state());
    for (auto member : {&Metrics::vehicle_s, &Metrics::vehicle_m, &Metrics::exit_link_delay_veh_s, &Metrics::exit_link_stops,
                        &Metrics::movement_delay_veh_s, &Metrics::movement_stops, &Metrics::movement_queue_max_veh,
                        &Metrics::group_effective_green_s, &Metrics::group_queue_sum_m,
                        &Metrics::group_queue_histogram}) {
      CHECK(x.metrics.*member == y.metrics.*member);
    }
  }
}

TEST_CASE("batch: an instruction set that cannot run here is refused by name") {
  // A value outside the enumeration stands for one this CPU or build lacks (the same check).
  const auto unknown = static_cast<Isa>(99);
  CHECK_FALSE(isa_supported(unknown));
  SimulateOptions options;
  options.isa = unknown;
  const Variants v = variants(1);
  CHECK_THROWS_WITH_AS(Simulation(v.base, options, BatchSpec{1, {}, {}}),
                       ("instruction set 'unknown' is not supported by this CPU or build (best here: " +
                        std::string(isa_name(resolve_isa(Isa::best))) + ")").c_str(),
                       Error);
}

#pragma once
// Small helpers shared by the engine tests.

#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace itsc::test {

/// The result of the lane group serving `movement` at intersection 0.
inline const LaneGroupResult& group_of(const SimulationResult& result, const std::string& movement) {
  for (const auto& group : result.intersections.at(0).lane_groups) {
    for (const auto& served : group.movements) {
      if (served.id == movement) return group;
    }
  }
  throw std::runtime_error("no lane group serves " + movement);
}
/// A temporary result would leave the reference dangling: keep the result in a variable.
const LaneGroupResult& group_of(SimulationResult&& result, const std::string& movement) = delete;

/// Member b of a batched vector laid out [item × B].
inline std::vector<double> member(const std::vector<double>& values, std::size_t batch, std::size_t b) {
  std::vector<double> out;
  for (std::size_t i = b; i < values.size(); i += batch) out.push_back(values[i]);
  return out;
}

/// Member b of `batched` holds the same bits as member `c` of `other` (traffic, queues and metrics).
inline void check_same(const State& batched, std::size_t b, const State& other, std::size_t c = 0) {
  const std::size_t x = batched.batch;
  const std::size_t y = other.batch;
  CHECK(member(batched.cell_veh, x, b) == member(other.cell_veh, y, c));
  CHECK(member(batched.cell_stopped_veh, x, b) == member(other.cell_stopped_veh, y, c));
  CHECK(member(batched.movement_veh, x, b) == member(other.movement_veh, y, c));
  CHECK(member(batched.link_bay_held_veh, x, b) == member(other.link_bay_held_veh, y, c));
  CHECK(member(batched.entry_waiting_veh, x, b) == member(other.entry_waiting_veh, y, c));
  CHECK(member(batched.movement_capacity_veh, x, b) == member(other.movement_capacity_veh, y, c));
  const Metrics& p = batched.metrics;
  const Metrics& q = other.metrics;
  CHECK(member(p.exit_link_delay_veh_s, x, b) == member(q.exit_link_delay_veh_s, y, c));
  CHECK(member(p.exit_link_stops, x, b) == member(q.exit_link_stops, y, c));
  CHECK(member(p.entry_delay_veh_s, x, b) == member(q.entry_delay_veh_s, y, c));
  CHECK(member(p.movement_stops, x, b) == member(q.movement_stops, y, c));
  CHECK(member(p.vehicle_m, x, b) == member(q.vehicle_m, y, c));
  CHECK(member(p.movement_delay_veh_s, x, b) == member(q.movement_delay_veh_s, y, c));
  CHECK(member(p.group_queue_histogram, x, b) == member(q.group_queue_histogram, y, c));
  CHECK(member(p.group_queue_sum_m, x, b) == member(q.group_queue_sum_m, y, c));
  CHECK(member(p.group_cycle_queue_veh, x, b) == member(q.group_cycle_queue_veh, y, c));
  CHECK(member(p.group_cycle_histogram, x, b) == member(q.group_cycle_histogram, y, c));
  CHECK(member(p.movement_departures_veh, x, b) == member(q.movement_departures_veh, y, c));
}

}  // namespace itsc::test

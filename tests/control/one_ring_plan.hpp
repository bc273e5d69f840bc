#pragma once
// A one-ring plan of three phases for the controller tests: 2 (movement A), 4 (B), 6 (C), a crosswalk
// "south" served by phase 4 (walk 7 s, clearance 10 s), cycle 90 s, offset 7 s; one detector per phase
// calling and extending it.
#include <itsc/controller.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace itsc::test {

inline Phase one_ring_phase(int number, const char* movement, double split) {
  Phase p;
  p.number = number;
  p.serves.protected_movements = {movement};
  p.split_s = split;
  p.min_green_s = 5;
  p.max1_s = split - 4;
  p.passage_s = 3;
  p.yellow_s = 3;
  p.red_clearance_s = 1;
  return p;
}

inline Timing one_ring_plan(const std::string& controller) {
  Timing timing;
  timing.cycle_s = 90;
  timing.offset_s = 7;
  timing.controller = controller;
  RingPlan rings;
  rings.phases = {one_ring_phase(2, "A", 40), one_ring_phase(4, "B", 30), one_ring_phase(6, "C", 20)};
  rings.phases[1].serves.crosswalks = {"south"};
  rings.phases[1].walk_s = 7;
  rings.phases[1].pedestrian_clearance_s = 10;
  rings.rings = {{{2, 4, 6}}};
  timing.rings = rings;
  return timing;
}

/// Its layout; max-pressure's saturation flows and storages are given too.
inline IntersectionLayout one_ring_layout() {
  IntersectionLayout l;
  l.movements = {"A", "B", "C"};
  l.crosswalks = {"south"};
  l.detectors = {"dA", "dB", "dC"};
  l.detector_calls = {{2}, {4}, {6}};
  l.detector_extends = {{2}, {4}, {6}};
  l.saturation_veh_per_s = {0.5, 0.5, 0.5};
  l.storage_veh = {40, 40, 40};
  l.receiving_storage_veh = {40, 40, 40};
  return l;
}

/// The columns of one member's observation of that layout: detector calls (read as counts and occupancy
/// too), the crosswalk's pedestrian call, queued and moving vehicles per movement, and feeds that leave
/// the network (one per movement, share 1, nothing on them).
struct OneRingObservation {
  std::vector<double> calls = std::vector<double>(3, 0.0);
  std::vector<double> pushed = std::vector<double>(1, 0.0);
  std::vector<double> queued = std::vector<double>(3, 0.0);
  std::vector<double> moving = std::vector<double>(3, 0.0);
  std::vector<std::uint32_t> feed_begin{0, 1, 2, 3};
  std::vector<double> feed_zero = std::vector<double>(3, 0.0);
  std::vector<double> feed_one = std::vector<double>(3, 1.0);

  [[nodiscard]] Observation view() const {
    Observation observation;
    observation.detector_call = calls;
    observation.detector_count = calls;
    observation.detector_occupancy = calls;
    observation.pedestrian_call = pushed;
    observation.queued_veh = queued;
    observation.moving_veh = moving;
    observation.feed_begin = feed_begin;
    observation.feed_queued_veh = feed_zero;
    observation.feed_moving_veh = feed_zero;
    observation.feed_proportion = feed_one;
    return observation;
  }
};

}  // namespace itsc::test

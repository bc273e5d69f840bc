#pragma once
// The isolated approach of scenario_builders.hpp with one detector on W_C calling phase 1, and the
// options that keep detectors up to date under fixed time (which reads none).

#include <itsc/simulate.hpp>

#include "sim/scenario_builders.hpp"

namespace itsc::test {

inline Scenario with_detector(const ApproachOptions& options, double setback_m, double length_m,
                              DetectorArrivals arrivals) {
  Scenario s = isolated_approach(options);
  s.simulation.detector_arrivals = arrivals;
  Detector d;
  d.id = "D";
  d.link = "W_C";
  d.setback_m = setback_m;
  d.length_m = length_m;
  d.calls = {1};
  s.network.detectors = {d};
  return s;
}

inline SimulateOptions detectors_on() {
  SimulateOptions options;
  options.detectors = true;
  return options;
}

}  // namespace itsc::test

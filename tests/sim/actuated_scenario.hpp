#pragma once
// The isolated approach of scenario_builders.hpp under actuated control: phase 2 serves EBT (W_C), phase
// 4 serves SBT (N_C), one ring; an advance detector on each approach calls and extends its phase.

#include <itsc/simulate.hpp>

#include "sim/scenario_builders.hpp"

namespace itsc::test {

struct ActuatedOptions {
  double approach_length_m = 100;
  double setback_m = 30;             ///< detector's downstream edge from the stop bar
  double detector_length_m = 1.8;
  double passage_s = 3;
  double min_green_s = 10;
  double max1_s = 60;
  Recall recall_4 = Recall::min;     ///< the cross street's recall (min: a conflicting call throughout)
  std::vector<double> flow_veh_per_h{1500};        ///< EBT arrivals per profile interval
  std::vector<double> cross_flow_veh_per_h{0};     ///< SBT arrivals per profile interval
  double interval_s = 3600;
  double dt_s = 1;
  double duration_s = 600;
  /// Even arrivals by default: the tests of the extension rule see the fluid's flow exactly.
  DetectorArrivals arrivals = DetectorArrivals::uniform;
};

inline Phase actuated_phase(int number, const char* movement, const ActuatedOptions& o) {
  Phase p;
  p.number = number;
  p.serves.protected_movements = {movement};
  p.split_s = 45;
  p.min_green_s = o.min_green_s;
  p.max1_s = o.max1_s;
  p.passage_s = o.passage_s;
  p.yellow_s = 3;
  p.red_clearance_s = 1;
  return p;
}

inline Scenario actuated_approach(const ActuatedOptions& o) {
  ApproachOptions a;
  a.approach_length_m = o.approach_length_m;
  a.dt_s = o.dt_s;
  a.duration_s = o.duration_s;
  Scenario s = isolated_approach(a);
  s.simulation.detector_arrivals = o.arrivals;
  s.demand.interval_s = o.interval_s;
  s.demand.entries = {EntryFlow{"W_C", o.flow_veh_per_h, 0}, EntryFlow{"N_C", o.cross_flow_veh_per_h, 0}};
  Timing timing;
  timing.cycle_s = 90;
  timing.controller = "actuated";
  RingPlan rings;
  rings.phases = {actuated_phase(2, "EBT", o), actuated_phase(4, "SBT", o)};
  rings.phases[1].recall = o.recall_4;
  rings.rings = {{{2, 4}}};
  timing.rings = rings;
  s.timing["C"] = timing;
  Detector w;
  w.id = "D_W";
  w.link = "W_C";
  w.setback_m = o.setback_m;
  w.length_m = o.detector_length_m;
  w.calls = {2};
  w.extends = {2};
  Detector n = w;
  n.id = "D_N";
  n.link = "N_C";
  n.calls = {4};
  n.extends = {4};
  s.network.detectors = {w, n};
  return s;
}

/// Times (s) at the start of the steps in which `movement` turns to `shown` (from something else): a
/// step's indication is the one in force in its last tenth, so a change at a step boundary is at its start.
inline std::vector<double> onsets(const Scenario& scenario, const std::string& movement, Indication shown,
                                  double until_s) {
  Simulation sim(scenario);
  const auto m = sim.model().find_movement(sim.model().find_node("C"), movement);
  std::vector<double> times;
  Indication before = Indication::red;
  while (sim.time_s() < until_s - 1e-9) {
    sim.step();
    const Indication now = sim.state().indication[m];
    if (now == shown && before != shown) times.push_back(sim.time_s() - sim.model().dt_s);
    before = now;
  }
  return times;
}

}  // namespace itsc::test

#pragma once
// Scenarios for the approach-detail tests: a four-leg intersection "C" at the origin with boundary
// nodes W, E, N, S (coordinates, so bearings and opposing approaches are known), links "W_C", "C_W",
// ..., and helpers to add movements, lane groups, entry flows and stages; and per-step flow probes.

#include <itsc/scenario.hpp>
#include <itsc/simulate.hpp>

#include <string>
#include <vector>

namespace itsc::test {

/// A scenario under construction with the lanes and length of the links it creates.
struct FourLeg {
  Scenario s;
  int lanes = 1;
  double length_m = 600;
};

/// The link "W_C" (toward C) or "C_W" (away from C), created on first use.
inline void ensure_link(FourLeg& x, const std::string& id) {
  for (const Link& link : x.s.network.links) {
    if (link.id == id) return;
  }
  const bool toward = id.back() == 'C';
  const std::string arm = toward ? id.substr(0, id.size() - 2) : id.substr(2);
  Link link;
  link.id = id;
  link.from = toward ? arm : "C";
  link.to = toward ? "C" : arm;
  link.lanes = x.lanes;
  link.length_m = x.length_m;
  x.s.network.links.push_back(link);
}

/// A four-leg intersection with no movements yet; links are created as movements use them. Travel toward C: "W_C" is eastbound (EB), "E_C"
/// westbound (WB), "S_C" northbound (NB), "N_C" southbound (SB).
inline FourLeg four_leg(NodeControl control, double length_m = 600, int lanes = 1, double dt_s = 1) {
  Scenario s;
  s.name = "four-leg intersection";
  s.simulation.dt_s = dt_s;
  s.simulation.warmup_s = 900;
  s.simulation.duration_s = 900 + 3600;
  Node c;
  c.id = "C";
  c.control = control;
  c.x_m = 0;
  c.y_m = 0;
  s.network.nodes.push_back(c);
  const struct {
    const char* id;
    double x, y;
  } arms[] = {{"W", -length_m, 0}, {"E", length_m, 0}, {"N", 0, length_m}, {"S", 0, -length_m}};
  for (const auto& arm : arms) {
    Node boundary;
    boundary.id = arm.id;
    boundary.control = NodeControl::boundary;
    boundary.x_m = arm.x;
    boundary.y_m = arm.y;
    s.network.nodes.push_back(boundary);
  }
  return {s, lanes, length_m};
}

inline Node& node_c(Scenario& s) { return s.network.nodes.front(); }

/// Adds a movement and, when `lanes` > 0, an exclusive lane group of that many lanes for it.
inline void add_movement(FourLeg& x, const std::string& id, const std::string& from, const std::string& to, TurnType turn,
                         int lanes = 1, double bay_length_m = 0) {
  ensure_link(x, from);
  ensure_link(x, to);
  Scenario& s = x.s;
  Movement movement;
  movement.id = id;
  movement.from_link = from;
  movement.to_link = to;
  movement.turn = turn;
  node_c(s).movements.push_back(movement);
  if (lanes > 0) node_c(s).lane_groups.push_back(LaneGroup{id, from, {id}, lanes, bay_length_m});
}

/// Entry flow (veh/h) on a boundary link.
inline void add_flow(Scenario& s, const std::string& link, double veh_per_h) {
  s.demand.entries.push_back(EntryFlow{link, {veh_per_h}, 0});
}

/// A stage of the plan of C.
inline Stage stage(std::vector<std::string> protected_ids, std::vector<std::string> permitted_ids, double green_s,
                   double yellow_s = 3, double red_s = 1) {
  Stage st;
  st.serves.protected_movements = std::move(protected_ids);
  st.serves.permitted_movements = std::move(permitted_ids);
  st.green_s = green_s;
  st.yellow_s = yellow_s;
  st.red_clearance_s = red_s;
  return st;
}

inline void set_plan(Scenario& s, std::vector<Stage> stages) {
  Timing timing;
  timing.cycle_s = 0;
  for (const Stage& st : stages) timing.cycle_s += st.split_s();
  timing.stages = std::move(stages);
  s.timing["C"] = timing;
}

/// Per-step departures of one movement of member 0: call `before()` then `after()` around a step.
struct FlowProbe {
  const Simulation& sim;
  std::size_t movement;
  double last = 0;
  FlowProbe(const Simulation& simulation, const std::string& id)
      : sim(simulation), movement(simulation.model().find_movement(0, id)) {}
  /// Departures over the stop line since the previous call (veh).
  double take() {
    const double now = sim.state().metrics.movement_departures_veh[movement * sim.batch_size()];
    const double flow = now - last;
    last = now;
    return flow;
  }
};

}  // namespace itsc::test

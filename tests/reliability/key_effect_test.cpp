// No dead keys: every numeric key of the key table that can change the traffic is shown to change a
// result, each by one probe that changes it alone on a bundled scenario; the few that cannot (ids,
// versions, what only an export reads, what only the controller API selects) say so in their
// description. A key accepted and ignored would be a silent wrong answer; a new numeric key fails
// here until it has its probe.
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "io/key_table.hpp"

using namespace itsc;

namespace {

enum class Base { stages, rings };

std::string isolated_text() {
  std::ifstream in(ITSC_SOURCE_DIR "/data/isolated.yaml");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

// data/isolated.yaml under a free (uncoordinated) actuated dual-ring plan: the side street's phases 4
// (pedestrian intervals) and 8 (volume-density, no crosswalk, its clearances and phase 2's pedestrian
// intervals from the legs' geometry) gap out.
std::string ring_text() {
  std::string text = isolated_text();
  text.erase(text.find("\ntiming:"));
  replace(text, "{id: D_EBT, link: W_C, setback_m: 40, length_m: 1.8, calls: [2], extends: [2]}",
          "{id: D_EBT, link: W_C, setback_m: 40, length_m: 1.8, calls: [6], extends: [6]}");
  replace(text, "calls: [1], extends: [1], delay_s: 3}\n  - {id: D_WBL", "calls: [1], extends: [1], delay_s: 3}\n  - {id: D_WBL");
  replace(text, "{id: D_WBL, link: E_C, lanes: [1], setback_m: 0, length_m: 12, calls: [1], extends: [1], delay_s: 3}",
          "{id: D_WBL, link: E_C, lanes: [1], setback_m: 0, length_m: 12, calls: [5], extends: [5], delay_s: 3}");
  replace(text, "{id: D_NB, link: S_C, setback_m: 0, length_m: 12, calls: [3], extends: [3]}",
          "{id: D_NB, link: S_C, setback_m: 0, length_m: 12, calls: [4], extends: [4]}");
  replace(text, "{id: D_SB, link: N_C, setback_m: 0, length_m: 12, calls: [3], extends: [3]}",
          "{id: D_SB, link: N_C, setback_m: 0, length_m: 12, calls: [8], extends: [8]}");
  text += R"(
timing:
  C:
    cycle_s: 100
    controller: actuated
    sequence:
      rings: [[[1, 2], [4]], [[5, 6], [8]]]
      phases:
        - {phase: 1, protected: [EBL], split_s: 15, min_green_s: 5, max1_s: 11, passage_s: 2, yellow_s: 3, red_clearance_s: 1}
        - {phase: 2, protected: [WBT, WBR], crosswalks: [north, south], split_s: 45, min_green_s: 10, max1_s: 40,
           passage_s: 3, yellow_s: 4, red_clearance_s: 1.5}
        - {phase: 5, protected: [WBL], split_s: 15, min_green_s: 5, max1_s: 11, passage_s: 2, yellow_s: 3, red_clearance_s: 1}
        - {phase: 6, protected: [EBT, EBR], split_s: 45, min_green_s: 10, max1_s: 40, passage_s: 3, yellow_s: 4,
           red_clearance_s: 1.5}
        - {phase: 4, protected: [NBT, NBR], permitted: [NBL], crosswalks: [east, west], split_s: 40, min_green_s: 8,
           max1_s: 35, passage_s: 3, yellow_s: 3.5, red_clearance_s: 1.5, walk_s: 7, pedestrian_clearance_s: 12}
        - {phase: 8, protected: [SBT, SBR], permitted: [SBL], split_s: 40, min_green_s: 8, max1_s: 35, passage_s: 3,
           added_initial_s: 1.5, time_before_reduction_s: 10, time_to_reduce_s: 10, minimum_gap_s: 1}
)";
  return text;
}

Scenario base_scenario(Base base) {
  static const Scenario stages = load_scenario_string(isolated_text(), "isolated.yaml").scenario;
  static const Scenario rings = load_scenario_string(ring_text(), "isolated-rings.yaml").scenario;
  return base == Base::stages ? stages : rings;
}

// Every number of a run's report that the traffic decides.
std::vector<double> fingerprint(const SimulationResult& r) {
  std::vector<double> out{r.vehicles_entered,  r.vehicles_exited,        r.vehicles_waiting, r.total_delay_veh_h,
                          r.total_stops,       r.average_travel_time_s,  r.vehicle_km,       r.throughput_veh_per_h};
  for (const IntersectionResult& i : r.intersections) {
    out.push_back(i.critical_v_c);
    for (const LaneGroupResult& g : i.lane_groups) {
      for (const double v : {g.volume_veh_per_h, g.saturation_flow_veh_per_h, g.capacity_veh_per_h, g.delay_s_per_veh,
                             g.overflow_delay_s_per_veh, g.stops, g.queue_max_m, g.departures_veh}) {
        out.push_back(v);
      }
    }
  }
  return out;
}

std::vector<double> run(const Scenario& scenario, const std::string& controller) {
  SimulateOptions options;
  options.controller = controller;
  return fingerprint(simulate(scenario, options));
}

using Change = std::function<void(Scenario&)>;

struct Probe {
  std::string section;
  std::string key;
  Base base;
  std::string controller;  // "" : the scenario's
  Change change;           // sets the key, and only what it cannot be set without
  Change prepare = {};     // applied to both runs: what the key needs to matter
};

Node& node(Scenario& s, const std::string& id) { return *const_cast<Node*>(s.network.find_node(id)); }
Node& c(Scenario& s) { return node(s, "C"); }
Link& link(Scenario& s, const std::string& id) { return *const_cast<Link*>(s.network.find_link(id)); }
Leg& leg(Scenario& s, const std::string& id) {
  for (Leg& l : c(s).legs) {
    if (l.id == id) return l;
  }
  FAIL("no leg " << id);
  throw;
}
LaneGroup& group(Scenario& s, const std::string& id) {
  for (LaneGroup& g : c(s).lane_groups) {
    if (g.id == id) return g;
  }
  FAIL("no lane group " << id);
  throw;
}
Detector& detector(Scenario& s, const std::string& id) {
  for (Detector& d : s.network.detectors) {
    if (d.id == id) return d;
  }
  FAIL("no detector " << id);
  throw;
}
Timing& timing(Scenario& s) { return s.timing.at("C"); }
Phase& phase(Scenario& s, int number) {
  for (Phase& p : timing(s).rings->phases) {
    if (p.number == number) return p;
  }
  FAIL("no phase " << number);
  throw;
}
// The west arm starts at an uncontrolled junction W fed from a boundary W0 further west: W_C is then a
// link inside the network, on which trips can start and end.
void street_beyond_west(Scenario& s) {
  node(s, "W").control = NodeControl::uncontrolled;
  node(s, "W").movements = {Movement{"in", "W0_W", "W_C", TurnType::through, std::nullopt},
                            Movement{"out", "C_W", "W_W0", TurnType::through, std::nullopt}};
  Node beyond;
  beyond.id = "W0";
  beyond.control = NodeControl::boundary;
  beyond.x_m = -800;
  beyond.y_m = 0;
  s.network.nodes.push_back(beyond);
  s.network.links.push_back(Link{"W0_W", "W0", "W", 400, 2, 50, 1900, 7.5});
  s.network.links.push_back(Link{"W_W0", "W", "W0", 400, 2, 50, 1900, 7.5});
  for (EntryFlow& entry : s.demand.entries) {
    if (entry.link == "W_C") entry.link = "W0_W";
  }
}

// Moves green from the last stage to `first` so that the cycle still adds up.
void shift_green(Scenario& s, double seconds) { timing(s).stages.back().green_s -= seconds; }

std::vector<Probe> probes() {
  const std::string fixed = "fixed";
  const std::string actuated = "actuated";
  return {
      {"simulation", "dt_s", Base::stages, fixed, [](Scenario& s) { s.simulation.dt_s = 0.5; }},
      {"simulation", "duration_s", Base::stages, fixed, [](Scenario& s) { s.simulation.duration_s = 3000; }},
      {"simulation", "warmup_s", Base::stages, fixed, [](Scenario& s) { s.simulation.warmup_s = 600; }},
      {"simulation", "analysis_period_h", Base::stages, fixed, [](Scenario& s) { s.simulation.analysis_period_h = 0.5; }},
      {"simulation", "sneakers_per_cycle", Base::stages, fixed, [](Scenario& s) { s.simulation.sneakers_per_cycle = 1; }},
      {"simulation", "startup_lost_time_s", Base::stages, fixed, [](Scenario& s) { s.simulation.startup_lost_time_s = 3; }},
      {"simulation", "usable_yellow_s", Base::stages, fixed, [](Scenario& s) { s.simulation.usable_yellow_s = 3; }},
      {"simulation", "seed", Base::stages, actuated, [](Scenario& s) { s.simulation.seed = 7; }},
      // Coordinates and bearings give the legs' directions: which approach opposes a left.
      {"nodes[]", "x_m", Base::stages, fixed, [](Scenario& s) { node(s, "E").x_m = -10; }},
      {"nodes[]", "y_m", Base::stages, fixed, [](Scenario& s) { node(s, "E").y_m = 500; }},
      {"nodes[].legs[]", "bearing_deg", Base::stages, fixed, [](Scenario& s) { leg(s, "east").bearing_deg = 200; }},
      {"nodes[].legs[]", "crosswalk_length_m", Base::rings, actuated, [](Scenario& s) { leg(s, "north").crosswalk_length_m = 30; }},
      {"nodes[].legs[]", "grade_percent", Base::stages, fixed, [](Scenario& s) { leg(s, "west").grade_percent = 4; }},
      {"nodes[].legs[]", "approach_speed_kmh", Base::rings, fixed, [](Scenario& s) { leg(s, "north").approach_speed_kmh = 80; }},
      {"nodes[].legs[]", "width_m", Base::rings, fixed, [](Scenario& s) { leg(s, "north").width_m = 40; }},
      {"nodes[].movements[]", "saturation_flow_veh_per_h_per_lane", Base::stages, fixed,
       [](Scenario& s) { c(s).movements[1].saturation_flow_veh_per_h_per_lane = 1700; }},
      {"nodes[].lane_groups[]", "lanes", Base::stages, fixed, [](Scenario& s) { group(s, "EB_TR").lanes = 1; }},
      {"nodes[].lane_groups[]", "bay_length_m", Base::stages, fixed, [](Scenario& s) { group(s, "EB_L").bay_length_m = 7.5; }},
      {"nodes[].lane_groups[]", "lane_width_m", Base::stages, fixed, [](Scenario& s) { group(s, "EB_TR").lane_width_m = 3.0; }},
      {"nodes[].lane_groups[]", "parking_maneuvers_per_h", Base::stages, fixed,
       [](Scenario& s) { group(s, "EB_TR").parking_maneuvers_per_h = 30; }},
      {"nodes[].lane_groups[]", "buses_stopping_per_h", Base::stages, fixed,
       [](Scenario& s) { group(s, "EB_TR").buses_stopping_per_h = 20; }},
      {"nodes[].lane_groups[]", "lane_utilization_factor", Base::stages, fixed,
       [](Scenario& s) { group(s, "EB_TR").lane_utilization_factor = 0.8; }},
      {"links[]", "length_m", Base::stages, fixed, [](Scenario& s) { link(s, "W_C").length_m = 600; }},
      {"links[]", "lanes", Base::stages, fixed, [](Scenario& s) { link(s, "C_E").lanes = 1; }},
      {"links[]", "speed_kmh", Base::stages, fixed, [](Scenario& s) { link(s, "W_C").speed_kmh = 40; }},
      {"links[]", "saturation_flow_veh_per_h_per_lane", Base::stages, fixed,
       [](Scenario& s) { link(s, "W_C").saturation_flow_veh_per_h_per_lane = 1700; }},
      {"links[]", "jam_spacing_m", Base::stages, fixed, [](Scenario& s) { link(s, "W_C").jam_spacing_m = 9; }},
      {"detectors[]", "lanes", Base::stages, actuated, [](Scenario& s) { detector(s, "D_EBL").lanes = {1, 2}; }},
      {"detectors[]", "setback_m", Base::stages, actuated, [](Scenario& s) { detector(s, "D_EBT").setback_m = 80; }},
      {"detectors[]", "length_m", Base::rings, actuated, [](Scenario& s) { detector(s, "D_SB").length_m = 40; }},
      {"detectors[]", "calls", Base::rings, actuated, [](Scenario& s) { detector(s, "D_SB").calls = {}; }},
      {"detectors[]", "extends", Base::rings, actuated, [](Scenario& s) { detector(s, "D_SB").extends = {}; }},
      {"detectors[]", "delay_s", Base::rings, actuated, [](Scenario& s) { detector(s, "D_SB").delay_s = 30; }},
      {"detectors[]", "extend_s", Base::rings, actuated, [](Scenario& s) { detector(s, "D_SB").extend_s = 2; }},
      {"demand", "interval_s", Base::stages, fixed, [](Scenario& s) { s.demand.interval_s = 1200; },
       [](Scenario& s) {
         s.demand.peak_hour_factor.reset();
         s.demand.interval_s = 1800;
         s.demand.entries[0].flow_veh_per_h = {700, 1000};
       }},
      {"demand", "peak_hour_factor", Base::stages, fixed, [](Scenario& s) { s.demand.peak_hour_factor = 0.85; }},
      {"demand.entries[]", "flow_veh_per_h", Base::stages, fixed, [](Scenario& s) { s.demand.entries[0].flow_veh_per_h = {990}; }},  // its counts give the turning shares
      {"demand.entries[]", "heavy_vehicle_percent", Base::stages, fixed,
       [](Scenario& s) { s.demand.entries[0].heavy_vehicle_percent = 15; }},
      {"demand.sources[]", "flow_veh_per_h", Base::stages, fixed, [](Scenario& s) { s.demand.sources[0].flow_veh_per_h = {300}; },
       [](Scenario& s) {
         street_beyond_west(s);
         s.demand.sources = {EntryFlow{"W_C", {100}, 0}};
       }},
      {"demand.sources[]", "heavy_vehicle_percent", Base::stages, fixed,
       [](Scenario& s) { s.demand.sources[0].heavy_vehicle_percent = 30; },
       [](Scenario& s) {
         street_beyond_west(s);
         s.demand.sources = {EntryFlow{"W_C", {200}, 0}};
       }},
      {"demand.sinks[]", "share", Base::stages, fixed, [](Scenario& s) { s.demand.sinks[0].share = {0.3}; },
       [](Scenario& s) {
         street_beyond_west(s);
         s.demand.sinks = {TripEnds{"W_C", {0.1}}};
       }},
      {"demand.pedestrians[]", "flow_ped_per_h", Base::rings, actuated,
       [](Scenario& s) {  // no one crosses the arterial: phase 4 is no longer called for pedestrians
         s.demand.pedestrians[2].flow_ped_per_h = 0;
         s.demand.pedestrians[3].flow_ped_per_h = 0;
       }},
      {"demand.pedestrians[]", "flow_bic_per_h", Base::stages, fixed,
       [](Scenario& s) { for (auto& p : s.demand.pedestrians) p.flow_bic_per_h = 300; }},  // beside the rights
      {"timing.<node>", "cycle_s", Base::stages, fixed, [](Scenario& s) {
         timing(s).cycle_s += 10;
         shift_green(s, -10);
       }},
      {"timing.<node>", "offset_s", Base::stages, fixed, [](Scenario& s) { timing(s).offset_s = 30; }},
      {"timing.<node>.max_pressure", "decision_interval_s", Base::stages, "max-pressure",
       [](Scenario& s) { timing(s).max_pressure.decision_interval_s = 10; }},
      {"timing.<node>.max_pressure", "min_green_s", Base::stages, "max-pressure",
       [](Scenario& s) { timing(s).max_pressure.min_green_s = 9; }},
      {"timing.<node>.max_pressure", "max_green_s", Base::stages, "max-pressure-cycle",
       [](Scenario& s) { timing(s).max_pressure.max_green_s = 20; }},
      {"timing.<node>.sequence", "coordinated_phases", Base::rings, actuated,
       [](Scenario& s) { timing(s).rings->coordinated_phases = {2, 6}; }},
      {"timing.<node>.sequence.stages[]", "green_s", Base::stages, fixed, [](Scenario& s) {
         timing(s).stages[0].green_s += 4;
         shift_green(s, 4);
       }},
      {"timing.<node>.sequence.stages[]", "yellow_s", Base::stages, fixed, [](Scenario& s) {
         timing(s).stages[0].yellow_s += 1;
         shift_green(s, 1);
       }},
      {"timing.<node>.sequence.stages[]", "red_clearance_s", Base::stages, fixed, [](Scenario& s) {
         timing(s).stages[0].red_clearance_s += 1;
         shift_green(s, 1);
       }},
      {"timing.<node>.sequence.phases[]", "split_s", Base::rings, fixed, [](Scenario& s) {
         phase(s, 1).split_s += 4;
         phase(s, 2).split_s -= 4;
       }},
      {"timing.<node>.sequence.phases[]", "min_green_s", Base::rings, actuated, [](Scenario& s) { phase(s, 4).min_green_s = 25; }},
      {"timing.<node>.sequence.phases[]", "max1_s", Base::rings, actuated, [](Scenario& s) { phase(s, 8).max1_s = 12; }},
      {"timing.<node>.sequence.phases[]", "passage_s", Base::rings, actuated, [](Scenario& s) { phase(s, 4).passage_s = 6; }},
      {"timing.<node>.sequence.phases[]", "yellow_s", Base::rings, fixed, [](Scenario& s) { phase(s, 1).yellow_s = 4; }},
      {"timing.<node>.sequence.phases[]", "red_clearance_s", Base::rings, fixed, [](Scenario& s) { phase(s, 1).red_clearance_s = 2; }},
      {"timing.<node>.sequence.phases[]", "walk_s", Base::rings, actuated, [](Scenario& s) { phase(s, 4).walk_s = 25; }},
      {"timing.<node>.sequence.phases[]", "pedestrian_clearance_s", Base::rings, actuated,
       [](Scenario& s) { phase(s, 4).pedestrian_clearance_s = 25; }},
      {"timing.<node>.sequence.phases[]", "added_initial_s", Base::rings, actuated, [](Scenario& s) { phase(s, 8).added_initial_s = 10; },
       [](Scenario& s) {  // an advance detector counts the arrivals on red (a stop-bar one sees none cross)
         detector(s, "D_SB").setback_m = 60;
         detector(s, "D_SB").length_m = 1.8;
       }},
      {"timing.<node>.sequence.phases[]", "time_before_reduction_s", Base::rings, actuated,
       [](Scenario& s) { phase(s, 8).time_before_reduction_s = 2; }},
      {"timing.<node>.sequence.phases[]", "time_to_reduce_s", Base::rings, actuated,
       [](Scenario& s) { phase(s, 8).time_to_reduce_s = 2; }},
      {"timing.<node>.sequence.phases[]", "minimum_gap_s", Base::rings, actuated, [](Scenario& s) { phase(s, 8).minimum_gap_s = 0.5; }},
      {"timing.<node>.sequence.overlaps[]", "parents", Base::rings, fixed,
       [](Scenario& s) { timing(s).rings->overlaps[0].parents = {2, 4}; },
       [](Scenario& s) {  // the westbound right as an overlap of the westbound through
         Phase& two = phase(s, 2);
         two.serves.protected_movements = {"WBT"};
         timing(s).rings->overlaps.push_back(Overlap{"A", {2}, Service{{"WBR"}, {}, {}}});
       }},
  };
}

bool numeric(detail::KeyType type) {
  using enum detail::KeyType;
  return type == integer || type == number || type == number_or_list || type == integer_list;
}

}  // namespace

TEST_CASE("key effect: every numeric key that can change the traffic has a probe, the others say they cannot") {
  std::set<std::pair<std::string, std::string>> probed;
  for (const Probe& probe : probes()) probed.emplace(probe.section, probe.key);
  for (const detail::Section* section : detail::all_sections()) {
    for (const detail::KeySpec& key : section->keys) {
      if (!numeric(key.type)) continue;
      const std::pair<std::string, std::string> id{std::string(section->name), std::string(key.name)};
      CAPTURE(id.first);
      CAPTURE(id.second);
      const bool informational = key.description.find("(informational") != std::string_view::npos;
      CHECK(probed.count(id) + (informational ? 1 : 0) == 1);
    }
  }
}

TEST_CASE("key effect: each probe changes a result of the run") {
  for (const Probe& probe : probes()) {
    CAPTURE(probe.section);
    CAPTURE(probe.key);
    Scenario before = base_scenario(probe.base);
    if (probe.prepare) probe.prepare(before);
    Scenario after = before;
    probe.change(after);
    REQUIRE(after != before);
    CHECK(run(after, probe.controller) != run(before, probe.controller));
  }
}

// Saving: shortest numbers, deterministic text, and load(save(s)) == s.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "io/key_table.hpp"
#include "io/readers.hpp"
#include "io/yaml_tree.hpp"
#include "itsc/io.hpp"

using namespace itsc;

namespace {

// Every key of the table at least once, values away from their defaults, both sequence forms.
constexpr std::string_view kEveryKey = R"(schema_version: 1
name: 'Every key: "quoted" # and more'
simulation: {dt_s: 0.5, duration_s: 1800, warmup_s: 600, analysis_period_h: 0.5, start_time: "07:30:15", sneakers_per_cycle: 1.5,
             startup_lost_time_s: 2.5, usable_yellow_s: 1.5, detector_arrivals: uniform, seed: 7}
nodes:
  - id: "1"
    control: boundary
    x_m: 0.15
    y_m: -2.5e-3
  - id: "yes"
    control: signalized
    x_m: 100
    y_m: 0
    legs:
      - {id: w, in: L, out: M, bearing_deg: 270, crosswalk_length_m: 12.5, grade_percent: 2, approach_speed_kmh: 45, width_m: 15}
    movements:
      - {id: WBU, from: L, to: M, turn: u_turn, saturation_flow_veh_per_h_per_lane: 1700, right_turn_on_red: true, closed: true}
      - {id: X, from: L, to: M, turn: right}
    lane_groups:
      - {id: G, link: L, movements: [WBU, X], lanes: 2, bay_length_m: 30, lane_width_m: 3.3, parking_maneuvers_per_h: 20,
         buses_stopping_per_h: 12, lane_utilization_factor: 0.9}
    area_type: cbd
  - {id: S, control: signalized}
  - {id: U, control: two_way_stop, major_links: [L]}
links:
  - {id: L, from: "1", to: "yes", length_m: 250.25, lanes: 3, speed_kmh: 60, saturation_flow_veh_per_h_per_lane: 1800, jam_spacing_m: 8}
  - {id: M, from: "yes", to: "1", length_m: 250.25}
detectors:
  - {id: D, link: L, lanes: [1, 2], setback_m: 35, length_m: 2, calls: [2], extends: [2, 6], delay_s: 1.5, extend_s: 0.7}
demand:
  interval_s: 900
  normalize_turns: true
  balance: counts
  entries:
    - {link: L, flow_veh_per_h: [100.5, 200, 0.1], heavy_vehicle_percent: 4}
  sources:
    - {link: M, flow_veh_per_h: [10, 20, 30], heavy_vehicle_percent: 2}
  sinks:
    - {link: L, share: [0.1, 0.2, 0.25], at_stop_line: true}
  turns:
    - {node: "yes", link: L, counts: {WBU: 5, X: [95, 100]}}
    - {node: "yes", link: M, proportions: {X: 1}}
  pedestrians:
    - {node: "yes", leg: w, flow_ped_per_h: 33, flow_bic_per_h: 12}
demand_scenarios:
  next_year:
    entries:
      - {link: L, flow_veh_per_h: 120}
    turns:
      - {node: "yes", link: M, proportions: {X: 1}}
timing:
  "yes":
    cycle_s: 60
    offset_s: 12.5
    controller: actuated
    sequence:
      stages:
        - {protected: [X], permitted: [WBU], crosswalks: [w], green_s: 30, yellow_s: 3, red_clearance_s: 2}
        - {protected: [WBU], green_s: 20, yellow_s: 3}
  S:
    cycle_s: 100
    offset_s: 3
    sequence:
      rings: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
      phases:
        - phase: 2
          protected: [X]
          permitted: [WBU]
          crosswalks: [w]
          split_s: 30
          min_green_s: 5
          max1_s: 40
          max2_s: 50
          passage_s: 2.5
          yellow_s: 4
          red_clearance_s: 1.5
          walk_s: 7
          pedestrian_clearance_s: 12
          recall: soft
          dual_entry: true
          simultaneous_gap_out: true
          rest_in_walk: true
          added_initial_s: 1.5
          time_before_reduction_s: 10
          time_to_reduce_s: 20
          minimum_gap_s: 1
        - {phase: 4, split_s: 20}
      coordinated_phases: [2, 6]
      force_off: floating
      overlaps: [{id: A, parents: [1, 2], protected: [X], permitted: [WBU], crosswalks: [w]}]
)";

// The keys kEveryKey cannot hold beside its own (a PHF needs a one-interval profile): max-pressure,
// the offset reference, time-of-day patterns and the SUMO section.
constexpr std::string_view kOtherKeys = R"(schema_version: 1
nodes:
  - {id: A, control: boundary}
  - id: C
    control: signalized
    movements: [{id: X, from: L, to: M, turn: through}]
links:
  - {id: L, from: A, to: C, length_m: 100}
  - {id: M, from: C, to: A, length_m: 100}
demand:
  interval_s: 900
  unit: veh_per_interval
  peak_hour_factor: 0.9
  entries: [{link: L, flow_veh_per_h: 300}]
timing:
  C:
    cycle_s: 60
    offset_s: 5
    offset_reference: yield
    controller: max-pressure
    max_pressure: {decision_interval_s: 4, normalization: storage, min_green_s: 6, max_green_s: 50}
    sequence: {stages: [{protected: [X], green_s: 25, yellow_s: 3}, {protected: [], green_s: 25, yellow_s: 3}]}
patterns:
  am:
    timing:
      C: {cycle_s: 80, sequence: {stages: [{protected: [X], green_s: 45, yellow_s: 3}, {protected: [], green_s: 25, yellow_s: 3}]}}
schedule:
  - {at: "07:00", pattern: am, transition: dwell}
sumo:
  begin_s: 3600
  signals:
    - {node: C, tls: C0, link_count: 2, link_indices: {X: [0, 1]}, foes: {X: []}}
utdf:
  metric: true
  signals:
    - {node: C, referenced_to: 1, control_type: 3}
)";

// The section a map at `path` is read as (the table's names: "nodes[].legs[]", "timing.<node>", ...);
// a pattern's timing is a timing map.
std::string section_name(const std::string& path) {
  if (path.empty()) return "(top level)";
  const std::string pattern_timing = "patterns.<name>.timing.";
  if (path.rfind(pattern_timing, 0) == 0) return "timing." + path.substr(pattern_timing.size());
  return path;
}

// Records every key of every map in `node` under its section's name.
void collect_keys(const detail::YamlNode& node, const std::string& path, std::map<std::string, std::set<std::string>>& seen) {
  if (node.kind == detail::YamlNode::Kind::sequence) {
    for (const auto& item : node.items) collect_keys(*item, path + "[]", seen);
  } else if (node.kind == detail::YamlNode::Kind::map) {
    const bool named_children = path == "timing" || path == "patterns" || path == "patterns.<name>.timing";
    for (const auto& [key, value] : node.pairs) {
      seen[section_name(path)].insert(key->value);
      const std::string child = named_children ? path + (path == "patterns" ? ".<name>" : ".<node>")
                                               : (path.empty() ? key->value : path + "." + key->value);
      collect_keys(*value, child, seen);
    }
  }
}

// The keys written when `yaml` is loaded and saved again, which must read back equal.
std::map<std::string, std::set<std::string>> saved_keys(std::string_view yaml) {
  const Scenario original = detail::read_scenario_document(yaml, "keys.yaml").scenario;
  const std::string text = save_scenario_string(original);
  INFO(text);
  CHECK(detail::read_scenario_document(text, "saved.yaml").scenario == original);
  std::vector<Diagnostic> diagnostics;
  const detail::YamlNodePtr tree = detail::parse_yaml(text, "saved.yaml", diagnostics);
  REQUIRE(tree != nullptr);
  std::map<std::string, std::set<std::string>> seen;
  collect_keys(*tree, "", seen);
  return seen;
}

}  // namespace

TEST_CASE("save: numbers come out in their shortest round-trip form") {
  Scenario s;
  s.network.links.push_back({"L", "A", "B", 0.15, 1, 0.1 + 0.2, 1900, 7.5});
  const std::string text = save_scenario_string(s);
  CHECK(text.find("length_m: 0.15") != std::string::npos);
  CHECK(text.find("speed_kmh: 0.30000000000000004") != std::string::npos);
  CHECK(text.find("0.1499999") == std::string::npos);
}

TEST_CASE("save: data/isolated.yaml round-trips and saves deterministically") {
  const Scenario original = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/isolated.yaml").scenario;
  const std::string text = save_scenario_string(original);
  const Scenario reloaded = load_scenario_string(text, "saved.yaml").scenario;
  CHECK(reloaded == original);
  CHECK(save_scenario_string(reloaded) == text);
  // Leaves stay on one line, as isolated.yaml writes them.
  CHECK(text.find("  - {id: W_C, from: W, to: C, length_m: 400, lanes: 2}\n") != std::string::npos);
  CHECK(text.find("      - {id: EBL, from: W_C, to: C_N, turn: left}\n") != std::string::npos);
}

TEST_CASE("save: a scenario with every key, both timing forms and quoted strings round-trips") {
  // The format alone: this document exercises every key, not a network that makes sense.
  const Scenario original = detail::read_scenario_document(kEveryKey, "every.yaml").scenario;
  REQUIRE(original.network.nodes.size() == 4);
  CHECK(original.name == "Every key: \"quoted\" # and more");
  CHECK(original.simulation.start_time_s == 7 * 3600 + 30 * 60 + 15);
  CHECK(original.timing.at("S").rings->phases[0].minimum_gap_s == 1);
  CHECK(original.simulation.sneakers_per_cycle == 1.5);
  CHECK(original.simulation.startup_lost_time_s == 2.5);
  CHECK(original.simulation.usable_yellow_s == 1.5);
  CHECK(original.simulation.detector_arrivals == DetectorArrivals::uniform);
  CHECK(original.simulation.seed == 7);
  CHECK(original.network.nodes[3].major_links == std::vector<std::string>{"L"});
  const std::string text = save_scenario_string(original);
  INFO(text);
  const Scenario reloaded = detail::read_scenario_document(text, "saved.yaml").scenario;
  CHECK(reloaded == original);
  CHECK(save_scenario_string(reloaded) == text);
  CHECK(text.find("id: \"1\"") != std::string::npos);
  CHECK(text.find("\"yes\":") != std::string::npos);
}

TEST_CASE("save: a scenario built in code with defaults only round-trips") {
  Scenario s;
  s.network.nodes.push_back({"A", NodeControl::boundary, std::nullopt, std::nullopt, {}, {}, {}});
  s.network.nodes.push_back({"B", NodeControl::boundary, std::nullopt, std::nullopt, {}, {}, {}});
  s.network.links.push_back({"L", "A", "B", 100, 1, 50, 1900, 7.5});
  CHECK(load_scenario_string(save_scenario_string(s)).scenario == s);
}

TEST_CASE("save: every key of the table is written and read back equal, and nothing outside the table is written") {
  std::map<std::string, std::set<std::string>> seen = saved_keys(kEveryKey);
  for (auto& [section, keys] : saved_keys(kOtherKeys)) seen[section].merge(keys);
  std::set<std::string> known_sections;
  for (const detail::Section* section : detail::all_sections()) {
    known_sections.insert(std::string(section->name));
    if (section == &detail::sections::plan) continue;  // plan files: tests/io/plan_test.cpp
    for (const detail::KeySpec& key : section->keys) {
      CAPTURE(section->name);
      CAPTURE(key.name);
      CHECK(seen[std::string(section->name)].count(std::string(key.name)) == 1);
    }
  }
  // What the writer writes, the table knows (maps of ids, such as turn counts, are not sections).
  for (const auto& entry : seen) {
    const std::string& section = entry.first;  // (not a structured binding: clang-14 cannot capture one)
    if (known_sections.count(section) == 0) continue;
    for (const detail::Section* table : detail::all_sections()) {
      if (table->name != section) continue;
      for (const std::string& key : entry.second) {
        CAPTURE(section);
        CAPTURE(key);
        CHECK(table->find(key) != nullptr);
      }
    }
  }
}

TEST_CASE("save: raw counts are read as hourly rates and written back as counted") {
  const std::string yaml = R"(schema_version: 1
nodes:
  - {id: A, control: boundary}
  - id: C
    control: uncontrolled
    movements: [{id: X, from: L, to: M, turn: through}, {id: Y, from: L, to: N, turn: right}]
  - {id: B, control: boundary}
links:
  - {id: L, from: A, to: C, length_m: 100}
  - {id: M, from: C, to: B, length_m: 100}
  - {id: N, from: C, to: B, length_m: 100}
demand:
  interval_s: 900
  unit: veh_per_interval
  entries: [{link: L, flow_veh_per_h: [150, 175]}]
  turns: [{node: C, link: L, counts: {X: [120, 140], Y: [30, 35]}}]
)";
  const Scenario scenario = detail::read_scenario_document(yaml, "raw.yaml").scenario;
  CHECK(scenario.demand.unit == FlowUnit::veh_per_interval);
  CHECK(scenario.demand.entries[0].flow_veh_per_h == std::vector<double>{600, 700});
  CHECK(scenario.demand.turns[0].shares[0].values == std::vector<double>{480, 560});
  CHECK(scenario.demand.turns[0].shares[1].values == std::vector<double>{120, 140});
  const std::string saved = save_scenario_string(scenario);
  CHECK(saved.find("flow_veh_per_h: [150, 175]") != std::string::npos);
  CHECK(saved.find("X: [120, 140]") != std::string::npos);
  CHECK(detail::read_scenario_document(saved, "saved.yaml").scenario == scenario);
}

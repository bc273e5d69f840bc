// Loading data/isolated.yaml and unit conversions.
#include <doctest/doctest.h>

#include "io/readers.hpp"
#include "itsc/io.hpp"

using namespace itsc;

namespace {
const std::string kIsolated = std::string(ITSC_SOURCE_DIR) + "/data/isolated.yaml";
}

TEST_CASE("load: data/isolated.yaml gives the network, demand and timing it describes") {
  const LoadResult result = load_scenario_file(kIsolated);
  const Scenario& s = result.scenario;
  CHECK(s.schema_version == 1);
  CHECK(s.name == "Isolated intersection (arterial x collector, PM peak)");
  CHECK(s.simulation.dt_s == 1);
  CHECK(s.simulation.duration_s == 3600);
  CHECK(s.simulation.start_time_s == 16 * 3600 + 45 * 60);
  REQUIRE(s.network.nodes.size() == 5);
  const Node& c = s.network.nodes[0];
  CHECK(c.control == NodeControl::signalized);
  REQUIRE(c.legs.size() == 4);
  CHECK(c.legs[3].id == "west");
  CHECK(c.legs[3].in_link == "W_C");
  CHECK(c.legs[3].grade_percent == -1.5);
  CHECK(c.legs[0].approach_speed_kmh == 40);
  CHECK_FALSE(c.legs[0].bearing_deg.has_value());
  REQUIRE(c.movements.size() == 12);
  CHECK(c.movements[3].id == "WBL");
  CHECK(c.movements[3].turn == TurnType::left);
  REQUIRE(c.lane_groups.size() == 8);
  CHECK(c.lane_groups[1].movements == std::vector<std::string>{"EBT", "EBR"});
  CHECK(c.lane_groups[1].lanes == 2);
  CHECK(c.lane_groups[4].bay_length_m == 40);
  CHECK(s.network.nodes[2].y_m == -400);
  REQUIRE(s.network.links.size() == 8);
  CHECK(s.network.links[4].speed_kmh == 40);
  CHECK(s.network.links[4].saturation_flow_veh_per_h_per_lane == 1900);  // default
  REQUIRE(s.network.detectors.size() == 6);
  CHECK(s.network.detectors[2].lanes == std::vector<int>{1});
  CHECK(s.network.detectors[2].delay_s == 3);
  CHECK(s.demand.peak_hour_factor == doctest::Approx(0.92));
  REQUIRE(s.demand.entries.size() == 4);
  CHECK(s.demand.entries[1].flow_veh_per_h == std::vector<double>{950});
  REQUIRE(s.demand.turns.size() == 4);
  CHECK(s.demand.turns[2].counts);
  CHECK(s.demand.turns[2].shares[1].movement == "NBT");
  CHECK(s.demand.turns[2].shares[1].values == std::vector<double>{230});
  CHECK(s.demand.pedestrians[3].flow_ped_per_h == 120);
  REQUIRE(s.timing.count("C") == 1);
  const Timing& timing = s.timing.at("C");
  CHECK(timing.cycle_s == 90);
  CHECK(timing.controller == "fixed");
  REQUIRE(timing.stages.size() == 3);
  CHECK(timing.stages[1].serves.permitted_movements == std::vector<std::string>{"EBL", "WBL"});
  CHECK(timing.stages[2].serves.crosswalks == std::vector<std::string>{"east", "west"});
  CHECK(timing.stages[0].split_s() == 14.5);
  CHECK(s.duration_s() == 3600);
}

TEST_CASE("load: US customary keys are converted to metric") {
  const detail::ScenarioDocument result = detail::read_scenario_document(R"(schema_version: 1
nodes:
  - {id: A, control: boundary, x_ft: 100}
  - id: B
    control: signalized
    legs: [{id: w, in: L, crosswalk_length_ft: 50, approach_speed_mph: 30, width_ft: 40}]
links:
  - {id: L, from: A, to: B, length_ft: 1000, speed_mph: 35, jam_spacing_ft: 25}
detectors:
  - {id: D, link: L, setback_ft: 100, length_ft: 6}
)",
                                                 "us.yaml");
  const Network& n = result.scenario.network;
  CHECK(n.nodes[0].x_m == doctest::Approx(30.48));
  CHECK(n.links[0].length_m == doctest::Approx(304.8));
  CHECK(n.links[0].speed_kmh == doctest::Approx(56.32704));
  CHECK(n.links[0].jam_spacing_m == doctest::Approx(7.62));
  CHECK(n.nodes[1].legs[0].crosswalk_length_m == doctest::Approx(15.24));
  CHECK(n.nodes[1].legs[0].approach_speed_kmh == doctest::Approx(48.28032));
  CHECK(n.nodes[1].legs[0].width_m == doctest::Approx(12.192));
  CHECK(n.detectors[0].setback_m == doctest::Approx(30.48));
  CHECK(n.detectors[0].length_m == doctest::Approx(1.8288));
}

TEST_CASE("load: profiles, proportions and the ring form are read") {
  const detail::ScenarioDocument result = detail::read_scenario_document(R"(schema_version: 1
nodes: [{id: A, control: boundary}, {id: B, control: signalized}]
links: [{id: L, from: A, to: B, length_m: 100}]
demand:
  interval_s: 900
  normalize_turns: true
  entries: [{link: L, flow_veh_per_h: [100, 200, 300]}]
  turns: [{node: B, link: L, proportions: {X: 0.25, Y: [0.75, 0.5]}}]
timing:
  B:
    cycle_s: 100
    offset_s: 10
    controller: actuated
    sequence:
      rings: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
      phases:
        - {phase: 2, protected: [Y], split_s: 30, yellow_s: 4, red_clearance_s: 1, recall: max, dual_entry: true, rest_in_walk: true, simultaneous_gap_out: true}
      coordinated_phases: [2, 6]
      force_off: floating
      overlaps: [{id: A, parents: [1, 2], protected: [X]}]
)", "<string>");
  const Scenario& s = result.scenario;
  CHECK(s.demand.normalize_turns);
  CHECK(s.demand.entries[0].flow_veh_per_h == std::vector<double>{100, 200, 300});
  CHECK_FALSE(s.demand.turns[0].counts);
  CHECK(s.demand.turns[0].shares[1].values == std::vector<double>{0.75, 0.5});
  CHECK(s.duration_s() == 2700);
  const Timing& t = s.timing.at("B");
  CHECK(t.controller == "actuated");
  CHECK(t.offset_s == 10);
  REQUIRE(t.rings.has_value());
  CHECK(t.rings->rings == std::vector<std::vector<std::vector<int>>>{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
  REQUIRE(t.rings->phases.size() == 1);
  CHECK(t.rings->phases[0].recall == Recall::max);
  CHECK(t.rings->phases[0].dual_entry);
  CHECK(t.rings->phases[0].rest_in_walk);
  CHECK(t.rings->phases[0].simultaneous_gap_out);
  CHECK(t.rings->force_off == ForceOff::floating);
  CHECK(t.rings->overlaps[0].parents == std::vector<int>{1, 2});
  CHECK(t.stages.empty());
}

TEST_CASE("duration_s: simulation.duration_s wins, else the profile length, at least one interval") {
  Scenario s;
  s.demand.interval_s = 900;
  CHECK(s.duration_s() == 900);
  s.demand.entries.push_back({"L", {1, 2, 3, 4}, 0});
  CHECK(s.duration_s() == 3600);
  s.simulation.duration_s = 1200;
  CHECK(s.duration_s() == 1200);
}

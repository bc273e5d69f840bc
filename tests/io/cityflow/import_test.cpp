// The CityFlow import's network and signal plans, checked against the hand-made grids' own tables.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "io/cityflow/cityflow_grid.hpp"

namespace itsc {

namespace {

using nlohmann::json;
using test::Turn;

TurnType turn_type(Turn turn) {
  switch (turn) {
    case Turn::left: return TurnType::left;
    case Turn::straight: return TurnType::through;
    default: return TurnType::right;
  }
}

const json kNoFlows = json::array();

}  // namespace

TEST_CASE("CityFlow import: a 1x1 intersection gives a node per intersection, a link per road, a movement per road link") {
  const CityFlowImport imported = test::import_json(test::roadnet({1, 1}), kNoFlows);
  const Network& network = imported.scenario.network;
  CHECK(network.nodes.size() == 5);
  CHECK(network.links.size() == 8);  // into and out of the centre from each of 4 neighbours
  for (const Node& node : network.nodes) {
    CHECK(node.control == (node.id == "intersection_1_1" ? NodeControl::signalized : NodeControl::boundary));
  }
  for (const Link& link : network.links) {
    CHECK(link.length_m == doctest::Approx(test::kSpacing_m));
    CHECK(link.lanes == 3);
    CHECK(link.speed_kmh == doctest::Approx(test::kMaxSpeed_mps * 3.6).epsilon(1e-3));
  }
  const Node& centre = *network.find_node("intersection_1_1");
  REQUIRE(centre.movements.size() == 12);
  for (int heading = 0; heading < 4; ++heading) {
    for (const Turn turn : test::kTurns) {
      const std::string id = test::movement_id(1, 1, heading, turn);
      const auto movement = std::find_if(centre.movements.begin(), centre.movements.end(),
                                         [&](const Movement& m) { return m.id == id; });
      REQUIRE_MESSAGE(movement != centre.movements.end(), id);
      CHECK(movement->turn == turn_type(turn));
      CHECK(movement->from_link == test::road_into(1, 1, heading));
    }
  }
  // One lane per turn: a lane group each, as wide as CityFlow's lanes.
  CHECK(centre.lane_groups.size() == 12);
  for (const LaneGroup& group : centre.lane_groups) {
    CHECK(group.lanes == 1);
    CHECK(group.movements.size() == 1);
    CHECK(group.lane_width_m == doctest::Approx(test::kLaneWidth_m));
  }
  CHECK(centre.legs.size() == 4);
  for (const Diagnostic& diagnostic : validate(imported.scenario)) CHECK_MESSAGE(diagnostic.severity == Severity::warning, diagnostic.to_string());
}

TEST_CASE("CityFlow import: light phases become stages, the phases that open only right turns their change intervals") {
  const CityFlowImport imported = test::import_json(test::roadnet({1, 1}), kNoFlows);
  const Timing& timing = imported.scenario.timing.at("intersection_1_1");
  // The green phases in order, each followed by its change interval (phase 0 follows the last).
  std::vector<std::size_t> greens;
  for (std::size_t p = 0; p < test::kPhases.size(); ++p) {
    if (!test::kPhases[p].turns.empty()) greens.push_back(p);
  }
  REQUIRE(timing.stages.size() == greens.size());
  std::vector<std::string> rights;
  for (int heading = 0; heading < 4; ++heading) rights.push_back(test::movement_id(1, 1, heading, Turn::right));
  double cycle_s = 0;
  for (const auto& phase : test::kPhases) cycle_s += phase.time_s;
  CHECK(timing.cycle_s == doctest::Approx(cycle_s));
  for (std::size_t k = 0; k < greens.size(); ++k) {
    const test::PhaseSpec& phase = test::kPhases[greens[k]];
    const Stage& stage = timing.stages[k];
    CHECK(stage.green_s == doctest::Approx(phase.time_s));
    CHECK(stage.yellow_s == doctest::Approx(test::kPhases[(greens[k] + 1) % test::kPhases.size()].time_s));
    CHECK(stage.red_clearance_s == 0);
    std::set<std::string> expected;
    for (const int heading : phase.headings) {
      for (const Turn turn : phase.turns) expected.insert(test::movement_id(1, 1, heading, turn));
    }
    const auto& protected_ids = stage.serves.protected_movements;
    CHECK(std::set<std::string>(protected_ids.begin(), protected_ids.end()) == expected);
    const auto& permitted = stage.serves.permitted_movements;
    CHECK(std::set<std::string>(permitted.begin(), permitted.end()) == std::set<std::string>(rights.begin(), rights.end()));
  }
  // Phase 0 at t = 0 is a change interval: the first stage's green starts when it ends.
  CHECK(timing.offset_s == doctest::Approx(test::kPhases.front().time_s));
  for (const Movement& movement : imported.scenario.network.find_node("intersection_1_1")->movements) {
    CHECK(movement.right_turn_on_red == (movement.turn == TurnType::right));
  }
}

TEST_CASE("CityFlow import: a 1x2 pair shares the roads between its intersections") {
  const CityFlowImport imported = test::import_json(test::roadnet({2, 1}), kNoFlows);
  const Network& network = imported.scenario.network;
  CHECK(network.nodes.size() == 8);   // 2 real, 6 virtual around them
  CHECK(network.links.size() == 14);  // 4 out of each real one, 1 out of each virtual one
  std::size_t movements = 0;
  for (const Node& node : network.nodes) movements += node.movements.size();
  CHECK(movements == 24);
  CHECK(imported.scenario.timing.size() == 2);
  const Link& between = *network.find_link(test::road_id(1, 1, 0));
  CHECK(between.from == "intersection_1_1");
  CHECK(between.to == "intersection_2_1");
}

TEST_CASE("CityFlow import: an intersection without light phases is uncontrolled, and one phase alone is a stage") {
  json roadnet = test::roadnet({2, 1});
  for (json& intersection : roadnet["intersections"]) {
    if (intersection["id"] == "intersection_1_1") intersection.erase("trafficLight");
    if (intersection["id"] == "intersection_2_1") {
      json& phases = intersection["trafficLight"]["lightphases"];
      phases = json::array({phases[1]});  // east-west through and the right turns, always
    }
  }
  const CityFlowImport imported = test::import_json(roadnet, kNoFlows);
  const Node& left = *imported.scenario.network.find_node("intersection_1_1");
  CHECK(left.control == NodeControl::uncontrolled);
  CHECK(left.lane_groups.empty());
  CHECK(imported.scenario.timing.count("intersection_1_1") == 0);
  const Timing& single = imported.scenario.timing.at("intersection_2_1");
  REQUIRE(single.stages.size() == 1);
  CHECK(single.stages[0].serves.protected_movements.size() == 2);
  CHECK(single.stages[0].serves.permitted_movements.size() == 4);
  // The road links that phase does not open are closed to traffic.
  const Node& right = *imported.scenario.network.find_node("intersection_2_1");
  for (int heading = 0; heading < 4; ++heading) {
    for (const Turn turn : test::kTurns) {
      const bool open = turn == Turn::right || ((heading == 0 || heading == 2) && turn == Turn::straight);
      const std::string id = test::movement_id(2, 1, heading, turn);
      const auto movement = std::find_if(right.movements.begin(), right.movements.end(), [&](const Movement& m) { return m.id == id; });
      REQUIRE(movement != right.movements.end());
      CHECK_MESSAGE(movement->closed == !open, id);
    }
  }
}

}  // namespace itsc

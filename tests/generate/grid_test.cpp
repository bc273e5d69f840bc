#include <doctest/doctest.h>

#include "generate/scenario_checks.hpp"
#include "itsc/generate.hpp"

namespace itsc {

namespace {

std::size_t count_signalized(const Network& network) {
  std::size_t count = 0;
  for (const Node& node : network.nodes) count += node.control == NodeControl::signalized ? 1 : 0;
  return count;
}

std::size_t sum_over_nodes(const Network& network, std::size_t (*size)(const Node&)) {
  std::size_t total = 0;
  for (const Node& node : network.nodes) total += size(node);
  return total;
}

}  // namespace

TEST_CASE("generate_grid: the same options give the same scenario") {
  CHECK(generate_grid() == generate_grid());
  GridOptions options;
  options.one_way = true;
  options.rows = 3;
  CHECK(generate_grid(options) == generate_grid(options));
  CHECK(generate_grid(options) != generate_grid());
}

TEST_CASE("generate_grid: the pinned defaults") {
  const GridOptions defaults;
  CHECK(defaults.rows == 6);
  CHECK(defaults.columns == 6);
  CHECK(defaults.spacing_m == 400);
  CHECK(defaults.speed_kmh == 50);
  CHECK(defaults.lanes == 2);
  CHECK(defaults.bay_length_m == 60);
  CHECK(defaults.main_entry_veh_per_h == 700);
  CHECK(defaults.side_entry_veh_per_h == 400);
  CHECK(defaults.left_share == 0.15);
  CHECK(defaults.right_share == 0.15);
  CHECK(defaults.cycle_s == 90);
  CHECK_FALSE(defaults.one_way);
  CHECK(defaults.dt_s == 1);
  CHECK(defaults.duration_s == 3600);
}

TEST_CASE("generate_grid: the default grid's structure") {
  const Scenario scenario = generate_grid();
  const Network& network = scenario.network;
  CHECK(network.nodes.size() == 60);
  CHECK(count_signalized(network) == 36);
  CHECK(network.links.size() == 168);  // 12 streets x 7 sections x 2 directions
  CHECK(network.entry_links().size() == 24);
  CHECK(network.exit_links().size() == 24);
  CHECK(sum_over_nodes(network, [](const Node& n) { return n.movements.size(); }) == 36 * 12);
  CHECK(sum_over_nodes(network, [](const Node& n) { return n.lane_groups.size(); }) == 36 * 8);
  CHECK(sum_over_nodes(network, [](const Node& n) { return n.legs.size(); }) == 36 * 4);
  CHECK(network.detectors.size() == 36 * 8);
  CHECK(scenario.demand.turns.size() == 36 * 4);
  CHECK(scenario.timing.size() == 36);
  CHECK(scenario.simulation.dt_s == 1);
  CHECK(scenario.simulation.duration_s == 3600);
  for (const Link& link : network.links) {
    CHECK(link.length_m == 400);
    CHECK(link.lanes == 2);
    CHECK(link.speed_kmh == 50);
  }
  for (const EntryFlow& entry : scenario.demand.entries) {
    const Link& link = *network.find_link(entry.link);
    const bool east_west = network.find_node(link.from)->y_m == network.find_node(link.to)->y_m;
    CHECK(entry.flow_veh_per_h == std::vector<double>{east_west ? 700.0 : 400.0});
  }
  const Node& corner = *network.find_node("r1c1");
  CHECK(corner.x_m == 0);
  CHECK(corner.y_m == 0);
  CHECK(network.find_node("r6c6")->x_m == 2000);
  CHECK(network.find_node("n6")->y_m == 2400);
  CHECK(corner.lane_groups.front() == LaneGroup{"EB_L", "w1_r1c1", {"EBL"}, 1, 60});
  CHECK(corner.lane_groups[1] == LaneGroup{"EB_TR", "w1_r1c1", {"EBT", "EBR"}, 2, 0});
  CHECK(corner.legs.front().crosswalk_length_m == 17.5);
  const ApproachTurns& first = scenario.demand.turns.front();
  CHECK(first.shares == std::vector<TurnShare>{{"EBL", {0.15}}, {"EBT", {0.7}}, {"EBR", {0.15}}});
  for (const auto& [node, timing] : scenario.timing) {
    CHECK(timing.cycle_s == 90);
    CHECK(timing.stages.size() == 2);
    CHECK(timing.stages[0].serves.permitted_movements == std::vector<std::string>{"EBL", "WBL"});
  }
  testing::check_structure(scenario);
}

TEST_CASE("generate_grid: the heavier east-west streets get the longer green") {
  const Scenario scenario = generate_grid();
  const Timing& timing = scenario.timing.at("r3c3");
  CHECK(timing.stages[0].green_s > timing.stages[1].green_s);
}

TEST_CASE("generate_grid: one-way streets alternate and keep every check") {
  GridOptions options;
  options.one_way = true;
  options.rows = 4;
  options.columns = 3;
  const Scenario scenario = generate_grid(options);
  CHECK(scenario.network.links.size() == 4 * 4 + 3 * 5);
  CHECK(scenario.network.find_link("w1_r1c1") != nullptr);
  CHECK(scenario.network.find_link("r2c1_w2") != nullptr);
  CHECK(scenario.network.find_link("s1_r1c1") != nullptr);
  CHECK(scenario.network.find_link("r1c2_s2") != nullptr);
  // At r1c1 eastbound meets northbound: eastbound turns left only, northbound right only, unopposed.
  const Node& node = *scenario.network.find_node("r1c1");
  CHECK(node.movements.size() == 4);
  CHECK(scenario.timing.at("r1c1").stages[0].serves.protected_movements ==
        std::vector<std::string>{"EBL", "EBT"});
  testing::check_structure(scenario);
}

TEST_CASE("generate_grid: no bays give shared lane groups") {
  GridOptions options;
  options.bay_length_m = 0;
  options.rows = 2;
  options.columns = 2;
  const Scenario scenario = generate_grid(options);
  const Node& node = *scenario.network.find_node("r1c1");
  CHECK(node.lane_groups.size() == 4);
  CHECK(node.lane_groups.front() == LaneGroup{"EB_LTR", "w1_r1c1", {"EBL", "EBT", "EBR"}, 2, 0});
  testing::check_structure(scenario);
}

TEST_CASE("generate_grid: bad options are reported together, by name") {
  GridOptions options;
  options.rows = 0;
  options.left_share = 1.5;
  options.cycle_s = -1;
  try {
    (void)generate_grid(options);
    FAIL("expected an error");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    REQUIRE(error.diagnostics().size() == 4);
    CHECK(error.diagnostics()[0].path == "rows");
    CHECK(error.diagnostics()[1].path == "left_share");
    CHECK(error.diagnostics()[2].path == "right_share");
    CHECK(error.diagnostics()[3].path == "cycle_s");
  }
  GridOptions short_cycle;
  short_cycle.cycle_s = 40;
  CHECK_THROWS_WITH_AS((void)generate_grid(short_cycle), doctest::Contains("a cycle of 40 s is too short"),
                       Error);
}

}  // namespace itsc

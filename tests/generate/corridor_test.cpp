#include <doctest/doctest.h>

#include "generate/scenario_checks.hpp"
#include "itsc/generate.hpp"

namespace itsc {

TEST_CASE("generate_corridor: the same options give the same scenario") {
  CHECK(generate_corridor() == generate_corridor());
  CorridorOptions options;
  options.one_way = true;
  CHECK(generate_corridor(options) == generate_corridor(options));
  CHECK(generate_corridor(options) != generate_corridor());
}

TEST_CASE("generate_corridor: the default corridor") {
  const Scenario scenario = generate_corridor();
  const Network& network = scenario.network;
  CHECK(network.nodes.size() == 5 + 2 + 10);
  CHECK(network.links.size() == 6 * 2 + 5 * 2 * 2);
  CHECK(scenario.timing.size() == 5);
  CHECK(network.find_link("r1c1_r1c2")->length_m == 400);
  CHECK(network.find_link("r1c1_r1c2")->lanes == 2);
  CHECK(network.find_link("s1_r1c1")->lanes == 1);
  // Main street heavier than the side streets.
  for (const EntryFlow& entry : scenario.demand.entries) {
    const bool main = entry.link == "w1_r1c1" || entry.link == "e1_r1c5";
    CHECK(entry.flow_veh_per_h.front() == (main ? 1000 : 300));
  }
  for (const auto& entry : scenario.timing) {
    INFO(entry.first);  // not a structured binding: clang-14 cannot capture those
    const Timing& timing = entry.second;
    REQUIRE(timing.stages.size() == 3);
    CHECK(timing.stages[0].serves.protected_movements == std::vector<std::string>{"EBL", "WBL"});
    CHECK(timing.stages[1].serves.permitted_movements == std::vector<std::string>{"EBL", "WBL"});
    CHECK(timing.stages[1].green_s > timing.stages[2].green_s);
    // The side-street stage carries the pedestrians across the arterial (17.5 m): 7 + 17.5 / 1.07.
    CHECK(timing.stages[2].green_s >= 23.4);
  }
  testing::check_structure(scenario);
}

TEST_CASE("generate_corridor: a one-way arterial needs no leading lefts") {
  CorridorOptions options;
  options.one_way = true;
  options.signals = 3;
  const Scenario scenario = generate_corridor(options);
  CHECK(scenario.network.find_link("r1c2_r1c1") == nullptr);
  for (const auto& [node, timing] : scenario.timing) CHECK(timing.stages.size() == 2);
  testing::check_structure(scenario);
}

TEST_CASE("generate_corridor: without leading lefts, two stages") {
  CorridorOptions options;
  options.leading_left = false;
  const Scenario scenario = generate_corridor(options);
  for (const auto& [node, timing] : scenario.timing) CHECK(timing.stages.size() == 2);
  testing::check_structure(scenario);
}

}  // namespace itsc

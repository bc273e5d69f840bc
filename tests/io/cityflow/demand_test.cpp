// The CityFlow import's demand: departures by interval, startTime and endTime; entries, sources and sinks;
// turning proportions; and the run it gives conserves vehicles.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "io/cityflow/cityflow_grid.hpp"
#include "itsc/simulate.hpp"

namespace itsc {

namespace {

using nlohmann::json;
using test::Turn;

// Vehicles CityFlow releases: at startTime and every interval after while not past endTime.
double released(double interval_s, double start_s, double end_s) { return std::floor((end_s - start_s) / interval_s) + 1; }

const EntryFlow* find(const std::vector<EntryFlow>& flows, const std::string& link) {
  for (const EntryFlow& flow : flows) {
    if (flow.link == link) return &flow;
  }
  return nullptr;
}

double share(const Demand& demand, const std::string& link, const std::string& movement) {
  for (const ApproachTurns& approach : demand.turns) {
    if (approach.link != link) continue;
    for (const TurnShare& turn : approach.shares) {
      if (turn.movement == movement) return turn.values.at(0);
    }
  }
  FAIL("no share for " << movement);
  return -1;
}

// An hour in one demand interval.
CityFlowImportOptions one_hour() {
  CityFlowImportOptions options;
  options.interval_s = 3600;
  options.end_s = 3600;
  return options;
}

}  // namespace

TEST_CASE("CityFlow import: flows from the edge become entry flows and turning proportions") {
  const std::string west = test::road_into(1, 1, 0);
  const std::string north = test::road_into(1, 1, 3);
  struct Spec {
    std::string from;
    int heading;
    Turn turn;
    double interval_s;
  };
  const std::vector<Spec> specs{{west, 0, Turn::straight, 5}, {west, 0, Turn::left, 20}, {west, 0, Turn::right, 30},
                                {north, 3, Turn::straight, 10}};
  json flows = json::array();
  for (const Spec& spec : specs) {
    flows.push_back(test::flow({spec.from, test::road_id(1, 1, test::heading_after(spec.heading, spec.turn))},
                               spec.interval_s, 0, 3599));
  }
  const Demand demand = test::import_json(test::roadnet({1, 1}), flows, one_hour()).scenario.demand;
  CHECK(demand.sources.empty());
  CHECK(demand.sinks.empty());
  double from_west = 0;
  for (const Spec& spec : specs) from_west += spec.from == west ? released(spec.interval_s, 0, 3599) : 0;
  REQUIRE(demand.entries.size() == 2);
  REQUIRE(find(demand.entries, west) != nullptr);
  CHECK(find(demand.entries, west)->flow_veh_per_h.at(0) == doctest::Approx(from_west));
  CHECK(find(demand.entries, north)->flow_veh_per_h.at(0) == doctest::Approx(released(10, 0, 3599)));
  for (const Spec& spec : specs) {
    if (spec.from != west) continue;
    CHECK(share(demand, west, test::movement_id(1, 1, 0, spec.turn)) ==
          doctest::Approx(released(spec.interval_s, 0, 3599) / from_west));
  }
  // The approach from the north goes straight only.
  CHECK(share(demand, north, test::movement_id(1, 1, 3, Turn::straight)) == doctest::Approx(1));
  CHECK(share(demand, north, test::movement_id(1, 1, 3, Turn::left)) == doctest::Approx(0));
}

TEST_CASE("CityFlow import: routes starting or ending between the pair's intersections give sources and stop-line sinks") {
  const std::string middle_east = test::road_id(1, 1, 0);   // intersection_1_1 -> intersection_2_1
  const std::string middle_west = test::road_id(2, 1, 2);   // intersection_2_1 -> intersection_1_1
  const std::string from_east = test::road_into(2, 1, 2);
  const json flows = json::array({
      test::flow({middle_east, test::road_id(2, 1, 0)}, 10, 0, 3599),                       // starts inside
      test::flow({from_east, middle_west}, 20, 0, 3599),                                    // ends inside
      test::flow({from_east, middle_west, test::road_id(1, 1, 2)}, 30, 0, 3599),            // goes on
  });
  const Demand demand = test::import_json(test::roadnet({2, 1}), flows, one_hour()).scenario.demand;
  REQUIRE(demand.sources.size() == 1);
  CHECK(demand.sources[0].link == middle_east);
  CHECK(demand.sources[0].flow_veh_per_h.at(0) == doctest::Approx(released(10, 0, 3599)));
  REQUIRE(demand.entries.size() == 1);
  CHECK(demand.entries[0].link == from_east);
  CHECK(demand.entries[0].flow_veh_per_h.at(0) == doctest::Approx(released(20, 0, 3599) + released(30, 0, 3599)));
  REQUIRE(demand.sinks.size() == 1);
  CHECK(demand.sinks[0].link == middle_west);
  CHECK(demand.sinks[0].at_stop_line);
  const double ending = released(20, 0, 3599);
  CHECK(demand.sinks[0].share.at(0) == doctest::Approx(ending / (ending + released(30, 0, 3599))));
}

TEST_CASE("CityFlow import: departures run from startTime every interval to endTime, in profile intervals") {
  const std::string west = test::road_into(1, 1, 0);
  const json flows = json::array({test::flow({west, test::road_id(1, 1, 0)}, 50, 100, 1000)});
  CityFlowImportOptions options;
  options.interval_s = 900;
  const CityFlowImport imported = test::import_json(test::roadnet({1, 1}), flows, options);
  // The last departure (1000 s) lies in the second interval: the demand ends with it.
  CHECK(imported.scenario.demand.interval_s == 900);
  CHECK(imported.scenario.simulation.duration_s == doctest::Approx(1800));
  const std::vector<double>& profile = imported.scenario.demand.entries.at(0).flow_veh_per_h;
  REQUIRE(profile.size() == 2);
  CHECK(profile[0] == doctest::Approx(released(50, 100, 899) * 3600 / 900));  // 100, 150, ..., 850
  CHECK(profile[1] == doctest::Approx(released(50, 900, 1000) * 3600 / 900)); // 900, 950, 1000

  // endTime -1 (no end) runs to the import's --end.
  options.end_s = 600;
  const json endless = json::array({test::flow({west, test::road_id(1, 1, 0)}, 50, 100, -1)});
  const Demand demand = test::import_json(test::roadnet({1, 1}), endless, options).scenario.demand;
  CHECK(demand.entries.at(0).flow_veh_per_h.at(0) == doctest::Approx(released(50, 100, 599) * 3600 / 600));
}

TEST_CASE("CityFlow import: vehicles routed over a road link no light phase opens are skipped") {
  json roadnet = test::roadnet({1, 1});
  for (json& intersection : roadnet["intersections"]) {
    if (intersection["id"] != "intersection_1_1") continue;
    json& phases = intersection["trafficLight"]["lightphases"];
    phases.erase(phases.begin() + 7);  // the north-south lefts
  }
  const std::string south = test::road_into(1, 1, 1);
  const json flows = json::array({test::flow({south, test::road_id(1, 1, 1)}, 10, 0, 3599),
                                  test::flow({south, test::road_id(1, 1, test::heading_after(1, Turn::left))}, 10, 0, 3599)});
  const CityFlowImport imported = test::import_json(roadnet, flows, one_hour());
  const Node& centre = *imported.scenario.network.find_node("intersection_1_1");
  const auto left = std::find_if(centre.movements.begin(), centre.movements.end(),
                                 [&](const Movement& m) { return m.id == test::movement_id(1, 1, 1, Turn::left); });
  REQUIRE(left != centre.movements.end());
  CHECK(left->closed);
  // Only the through flow enters.
  CHECK(imported.scenario.demand.entries.at(0).flow_veh_per_h.at(0) == doctest::Approx(released(10, 0, 3599)));
  CHECK(share(imported.scenario.demand, south, left->id) == 0);
}

TEST_CASE("CityFlow import: the imported pair validates and simulates, conserving vehicles") {
  json flows = json::array();
  for (int heading = 0; heading < 4; ++heading) {
    for (const Turn turn : test::kTurns) {
      flows.push_back(test::flow({test::road_into(1, 1, heading), test::road_id(1, 1, test::heading_after(heading, turn))},
                                 turn == Turn::straight ? 8 : 24, 0, 1799));
    }
  }
  flows.push_back(test::flow({test::road_into(1, 1, 0), test::road_id(1, 1, 0), test::road_id(2, 1, 0)}, 12, 0, 1799));
  flows.push_back(test::flow({test::road_id(1, 1, 0), test::road_id(2, 1, 1)}, 30, 0, 1799));
  const CityFlowImport imported = test::import_json(test::roadnet({2, 1}), flows);
  for (const Diagnostic& diagnostic : validate(imported.scenario)) {
    CHECK_MESSAGE(diagnostic.severity == Severity::warning, diagnostic.to_string());
  }
  const SimulationResult result = simulate(imported.scenario);
  CHECK(result.vehicles_entered > 0);
  CHECK(result.vehicles_exited > 0);
  const double accounted = result.vehicles_exited + result.vehicles_inside + result.vehicles_waiting;
  CHECK(std::fabs(result.vehicles_entered - accounted) <= 1e-9 * result.vehicles_entered);
}

}  // namespace itsc

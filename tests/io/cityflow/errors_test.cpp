// Bad CityFlow input: every problem named by its file and JSON path, and nothing written.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <string>

#include "io/cityflow/cityflow_grid.hpp"
#include "io/sumo/sumo_tools.hpp"
#include "itsc/io.hpp"

namespace itsc {

namespace {

using nlohmann::json;
using test::Turn;

const json kNoFlows = json::array();

std::string import_error(const std::string& roadnet, const std::string& flows, const CityFlowImportOptions& options = {}) {
  try {
    static_cast<void>(import_cityflow(SourceText{"roadnet.json", roadnet}, SourceText{"flow.json", flows}, options));
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    return error.what();
  }
  FAIL("no error");
  return "";
}

// The error of the 1x1 roadnet after `edit`, with no flows.
std::string roadnet_error(const std::function<void(json&)>& edit) {
  json roadnet = test::roadnet({1, 1});
  edit(roadnet);
  return import_error(roadnet.dump(), kNoFlows.dump());
}

// Index of the intersection `id` in the roadnet's list (the grid lists them row by row).
std::size_t intersection_at(const json& roadnet, const std::string& id) {
  for (std::size_t i = 0; i < roadnet["intersections"].size(); ++i) {
    if (roadnet["intersections"][i]["id"] == id) return i;
  }
  FAIL("no intersection " << id);
  return 0;
}

// The centre intersection of a 1x1 roadnet.
json& centre_of(json& roadnet) { return roadnet["intersections"][intersection_at(roadnet, "intersection_1_1")]; }

std::string flow_error(const json& flows, const CityFlowImportOptions& options = {}) {
  return import_error(test::roadnet({1, 1}).dump(), flows.dump(), options);
}

}  // namespace

TEST_CASE("CityFlow import: bad roadnet.json names the file and the JSON path") {
  CHECK(import_error("{\"roads\": [\n  1,\n", "[]").find("roadnet.json:3:1: not JSON") == 0);
  const json grid = test::roadnet({1, 1});
  const std::string centre = "intersections[" + std::to_string(intersection_at(grid, "intersection_1_1")) + "]";

  CHECK(roadnet_error([](json& r) { centre_of(r)["roadLinks"][2]["startRoad"] = "road_9_9_0"; }) ==
        "roadnet.json: " + centre + ".roadLinks[2].startRoad: unknown road 'road_9_9_0'");
  CHECK(roadnet_error([](json& r) { centre_of(r)["roadLinks"][0]["endRoad"] = test::road_into(1, 1, 1); }) ==
        "roadnet.json: " + centre + ".roadLinks[0].endRoad: road '" + test::road_into(1, 1, 1) +
            "' does not start at intersection 'intersection_1_1' (it starts at 'intersection_1_0')");
  CHECK(roadnet_error([](json& r) { centre_of(r)["roadLinks"][4]["type"] = "u_turn"; }) ==
        "roadnet.json: " + centre + ".roadLinks[4].type: must be go_straight, turn_left or turn_right, got 'u_turn'");
  const std::string lane = roadnet_error([](json& r) { centre_of(r)["roadLinks"][1]["laneLinks"][0]["endLaneIndex"] = 3; });
  CHECK(lane.find("roadnet.json: " + centre + ".roadLinks[1].laneLinks[0].endLaneIndex: index 3 out of range: there are 3 lanes") == 0);
  const std::string link = roadnet_error([](json& r) { centre_of(r)["trafficLight"]["lightphases"][1]["availableRoadLinks"][0] = 12; });
  CHECK(link.find("roadnet.json: " + centre + ".trafficLight.lightphases[1].availableRoadLinks[0]: index 12 out of range") == 0);
  CHECK(roadnet_error([](json& r) { centre_of(r)["trafficLight"]["lightphases"][3]["time"] = 0; }) ==
        "roadnet.json: " + centre + ".trafficLight.lightphases[3].time: must be a positive number of seconds up to a day");
  CHECK(roadnet_error([](json& r) { r["roads"][0].erase("lanes"); }) == "roadnet.json: roads[0].lanes: missing");
  CHECK(roadnet_error([](json& r) { r["roads"][1]["endIntersection"] = "nowhere"; }) ==
        "roadnet.json: roads[1].endIntersection: unknown intersection 'nowhere'");
  CHECK(roadnet_error([](json& r) { r["roads"][2]["lanes"][1]["maxSpeed"] = "fast"; }) ==
        "roadnet.json: roads[2].lanes[1].maxSpeed: must be a number, got string");
  CHECK(roadnet_error([](json& r) { r["roads"][3]["points"][1] = r["roads"][3]["points"][0]; }) ==
        "roadnet.json: roads[3].points: the points give the road no length");
  // Every problem of the file at once.
  const std::string both = roadnet_error([](json& r) {
    r["roads"][0].erase("id");
    r["roads"][1]["lanes"] = json::array();
  });
  CHECK(both.find("roads[0].id: missing") != std::string::npos);
  CHECK(both.find("roads[1].lanes: must list at least one lane") != std::string::npos);
}

TEST_CASE("CityFlow import: bad flow.json names the file and the JSON path") {
  const std::string west = test::road_into(1, 1, 0);
  CHECK(flow_error(json::object()) == "flow.json: must be an array of flows, got object");
  CHECK(flow_error(json::array({test::flow({west, "nowhere"}, 5, 0, 100)})) == "flow.json: [0].route[1]: unknown road 'nowhere'");
  // No road link makes a U-turn back west.
  CHECK(flow_error(json::array({test::flow({west, west}, 5, 0, 100), test::flow({west, test::road_id(1, 1, 2)}, 5, 0, 100)})) ==
        "flow.json: [0].route[1]: road '" + west + "' does not start where road '" + west +
            "' ends (intersection 'intersection_1_1')\nflow.json: [1].route[1]: no road link from road '" + west +
            "' to road '" + test::road_id(1, 1, 2) + "' at intersection 'intersection_1_1'");
  CHECK(flow_error(json::array({test::flow({west, test::road_id(1, 1, 0)}, 0, 0, 100)})) == "flow.json: [0].interval: must be positive");
  CHECK(flow_error(json::array({test::flow({west, test::road_id(1, 1, 0)}, 5, 100, 50)})) ==
        "flow.json: [0].endTime: must be -1 (no end) or at least startTime");
  CHECK(flow_error(json::array({test::flow({west, test::road_id(1, 1, 0)}, 5, 0, -1)})) ==
        "flow.json: [0].endTime: -1 (no end): give --end");
  CHECK(flow_error(json::array({test::flow({}, 5, 0, 100)})) == "flow.json: [0].route: must list at least one road");
}

TEST_CASE("CityFlow import: bad options name the option") {
  CityFlowImportOptions options;
  options.interval_s = 0;
  CHECK(flow_error(kNoFlows, options) == "interval: must be a positive number");
}

TEST_CASE("CityFlow CLI: itsc convert cityflow writes the scenario, and nothing with exit code 2 on bad input") {
  const std::string cli = ITSC_CLI_PATH;
  if (cli.empty()) {
    if (std::getenv("ITSC_REQUIRE_ALL_TESTS") != nullptr) FAIL("the itsc command line was not built");
    return;
  }
  test::Scratch scratch;
  test::write_text(scratch / "roadnet.json", test::roadnet({1, 1}).dump());
  const std::string west = test::road_into(1, 1, 0);
  test::write_text(scratch / "flow.json", json::array({test::flow({west, test::road_id(1, 1, 0)}, 5, 0, 3599)}).dump());
  test::write_text(scratch / "bad.json", json::array({test::flow({west, "nowhere"}, 5, 0, 3599)}).dump());
  const auto out = scratch / "out.yaml";
  const std::string files = " --roadnet " + (scratch / "roadnet.json").string() + " --flow ";
  const test::CliResult bad = test::run_cli("convert cityflow" + files + (scratch / "bad.json").string() + " -o " + out.string());
  CHECK(bad.code == 2);
  CHECK(bad.err.find("bad.json: [0].route[1]: unknown road 'nowhere'") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  const test::CliResult good = test::run_cli("convert cityflow" + files + (scratch / "flow.json").string() + " -o " +
                                             out.string() + " --report " + (scratch / "report.txt").string() + " --interval 600");
  CHECK(good.code == 0);
  const LoadResult loaded = load_scenario_file(out);
  CHECK(loaded.scenario.network.nodes.size() == 5);
  CHECK(loaded.scenario.demand.interval_s == 600);
  CHECK(test::read_text(scratch / "report.txt").find("light phase") != std::string::npos);
}

}  // namespace itsc

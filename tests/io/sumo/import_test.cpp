// SUMO import of netgenerate networks: counts of nodes, links, lanes, movements, lane groups, stages.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "io/sumo/sumo_tools.hpp"
#include "itsc/io.hpp"
#include "itsc/model.hpp"
#include "itsc/sumo.hpp"

namespace itsc {

namespace {

SumoImport import_net(const test::Scratch& scratch, const std::string& net, std::vector<std::string> routes = {},
                      double begin_s = 0) {
  SumoImportOptions options;
  options.net_file = scratch / net;
  for (const auto& route : routes) options.route_files.push_back(scratch / route);
  options.begin_s = begin_s;
  return import_sumo(options);
}

std::size_t count_if_node(const Scenario& scenario, NodeControl control) {
  return static_cast<std::size_t>(std::count_if(scenario.network.nodes.begin(), scenario.network.nodes.end(),
                                                [&](const Node& n) { return n.control == control; }));
}

}  // namespace

TEST_CASE("SUMO import: a netgenerate grid gives the right counts of nodes, links, lanes, movements, stages") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(3, "-o grid.net.xml")) == 0);
  const SumoImport imported = import_net(scratch, "grid.net.xml");
  const Scenario& scenario = imported.scenario;
  CHECK(scenario.network.nodes.size() == 9 + 12);
  CHECK(count_if_node(scenario, NodeControl::signalized) == 9);
  CHECK(count_if_node(scenario, NodeControl::boundary) == 12);
  CHECK(scenario.network.links.size() == 2 * (12 + 12));
  int lanes = 0;
  for (const Link& link : scenario.network.links) lanes += link.lanes;
  CHECK(lanes == 48);
  std::size_t movements = 0;
  for (const Node& node : scenario.network.nodes) movements += node.movements.size();
  CHECK(movements == 9 * 12);  // 4 approaches x (left, through, right), no U-turns
  REQUIRE(scenario.timing.size() == 9);
  for (const auto& entry : scenario.timing) {
    INFO(entry.first);
    CHECK(entry.second.stages.size() == 2);
    CHECK(entry.second.cycle_s == 90);
  }
  CHECK(scenario.sumo.signals.size() == 9);
  CHECK(validate(scenario).empty());
}

TEST_CASE("SUMO import: each signal carries SUMO's foe matrix by movement") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-o grid.net.xml")) == 0);
  const Scenario scenario = import_net(scratch, "grid.net.xml").scenario;
  const auto link = [&](const std::string& id) {
    return *std::find_if(scenario.network.links.begin(), scenario.network.links.end(),
                         [&](const Link& l) { return l.id == id; });
  };
  REQUIRE(scenario.sumo.signals.size() == 4);
  for (const SumoSignal& signal : scenario.sumo.signals) {
    INFO(signal.node);
    REQUIRE(signal.foes.has_value());
    const Node& node = *std::find_if(scenario.network.nodes.begin(), scenario.network.nodes.end(),
                                     [&](const Node& n) { return n.id == signal.node; });
    REQUIRE(node.movements.size() == 12);
    const auto foes = [&](const Movement& a, const Movement& b) {
      const std::vector<std::string>& of_a = signal.foes->at(a.id);
      return std::find(of_a.begin(), of_a.end(), b.id) != of_a.end();
    };
    int lefts = 0;
    for (const Movement& a : node.movements) {
      INFO(a.id);
      REQUIRE(signal.foes->contains(a.id));  // every movement listed, with or without foes
      CHECK_FALSE(foes(a, a));
      for (const Movement& b : node.movements) {
        CHECK(foes(a, b) == foes(b, a));  // SUMO's matrix is symmetric in who meets whom
        // A left and the through that opposes it (arrives from where the left came).
        if (a.turn == TurnType::left && b.turn == TurnType::through && link(b.to_link).to == link(a.from_link).from) {
          CHECK(foes(a, b));
          ++lefts;
        }
        // Two right turns never meet.
        if (a.turn == TurnType::right && b.turn == TurnType::right && a.id != b.id) CHECK_FALSE(foes(a, b));
      }
    }
    CHECK(lefts == 4);
  }
}

TEST_CASE("SUMO import: links run from stop line to stop line (the junction crossing upstream included)") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(3, "-o grid.net.xml")) == 0);
  const std::string net = test::read_text(scratch / "grid.net.xml");
  const auto lane_length = [&](const std::string& lane) {
    std::smatch match;
    REQUIRE(std::regex_search(net, match, std::regex("<lane id=\"" + lane + "\"[^>]* length=\"([0-9.]+)\"")));
    return std::stod(match[1]);
  };
  const Scenario scenario = import_net(scratch, "grid.net.xml").scenario;
  const auto link_length = [&](const std::string& id) {
    const auto link = std::find_if(scenario.network.links.begin(), scenario.network.links.end(),
                                   [&](const Link& l) { return l.id == id; });
    REQUIRE(link != scenario.network.links.end());
    return link->length_m;
  };
  // Between two signals 200 m apart: the edge stops at the junctions' borders; with the straight path
  // through the upstream junction it spans centre to centre, the distance a platoon covers.
  CHECK(lane_length("A0B0_0") < 195);
  CHECK(link_length("A0B0") == doctest::Approx(200).epsilon(1e-9));
  CHECK(link_length("B1A1") == doctest::Approx(200).epsilon(1e-9));
  // An entry starts at a dead end: nothing to cross before it.
  CHECK(link_length("left0A0") == lane_length("left0A0_0"));
}

TEST_CASE("SUMO import: turn lanes give lane groups and protected-left stages") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-L 2 --turn-lanes 1 --turn-lanes.length 40 "
                                                      "--tls.left-green.time 8 -o lanes.net.xml")) == 0);
  const SumoImport imported = import_net(scratch, "lanes.net.xml");
  const Scenario& scenario = imported.scenario;
  const Node* node = scenario.network.find_node("A0");
  REQUIRE(node != nullptr);
  CHECK(node->control == NodeControl::signalized);
  // Each approach: a left lane of its own and two lanes shared by through and right.
  CHECK(node->lane_groups.size() == 8);
  const Timing& timing = scenario.timing.at("A0");
  REQUIRE(timing.stages.size() == 4);
  CHECK(timing.stages[1].green_s == 8);
  CHECK(timing.stages[1].serves.protected_movements.size() == 2);
  for (const std::string& line : imported.report) CHECK(line.find("differs from SUMO's program") == std::string::npos);
  // The turn-lane split points are uncontrolled nodes on the way.
  CHECK(count_if_node(scenario, NodeControl::uncontrolled) == 16);
}

TEST_CASE("SUMO import: the scenario saves and loads back unchanged, SUMO references included") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-o grid.net.xml")) == 0);
  const Scenario scenario = import_net(scratch, "grid.net.xml", {}, 37).scenario;
  CHECK(scenario.sumo.begin_s == 37);
  const LoadResult again = load_scenario_string(save_scenario_string(scenario), "again.yaml");
  CHECK(again.scenario == scenario);
}

TEST_CASE("SUMO import: routes become entry flows and turns dated by arrival at the approach") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(3, "-o grid.net.xml")) == 0);
  // Both depart in the first minute; the second reaches A1 (about 10 s later) in the second minute.
  test::write_text(scratch / "r.rou.xml", R"(<routes>
  <vehicle id="a" depart="0"><route edges="left1A1 A1B1 B1C1 C1right1"/></vehicle>
  <vehicle id="b" depart="55"><route edges="left1A1 A1A2 A2top0"/></vehicle>
  <flow id="f" from="bottom1B0" to="B2top1" begin="0" end="120" vehsPerHour="600"/>
</routes>)");
  SumoImportOptions options;
  options.net_file = scratch / "grid.net.xml";
  options.route_files = {scratch / "r.rou.xml"};
  options.interval_s = 60;
  options.end_s = 180;
  const SumoImport imported = import_sumo(options);
  const Demand& demand = imported.scenario.demand;
  const auto entry = std::find_if(demand.entries.begin(), demand.entries.end(), [](const EntryFlow& e) { return e.link == "left1A1"; });
  REQUIRE(entry != demand.entries.end());
  CHECK(entry->flow_veh_per_h == std::vector<double>{120, 0, 0});
  const auto flow = std::find_if(demand.entries.begin(), demand.entries.end(), [](const EntryFlow& e) { return e.link == "bottom1B0"; });
  REQUIRE(flow != demand.entries.end());
  CHECK(flow->flow_veh_per_h == std::vector<double>{600, 600, 0});
  const auto turns = std::find_if(demand.turns.begin(), demand.turns.end(),
                                  [](const ApproachTurns& t) { return t.node == "A1" && t.link == "left1A1"; });
  REQUIRE(turns != demand.turns.end());
  CHECK_FALSE(turns->counts);
  for (const TurnShare& share : turns->shares) {
    INFO(share.movement);
    if (share.movement == "left1A1->A1B1") CHECK(share.values == std::vector<double>{1, 0, 0.5});
    if (share.movement == "left1A1->A1A2") CHECK(share.values == std::vector<double>{0, 1, 0.5});
  }
  const bool reported = std::any_of(imported.report.begin(), imported.report.end(), [](const std::string& line) {
    return line.find("turning proportions") != std::string::npos;
  });
  CHECK(reported);
}

TEST_CASE("SUMO import: a link too slow for the base saturation flow gets the capacity its jam density allows") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  // 10 km/h everywhere (a service road): 1900 veh/h/lane would need more than the jam density at that speed.
  REQUIRE(test::run_in(scratch, test::grid_options(2, "--default.speed 2.78 -o slow.net.xml")) == 0);
  const SumoImport imported = import_net(scratch, "slow.net.xml");
  const Scenario& scenario = imported.scenario;
  for (const Link& link : scenario.network.links) {
    INFO(link.id);
    CHECK(link.speed_kmh == doctest::Approx(10.0).epsilon(0.01));
    // Below half the jam density times the cells' speed, and no more than 2 veh/h below it.
    const double cells = static_cast<double>(cell_count(link.length_m, link.speed_kmh, scenario.simulation.dt_s));
    const double cell_speed_kmh = link.length_m / cells / scenario.simulation.dt_s * 3.6;
    const double limit = 1000 / link.jam_spacing_m * cell_speed_kmh / 2;
    CHECK(link.saturation_flow_veh_per_h_per_lane < limit);
    CHECK(link.saturation_flow_veh_per_h_per_lane > limit - 2);
    CHECK(link.saturation_flow_veh_per_h_per_lane < 700);
  }
  CHECK(validate(scenario).empty());
  const auto capped = std::find_if(imported.report.begin(), imported.report.end(), [](const std::string& line) {
    return line.find("capacity capped") != std::string::npos;
  });
  REQUIRE(capped != imported.report.end());
  CHECK(capped->find(std::to_string(scenario.network.links.size()) + " links") == 0);
  CHECK(capped->find("km/h") != std::string::npos);
  // The engine compiles it: before the cap, the congested wave outran the cells.
  const Model model = compile(scenario);
  CHECK(model.link_count() == scenario.network.links.size());
}

}  // namespace itsc

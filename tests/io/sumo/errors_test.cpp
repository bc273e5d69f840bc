// Bad SUMO input: a clear error with the file and line, and no output file.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/sumo/import_parts.hpp"
#include "io/sumo/sumo_tools.hpp"
#include "itsc/sumo.hpp"

namespace itsc {

namespace {

constexpr const char* kNet = R"(<?xml version="1.0" encoding="UTF-8"?>
<net version="1.9">
    <edge id="in" from="W" to="C">
        <lane id="in_0" index="0" speed="13.89" length="100.00" shape="0,0 100,0"/>
    </edge>
    <edge id="out" from="C" to="E">
        <lane id="out_0" index="0" speed="13.89" length="100.00" shape="100,0 200,0"/>
    </edge>
    <junction id="W" type="dead_end" x="0" y="0"/>
    <junction id="C" type="priority" x="100" y="0"/>
    <junction id="E" type="dead_end" x="200" y="0"/>
    <connection from="in" to="out" fromLane="0" toLane="0" dir="s"/>
</net>
)";

std::string import_error(const std::string& net, const std::string& routes = "") {
  std::vector<SumoSource> route_sources;
  if (!routes.empty()) route_sources.push_back({"r.rou.xml", routes});
  try {
    static_cast<void>(import_sumo({"n.net.xml", net}, route_sources, {}));
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    return error.what();
  }
  FAIL("no error");
  return "";
}

}  // namespace

TEST_CASE("SUMO import: a small hand-written net imports") {
  const SumoImport imported = import_sumo({"n.net.xml", kNet}, {}, {});
  CHECK(imported.scenario.network.links.size() == 2);
  CHECK(imported.scenario.network.find_node("C")->control == NodeControl::uncontrolled);
  CHECK(imported.scenario.network.find_node("W")->control == NodeControl::boundary);
}

TEST_CASE("SUMO import: bad input gives the file and line") {
  CHECK(import_error("<net><edge id=\"a\"\n</net>").find("n.net.xml:2:") == 0);
  CHECK(import_error("not xml at all") == "n.net.xml:1:15: not well-formed XML: No document element found");
  CHECK(import_error("<?xml version=\"1.0\"?>\n<routes/>\n") == "n.net.xml:2:1: root element is <routes>, expected <net>");
  std::string dangling = kNet;
  dangling.replace(dangling.find("to=\"out\" fromLane"), 8, "to=\"nowhere\"");
  CHECK(import_error(dangling) == "n.net.xml:12:5: connection refers to unknown edge 'nowhere'");
  std::string bad_junction = kNet;
  bad_junction.replace(bad_junction.find("to=\"E\""), 6, "to=\"X\"");
  CHECK(import_error(bad_junction) == "n.net.xml:6:5: edge 'out' refers to unknown junction 'X'");
  CHECK(import_error(kNet, "<routes>\n  <vehicle id=\"v\" depart=\"0\">\n    <route edges=\"in ghost\"/>\n  </vehicle>\n</routes>") ==
        "r.rou.xml:3:5: unknown edge 'ghost'");
  CHECK(import_error(kNet, "<routes>\n<trip id=\"t\" depart=\"0\" from=\"in\" to=\"gone\"/>\n</routes>") ==
        "r.rou.xml:2:1: unknown edge 'gone'");
}

TEST_CASE("SUMO import: a scenario that fails validation is reported at the SUMO edge it came from") {
  // 100 m/s: a link faster than validation's bound of 200 km/h.
  std::string fast = kNet;
  const std::string lane = "id=\"out_0\" index=\"0\" speed=\"13.89\"";
  fast.replace(fast.find(lane), lane.size(), "id=\"out_0\" index=\"0\" speed=\"100\"");
  const std::string message = import_error(fast);
  CHECK(message.find("n.net.xml:" + test::line_column_of(fast, "<edge id=\"out\"") + ": edge 'out', speed_kmh: ") == 0);
  CHECK(message.find("links[") == std::string::npos);
}

TEST_CASE("SUMO import: a signal program that validation rejects is reported at its tlLogic") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-o grid.net.xml")) == 0);
  // Every movement of A0 protected green together in its first phase: crossing throughs among them.
  std::string net = test::read_text(scratch / "grid.net.xml");
  const std::size_t logic = net.find("<tlLogic id=\"A0\"");
  REQUIRE(logic != std::string::npos);
  const std::size_t state = net.find("state=\"", logic) + 7;
  net.replace(state, net.find('"', state) - state, std::string(net.find('"', state) - state, 'G'));
  try {
    static_cast<void>(import_sumo({"grid.net.xml", net}, {}, {}));
    FAIL("no error");
  } catch (const Error& error) {
    REQUIRE_FALSE(error.diagnostics().empty());
    for (const Diagnostic& diagnostic : error.diagnostics()) {
      INFO(diagnostic.to_string());
      CHECK(diagnostic.to_string().find("grid.net.xml:" + test::line_column_of(net, "<tlLogic id=\"A0\"") +
                                        ": traffic light 'A0', sequence: movements '") == 0);
      CHECK(diagnostic.message.find("are both protected green") != std::string::npos);
    }
  }
}

TEST_CASE("SUMO import: key paths into nodes name the junction, connection and lanes they came from") {
  const SumoImport imported = import_sumo({"n.net.xml", kNet}, {}, {});
  const Scenario& scenario = imported.scenario;
  std::vector<std::string> report;
  const detail::SumoNet net = detail::read_sumo_net({"n.net.xml", kNet}, report);
  const detail::SumoSources sources(net);
  const std::string node = std::to_string(*scenario.network.node_index("C"));
  const auto located = [&](const std::string& path) {
    Diagnostic diagnostic{Severity::error, "", 0, 0, path, "message"};
    sources.locate(diagnostic, scenario, "n.net.xml");
    return diagnostic.to_string();
  };
  const std::string junction = "n.net.xml:" + test::line_column_of(kNet, "<junction id=\"C\"");
  const std::string connection = "n.net.xml:" + test::line_column_of(kNet, "<connection from=\"in\" to=\"out\"");
  CHECK(located("nodes[" + node + "].movements[0].turn") ==
        connection + ": connection from edge 'in' to edge 'out' at junction 'C', turn: message");
  CHECK(located("nodes[" + node + "]") == junction + ": junction 'C': message");
  CHECK(located("nodes[" + node + "].legs[0].bearing_deg").find(junction + ": leg '") == 0);
  CHECK(located("nodes[" + node + "].movements[7]") == junction + ": junction 'C', movements[7]: message");
  CHECK(located("links[" + std::to_string(scenario.network.links.size()) + "]") ==
        "n.net.xml: links[" + std::to_string(scenario.network.links.size()) + "]: message");  // no such link
  CHECK(located("simulation.dt_s") == "n.net.xml: simulation.dt_s: message");
}

TEST_CASE("itsc convert sumo: bad input writes no output file") {
  const std::string cli = ITSC_CLI_PATH;
  if (cli.empty()) {
    if (std::getenv("ITSC_REQUIRE_ALL_TESTS") != nullptr) FAIL("the itsc command line was not built");
    return;
  }
  test::Scratch scratch;
  test::write_text(scratch / "n.net.xml", kNet);
  test::write_text(scratch / "r.rou.xml", "<routes><flow id=\"f\" route=\"nope\" vehsPerHour=\"10\"/></routes>");
  const auto out = scratch / "out.yaml";
  const test::CliResult result = test::run_cli("convert sumo --net " + (scratch / "n.net.xml").string() + " --routes " +
                                               (scratch / "r.rou.xml").string() + " -o " + out.string());
  CHECK(result.code == 2);
  CHECK(result.err.find("r.rou.xml:1:9: unknown route 'nope'") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  const test::CliResult good = test::run_cli("convert sumo --net " + (scratch / "n.net.xml").string() + " -o " + out.string());
  CHECK(good.code == 0);
  CHECK(std::filesystem::exists(out));
}

}  // namespace itsc

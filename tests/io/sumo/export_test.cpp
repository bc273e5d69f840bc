// SUMO export: sumo loads the exported programs and runs to the end without warnings about them.
#include <doctest/doctest.h>

#include <cmath>
#include <regex>

#include "io/sumo/sumo_tools.hpp"
#include "itsc/io.hpp"
#include "itsc/sumo.hpp"

namespace itsc {

TEST_CASE("SUMO export: sumo runs an imported grid with an exported plan to the end, without warnings") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-o grid.net.xml")) == 0);
  test::write_text(scratch / "r.rou.xml", R"(<routes>
  <flow id="we" from="left0A0" to="B0right0" begin="0" end="600" vehsPerHour="400"/>
  <flow id="sn" from="bottom1B0" to="B1top1" begin="0" end="600" vehsPerHour="300"/>
</routes>)");
  const auto scenario_path = scratch / "grid.yaml";
  const auto plan_path = scratch / "plan.yaml";
  const auto tls_path = scratch / "tls.add.xml";
  const std::string cli = ITSC_CLI_PATH;
  if (cli.empty()) {
    if (std::getenv("ITSC_REQUIRE_ALL_TESTS") != nullptr) FAIL("the itsc command line was not built");
    return;
  }
  REQUIRE(test::run_cli("convert sumo --net " + (scratch / "grid.net.xml").string() + " --routes " +
                        (scratch / "r.rou.xml").string() + " --begin 5 --end 900 -o " + scenario_path.string() +
                        " --report " + (scratch / "report.txt").string())
              .code == 0);
  // A different plan: a 70 s cycle with an offset at B0.
  Scenario scenario = load_scenario_file(scenario_path).scenario;
  Plan plan;
  plan.timing = scenario.timing;
  Timing& b0 = plan.timing.at("B0");
  b0.cycle_s = 70;
  b0.offset_s = 12;
  b0.stages[0].green_s = 33;
  b0.stages[1].green_s = 31;
  save_plan_file(plan, plan_path);
  const test::CliResult exported = test::run_cli("export sumo --scenario " + scenario_path.string() + " --plan " +
                                                 plan_path.string() + " -o " + tls_path.string());
  REQUIRE(exported.code == 0);
  CHECK(exported.err.empty());
  const std::string xml = test::read_text(tls_path);
  CHECK(xml.find(R"(<tlLogic id="B0" type="static" programID="itsc" offset="17">)") != std::string::npos);
  CHECK(xml.find(R"(<phase duration="33" state=")") != std::string::npos);
  REQUIRE(test::run_in(scratch, "sumo -n grid.net.xml -r r.rou.xml -a tls.add.xml --begin 5 --end 900 "
                                "--no-step-log --duration-log.statistics") == 0);
  const std::string log = test::read_text(scratch / "log.txt");
  CHECK(log.find("Simulation ended at time: 900") != std::string::npos);
  CHECK(log.find("tlLogic") == std::string::npos);
  CHECK(log.find("Error") == std::string::npos);
  CHECK(log.find("Inserted: ") != std::string::npos);
}

TEST_CASE("SUMO export: the offset is written exactly and imports back bit for bit") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-o grid.net.xml")) == 0);
  SumoImportOptions options;
  options.net_file = scratch / "grid.net.xml";
  Scenario scenario = import_sumo(options).scenario;
  Timing& b0 = scenario.timing.at("B0");
  // Neither is a multiple of 0.1 s: one as an engineer may give it, one from converting a yield offset.
  const double yield_offset_s = offset_to_internal(b0, OffsetReference::yield, 100.0 / 3);
  for (const double offset_s : {12.34, yield_offset_s}) {
    INFO("offset " << offset_s);
    REQUIRE(std::fabs(offset_s * 10 - std::round(offset_s * 10)) > 1e-3);
    b0.offset_s = offset_s;
    const SumoExport exported = export_sumo_tls(scenario);
    std::smatch written;
    REQUIRE(std::regex_search(exported.xml, written, std::regex(R"re(<tlLogic id="B0"[^>]* offset="([^"]+)")re")));
    CHECK(std::stod(written[1]) == offset_s);
    test::write_text(scratch / "tls.add.xml", exported.xml);
    options.additional_files = {scratch / "tls.add.xml"};
    CHECK(import_sumo(options).scenario.timing.at("B0").offset_s == offset_s);
  }
}

TEST_CASE("SUMO export: a scenario that was not imported from SUMO is refused") {
  Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/isolated.yaml").scenario;
  CHECK_THROWS_WITH_AS(static_cast<void>(export_sumo_tls(scenario)),
                       doctest::Contains("needs a scenario imported from the SUMO net"), Error);
}

}  // namespace itsc

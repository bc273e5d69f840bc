// Signal programs of SUMO additional files replace the net's by traffic light id, as in SUMO, before the
// stage plans are built; bad programs are errors at their line.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "io/sumo/sumo_tools.hpp"
#include "itsc/io.hpp"
#include "itsc/sumo.hpp"

namespace itsc {

namespace {

// For A0 of a 2 x 2 netgenerate grid (12 signals: right, through, left from each of four approaches):
// the net's two stages with other greens, a red clearance and an offset.
constexpr double kFirstGreen_s = 20;
constexpr double kSecondGreen_s = 30;
constexpr double kYellow_s = 4;
constexpr double kRed_s = 1;
constexpr double kOffset_s = 7;

std::string a0_program() {
  const auto phase = [](double duration_s, const std::string& state) {
    return "    <phase duration=\"" + std::to_string(duration_s) + "\" state=\"" + state + "\"/>\n";
  };
  return "<additional>\n  <tlLogic id=\"A0\" type=\"static\" programID=\"mine\" offset=\"" + std::to_string(kOffset_s) +
         "\">\n" + phase(kFirstGreen_s, "GGgrrrGGgrrr") + phase(kYellow_s, "yyyrrryyyrrr") + phase(kRed_s, "rrrrrrrrrrrr") +
         phase(kSecondGreen_s, "rrrGGgrrrGGg") + phase(kYellow_s, "rrryyyrrryyy") + phase(kRed_s, "rrrrrrrrrrrr") +
         "  </tlLogic>\n  <e1Detector id=\"d\" lane=\"left0A0_0\" pos=\"10\" period=\"60\" file=\"d.xml\"/>\n</additional>\n";
}

std::string import_error(const std::string& net, const std::string& additional) {
  const std::vector<SumoSource> files{{"a.add.xml", additional}};
  try {
    static_cast<void>(import_sumo({"grid.net.xml", net}, {}, {}, files));
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    return error.what();
  }
  FAIL("no error");
  return "";
}

}  // namespace

TEST_CASE("SUMO import: a program in an additional file replaces the net's program of its traffic light") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-o grid.net.xml")) == 0);
  test::write_text(scratch / "a0.add.xml", a0_program());
  SumoImportOptions options;
  options.net_file = scratch / "grid.net.xml";
  const SumoImport plain = import_sumo(options);
  options.additional_files = {scratch / "a0.add.xml"};
  const SumoImport imported = import_sumo(options);

  const Timing& a0 = imported.scenario.timing.at("A0");
  const Timing& net_a0 = plain.scenario.timing.at("A0");
  REQUIRE(a0.stages.size() == 2);
  REQUIRE(net_a0.stages.size() == 2);
  CHECK(a0.cycle_s == 2 * (kYellow_s + kRed_s) + kFirstGreen_s + kSecondGreen_s);
  CHECK(a0.offset_s == kOffset_s);
  for (std::size_t k = 0; k < 2; ++k) {
    INFO("stage " << k);
    CHECK(a0.stages[k].green_s == (k == 0 ? kFirstGreen_s : kSecondGreen_s));
    CHECK(a0.stages[k].yellow_s == kYellow_s);
    CHECK(a0.stages[k].red_clearance_s == kRed_s);
    CHECK(a0.stages[k].serves == net_a0.stages[k].serves);  // the same signals, other times
  }
  CHECK(a0 != net_a0);
  for (const auto& [node, timing] : plain.scenario.timing) {
    if (node != "A0") CHECK(imported.scenario.timing.at(node) == timing);
  }
  const auto reported = [&](const std::string& words) {
    return std::any_of(imported.report.begin(), imported.report.end(),
                       [&](const std::string& line) { return line.find(words) != std::string::npos; });
  };
  CHECK(reported("a0.add.xml:2: traffic light 'A0': program 'mine' replaces program '0'"));
  CHECK(reported("1 elements other than <tlLogic> ignored"));
  CHECK_FALSE(reported("differs from SUMO's program"));

  const std::string cli = ITSC_CLI_PATH;
  if (cli.empty()) {
    if (std::getenv("ITSC_REQUIRE_ALL_TESTS") != nullptr) FAIL("the itsc command line was not built");
    return;
  }
  const auto out = scratch / "grid.yaml";
  REQUIRE(test::run_cli("convert sumo --net " + (scratch / "grid.net.xml").string() + " --additional " +
                        (scratch / "a0.add.xml").string() + " -o " + out.string())
              .code == 0);
  CHECK(load_scenario_file(out).scenario.timing.at("A0") == a0);
}

TEST_CASE("SUMO import: a bad program in an additional file is an error at its line") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-o grid.net.xml")) == 0);
  const std::string net = test::read_text(scratch / "grid.net.xml");
  const std::string good = a0_program();

  std::string unknown = good;
  unknown.replace(unknown.find("id=\"A0\""), 7, "id=\"Z9\"");
  CHECK(import_error(net, unknown) == "a.add.xml:" + test::line_column_of(unknown, "<tlLogic") +
                                          ": tlLogic for unknown traffic light 'Z9' (the net has no tlLogic with this id)");

  std::string shorter = good;
  for (std::size_t at = shorter.find("state=\""); at != std::string::npos; at = shorter.find("state=\"", at + 1)) {
    shorter.erase(at + 7, 1);  // one signal fewer in every phase
  }
  CHECK(import_error(net, shorter) == "a.add.xml:" + test::line_column_of(shorter, "<tlLogic") +
                                          ": tlLogic 'A0' has 11 signals per phase, the net's traffic light 12");

  const std::string cut = good.substr(0, good.find("</tlLogic>"));
  CHECK(import_error(net, cut).find("a.add.xml:") == 0);
  CHECK(import_error(net, cut).find("not well-formed XML") != std::string::npos);
  CHECK(import_error(net, "<routes/>") == "a.add.xml:1:1: root element is <routes>, expected <additional>");

  // The command line: the same message, and no scenario written.
  const std::string cli = ITSC_CLI_PATH;
  if (cli.empty()) return;
  test::write_text(scratch / "a.add.xml", unknown);
  const auto out = scratch / "grid.yaml";
  const test::CliResult result = test::run_cli("convert sumo --net " + (scratch / "grid.net.xml").string() +
                                               " --additional " + (scratch / "a.add.xml").string() + " -o " + out.string());
  CHECK(result.code == 2);
  CHECK(result.err.find("a.add.xml:" + test::line_column_of(unknown, "<tlLogic")) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

}  // namespace itsc

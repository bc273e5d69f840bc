// The Chicago default scenario (Ashland Avenue, derived by scripts/derive_chicago_ashland.py): it
// validates, passes the structural checks, and its count-based entry volumes equal ADT x K x
// directional share recomputed from the numbers recorded in its comments. Needs the YAML loader.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "generate/scenario_checks.hpp"
#include "itsc/io.hpp"

namespace itsc {

namespace {

const char* const kPath = ITSC_SOURCE_DIR "/data/chicago_ashland.yaml";

// "# entry: link=A site=B adt=C directional=D k=E" -> {link: A, site: B, ...}
std::map<std::string, std::string> fields(const std::string& line) {
  std::map<std::string, std::string> result;
  std::istringstream words(line.substr(line.find(':') + 1));
  std::string word;
  while (words >> word) {
    const auto equals = word.find('=');
    if (equals != std::string::npos) result[word.substr(0, equals)] = word.substr(equals + 1);
  }
  return result;
}

}  // namespace

TEST_CASE("data/chicago_ashland.yaml validates and passes the structural checks") {
  const LoadResult loaded = load_scenario_file(kPath);
  for (const Diagnostic& diagnostic : validate(loaded.scenario)) {
    CHECK_MESSAGE(diagnostic.severity != Severity::error, diagnostic.to_string());
  }
  testing::check_structure(loaded.scenario);
}

TEST_CASE("data/chicago_ashland.yaml: entry volumes are ADT x K x directional share of the cited counts") {
  const Scenario scenario = load_scenario_file(kPath).scenario;
  std::ifstream in(kPath);
  std::string line;
  int checked = 0;
  bool northbound = false;
  bool southbound = false;
  while (std::getline(in, line)) {
    if (line.rfind("# entry:", 0) != 0) continue;
    INFO(line);
    const auto entry = fields(line);
    const double adt = std::stod(entry.at("adt"));
    const double directional = std::stod(entry.at("directional"));
    const double k = std::stod(entry.at("k"));
    const double expected = adt * k * (directional / adt);
    bool found = false;
    for (const EntryFlow& flow : scenario.demand.entries) {
      if (flow.link != entry.at("link")) continue;
      found = true;
      REQUIRE(flow.flow_veh_per_h.size() == 1);
      CHECK(flow.flow_veh_per_h.front() == doctest::Approx(expected).epsilon(1e-9));
    }
    CHECK(found);
    northbound = northbound || entry.at("approach") == "Ashland_NB";
    southbound = southbound || entry.at("approach") == "Ashland_SB";
    ++checked;
  }
  CHECK(checked >= 2);
  CHECK(northbound);
  CHECK(southbound);
}

}  // namespace itsc

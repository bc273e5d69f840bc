// The SUMO networks of the RESCO benchmark, as researchers have them, import, validate and simulate.
// They are not in the repository: read from ../shared/data/resco/ beside it, skipped when absent.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "itsc/io.hpp"
#include "itsc/simulate.hpp"
#include "itsc/sumo.hpp"

namespace itsc {

namespace {

const std::filesystem::path kResco = std::filesystem::path(ITSC_SOURCE_DIR) / ".." / "shared" / "data" / "resco";

// Each of the RESCO networks there, with its route file where it has one: no errors (SUMO's own timings
// may warn, such as a yellow of 0 s), SUMO's foes at every signal, conservation over the whole run.
void check_network(const std::string& name) {
  const std::filesystem::path folder = kResco / name;
  if (!std::filesystem::exists(folder / (name + ".net.xml"))) {
    if (std::getenv("ITSC_REQUIRE_ALL_TESTS") != nullptr && std::filesystem::exists(kResco)) {
      FAIL("the RESCO network " << name << " is missing from " << kResco.string());
    }
    MESSAGE("skipped: the RESCO network " << name << " is not in " << kResco.string());
    return;
  }
  SumoImportOptions options;
  options.net_file = folder / (name + ".net.xml");
  const bool routed = std::filesystem::exists(folder / (name + ".rou.xml"));
  if (routed) options.route_files.push_back(folder / (name + ".rou.xml"));
  const SumoImport imported = import_sumo(options);
  const Scenario& scenario = imported.scenario;
  for (const Diagnostic& diagnostic : validate(scenario)) {
    CHECK_MESSAGE(diagnostic.severity != Severity::error, diagnostic.path << ": " << diagnostic.message);
  }
  CHECK_FALSE(scenario.sumo.signals.empty());
  for (const SumoSignal& signal : scenario.sumo.signals) {
    INFO(signal.node);
    REQUIRE(signal.foes.has_value());  // SUMO's foe matrix came with every signal
  }
  if (!routed) return;
  CHECK_FALSE(scenario.demand.entries.empty());
  const SimulationResult result = simulate(scenario);
  CHECK(result.vehicles_entered > 0);
  CHECK(std::isfinite(result.total_delay_veh_h));
  CHECK(result.total_delay_veh_h > 0);
  const double accounted = result.vehicles_exited + result.vehicles_inside + result.vehicles_waiting;
  CHECK(std::fabs(result.vehicles_entered - accounted) <= 1e-9 * result.vehicles_entered);
}

}  // namespace

TEST_CASE("SUMO import: RESCO cologne1 imports, validates and simulates") { check_network("cologne1"); }
TEST_CASE("SUMO import: RESCO cologne3 imports, validates and simulates") { check_network("cologne3"); }
TEST_CASE("SUMO import: RESCO ingolstadt1 imports, validates and simulates") { check_network("ingolstadt1"); }
TEST_CASE("SUMO import: RESCO ingolstadt7 imports, validates and simulates") { check_network("ingolstadt7"); }
TEST_CASE("SUMO import: RESCO grid4x4 imports and validates") { check_network("grid4x4"); }
TEST_CASE("SUMO import: RESCO arterial4x4 imports and validates") { check_network("arterial4x4"); }

}  // namespace itsc

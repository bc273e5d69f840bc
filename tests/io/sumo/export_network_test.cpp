// Any scenario as a SUMO scenario: netconvert builds it, SUMO runs it, and the vehicles SUMO counts on
// each approach are the scenario's demand.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <regex>

#include "io/sumo/sumo_tools.hpp"
#include "itsc/analyze.hpp"
#include "itsc/io.hpp"
#include "itsc/sim.hpp"
#include "itsc/sumo.hpp"
#include "support/cross_scenario.hpp"

namespace itsc {

namespace {

// Vehicles on each edge over a SUMO run (departed on it or entered it), from its edgedata output.
std::map<std::string, double> edge_counts(const std::filesystem::path& path) {
  const std::string text = test::read_text(path);
  const std::regex edge(R"re(<edge id="([^"]+)"[^>]* departed="([0-9.]+)"[^>]* entered="([0-9.]+)")re");
  std::map<std::string, double> counts;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), edge); it != std::sregex_iterator(); ++it) {
    counts[(*it)[1]] += std::stod((*it)[2]) + std::stod((*it)[3]);
  }
  return counts;
}

// Exports, builds and runs `scenario` in SUMO (a quarter of an hour past its end, so that the last
// vehicles reach every approach), and compares each approach's vehicles with its demand; `served`: SUMO's
// vehicles keep up with the demand (no approach oversaturated in SUMO).
void check_in_sumo(const Scenario& scenario, bool served = true) {
  test::Scratch scratch;
  const SumoScenarioExport exported = export_sumo_scenario(scenario, "s");
  for (const auto& [suffix, text] : {std::pair<const char*, const std::string*>{".nod.xml", &exported.nodes},
                                     {".edg.xml", &exported.edges}, {".con.xml", &exported.connections},
                                     {".tll.xml", &exported.programs}, {".rou.xml", &exported.routes},
                                     {".netccfg", &exported.netconvert_config}, {".sumocfg", &exported.sumo_config}}) {
    test::write_text(scratch / (std::string("s") + suffix), *text);
  }
  REQUIRE(test::run_in(scratch, "netconvert -c s.netccfg") == 0);
  const std::string built = test::read_text(scratch / "log.txt");
  CHECK(built.find("Error") == std::string::npos);
  const double end_s = scenario.duration_s() + 900;
  REQUIRE(test::run_in(scratch, "sumo -c s.sumocfg --no-step-log --end " + std::to_string(end_s) +
                                    " --edgedata-output edges.xml") == 0);
  // SUMO's only warnings are its drivers' hard braking at some yellows (its car-following model).
  const std::string log = test::read_text(scratch / "log.txt");
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Warning:", 0) != 0 || line.find("SUMO_HOME") != std::string::npos) continue;
    const bool braking = line.find("emergency braking") != std::string::npos;
    const bool jammed = line.find("eleport") != std::string::npos;  // SUMO's way out of a jam it cannot clear
    CHECK_MESSAGE((braking || (jammed && !served)), line);
  }
  // Every vehicle of the demand is in the routes.
  double entering = 0;
  for (const EntryFlow& flow : scenario.demand.entries) entering += flow.flow_veh_per_h.front() * scenario.duration_s() / 3600;
  std::size_t routed = 0;
  for (std::size_t at = 0; (at = exported.routes.find("<vehicle ", at)) != std::string::npos; ++at) ++routed;
  CHECK(static_cast<double>(routed) == doctest::Approx(entering).epsilon(0.005));
  if (!served) return;
  // Each approach's vehicles: the demand carried through the turning proportions over the run.
  const Model model = compile(scenario);
  const BatchDemand demand = compile_demand(model, scenario.demand, 1);
  const std::vector<double> volumes = demand_volumes(model, demand);
  const double hours = scenario.duration_s() / 3600 * demand.peak_hour_factor[0];
  const std::map<std::string, double> counted = edge_counts(scratch / "edges.xml");
  int approaches = 0;
  for (std::size_t l = 0; l < model.link_count(); ++l) {
    if (model.link_movement_begin[l] == model.link_movement_end[l]) continue;
    double expected = 0;
    for (auto m = model.link_movement_begin[l]; m < model.link_movement_end[l]; ++m) expected += volumes[m] * hours;
    const std::string link = model.link_id[l];
    INFO(link << ": SUMO " << (counted.count(link) ? counted.at(link) : -1) << ", expected " << expected);
    const auto found = counted.find(model.link_id[l]);
    REQUIRE(found != counted.end());
    // Within 2 %, and a vehicle either way for the smallest (whole vehicles per path).
    CHECK(std::abs(found->second - expected) <= std::max(0.02 * expected, 1.0));
    ++approaches;
  }
  CHECK(approaches > 0);
}

}  // namespace

TEST_CASE("SUMO export of any scenario: a hand-written intersection runs in SUMO with its demand") {
  ITSC_REQUIRE_SUMO();
  check_in_sumo(test::make_cross_scenario());
}

TEST_CASE("SUMO export of any scenario: each bundled scenario runs in SUMO with its demand") {
  ITSC_REQUIRE_SUMO();
  for (const char* name : {"isolated", "corridor", "grid6x6", "chicago_ashland"}) {
    CAPTURE(std::string(name));
    Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/" + name + ".yaml").scenario;
    // Ashland Avenue is oversaturated in SUMO even under the optimized plan (its side streets' lefts and
    // lane changes serve less than the HCM's capacities): SUMO runs it, but cannot carry all of it.
    check_in_sumo(scenario, std::string(name) != "chicago_ashland");
  }
}

TEST_CASE("SUMO export of any scenario: the files name their parts, and a node without coordinates is refused") {
  Scenario scenario = test::make_cross_scenario();
  const SumoScenarioExport exported = export_sumo_scenario(scenario, "cross");
  CHECK(exported.netconvert_config.find("cross.nod.xml") != std::string::npos);
  CHECK(exported.sumo_config.find("cross.net.xml") != std::string::npos);
  CHECK(exported.nodes.find("<node id=\"C\" x=\"0\" y=\"0\" type=\"traffic_light\" tl=\"C\"/>") != std::string::npos);
  // Every movement of the signal has a connection with a link index of its traffic light.
  std::size_t indexed = 0;
  for (std::size_t at = 0; (at = exported.programs.find("linkIndex=", at)) != std::string::npos; ++at) ++indexed;
  std::size_t lanes = 0;
  for (const Movement& movement : scenario.network.nodes.front().movements) {
    for (const LaneGroup& group : scenario.network.nodes.front().lane_groups) {
      if (std::find(group.movements.begin(), group.movements.end(), movement.id) != group.movements.end()) {
        lanes += static_cast<std::size_t>(group.lanes);
      }
    }
  }
  CHECK(indexed == lanes);
  scenario.network.nodes.front().x_m.reset();
  scenario.network.nodes.front().y_m.reset();
  CHECK_THROWS_WITH((void)export_sumo_scenario(scenario, "cross"), doctest::Contains("node 'C' has no coordinates"));
}

}  // namespace itsc

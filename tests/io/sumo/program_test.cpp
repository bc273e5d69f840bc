// The imported stage plan shows SUMO's signal state at every second, and so does the exported program,
// also when --begin is not a multiple of the cycle and the program has an offset.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "io/sumo/sumo_tools.hpp"
#include "itsc/interval_table.hpp"
#include "itsc/io.hpp"
#include "itsc/sumo.hpp"

namespace itsc {

namespace {

char state_char(Indication indication) {
  switch (indication) {
    case Indication::protected_green: return 'G';
    case Indication::permitted_green: return 'g';
    case Indication::yellow: return 'y';
    default: return 'r';
  }
}

// Runs SUMO from `begin` for two cycles and checks every recorded state of `node`'s traffic light
// against the scenario's interval table at the same time.
void check_states_every_second(const test::Scratch& scratch, const std::string& net, const std::string& additional,
                               const Scenario& scenario, const std::string& node_id, double begin_s) {
  const Node& node = *scenario.network.find_node(node_id);
  const SumoSignal& signal = *std::find_if(scenario.sumo.signals.begin(), scenario.sumo.signals.end(),
                                           [&](const SumoSignal& s) { return s.node == node_id; });
  std::vector<std::string> movements;
  for (const Movement& movement : node.movements) movements.push_back(movement.id);
  const IntervalTable table = compile_interval_table(scenario.timing.at(node_id), movements, {});
  test::write_text(scratch / "save.add.xml", "<additional><timedEvent type=\"SaveTLSStates\" source=\"" + signal.tls +
                                                 "\" dest=\"states.xml\"/></additional>");
  const double end_s = begin_s + 2 * static_cast<double>(table.cycle) / 10;
  const std::string files = additional.empty() ? "save.add.xml" : additional + ",save.add.xml";
  REQUIRE(test::run_in(scratch, "sumo -n " + net + " -a " + files + " --begin " + std::to_string(begin_s) + " --end " +
                                    std::to_string(end_s) + " --no-step-log") == 0);
  const auto states = test::read_tls_states(scratch / "states.xml");
  REQUIRE(states.size() >= static_cast<std::size_t>(table.cycle / 10));
  std::size_t mismatches = 0;
  for (const auto& [time_s, state] : states) {
    const Tenths local = table.local_time(to_tenths(time_s - begin_s));
    const std::size_t interval = table.interval_at(local);
    for (std::size_t m = 0; m < movements.size(); ++m) {
      for (int index : signal.link_indices.at(movements[m])) {
        if (state[static_cast<std::size_t>(index)] != state_char(table.indication(interval, m))) {
          if (++mismatches <= 5) {
            MESSAGE("t = " << time_s << " s, " << movements[m] << ": SUMO '" << state[static_cast<std::size_t>(index)]
                           << "', itsc '" << state_char(table.indication(interval, m)) << "'");
          }
        }
      }
    }
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("SUMO import: the stage plan gives SUMO's signal state at every second") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-L 2 --turn-lanes 1 --turn-lanes.length 40 "
                                                      "--tls.left-green.time 8 -o lanes.net.xml")) == 0);
  // An offset, and a program that starts in a clearance phase (rotated by two phases).
  std::string net = test::read_text(scratch / "lanes.net.xml");
  const std::string header = R"(<tlLogic id="A0" type="static" programID="0" offset="0">)";
  const auto at = net.find(header);
  REQUIRE(at != std::string::npos);
  net.replace(at, header.size(), R"(<tlLogic id="A0" type="static" programID="0" offset="23">)");
  const auto first_phase = net.find("<phase", at);
  const auto third_phase = net.find("<phase", net.find("<phase", first_phase + 1) + 1);
  const std::string moved = net.substr(first_phase, third_phase - first_phase);
  net.erase(first_phase, moved.size());
  net.insert(net.find("</tlLogic>", at), moved);
  test::write_text(scratch / "shifted.net.xml", net);

  for (const double begin_s : {0.0, 1007.0}) {
    INFO("begin " << begin_s);
    SumoImportOptions options;
    options.net_file = scratch / "shifted.net.xml";
    options.begin_s = begin_s;
    const SumoImport imported = import_sumo(options);
    for (const std::string& line : imported.report) CHECK(line.find("differs from SUMO's program") == std::string::npos);
    SUBCASE("SUMO's own program") { check_states_every_second(scratch, "shifted.net.xml", "", imported.scenario, "A0", begin_s); }
    SUBCASE("the exported program") {
      const SumoExport exported = export_sumo_tls(imported.scenario);
      test::write_text(scratch / "tls.add.xml", exported.xml);
      check_states_every_second(scratch, "shifted.net.xml", "tls.add.xml", imported.scenario, "A0", begin_s);
    }
  }
}

}  // namespace itsc

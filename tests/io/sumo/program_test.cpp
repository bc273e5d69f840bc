// The imported stage plan shows SUMO's signal state at every second, and so does the exported program,
// also when --begin is not a multiple of the cycle and the program has an offset, and with right turns
// on red ('s').
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <string>
#include <vector>

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
    case Indication::red_turn_on_red: return 's';
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
  std::vector<std::string> turn_on_red;
  for (const Movement& movement : node.movements) {
    movements.push_back(movement.id);
    if (movement.right_turn_on_red) turn_on_red.push_back(movement.id);
  }
  const IntervalTable table = compile_interval_table(scenario.timing.at(node_id), movements, {}, turn_on_red);
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

// The net's program of traffic light `tls` with 's' instead of 'r' at the link indices of its
// connections that turn `dir` ('r' right, 'l' left).
std::string with_turn_on_red(std::string net, const std::string& tls, char dir) {
  const std::regex connection("<connection [^>]* tl=\"" + tls + "\" linkIndex=\"([0-9]+)\" dir=\"" + dir + "\"");
  std::vector<std::size_t> indices;
  for (auto it = std::sregex_iterator(net.begin(), net.end(), connection); it != std::sregex_iterator(); ++it) {
    indices.push_back(std::stoul((*it)[1]));
  }
  REQUIRE_FALSE(indices.empty());
  const std::size_t begin = net.find("<tlLogic id=\"" + tls + "\"");
  const std::size_t end = net.find("</tlLogic>", begin);
  for (std::size_t at = net.find("state=\"", begin); at < end; at = net.find("state=\"", at + 1)) {
    for (std::size_t index : indices) {
      char& state = net[at + 7 + index];
      if (state == 'r') state = 's';
    }
  }
  return net;
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

TEST_CASE("SUMO import: right turns showing 's' turn on red, and the exported program shows 's' again") {
  ITSC_REQUIRE_SUMO();
  test::Scratch scratch;
  REQUIRE(test::run_in(scratch, test::grid_options(2, "-o grid.net.xml")) == 0);
  // Right turns at A0 on red; at B0 a left turn with 's', which the engine cannot turn on red.
  const std::string net = with_turn_on_red(with_turn_on_red(test::read_text(scratch / "grid.net.xml"), "A0", 'r'), "B0", 'l');
  test::write_text(scratch / "rtor.net.xml", net);
  SumoImportOptions options;
  options.net_file = scratch / "rtor.net.xml";
  const SumoImport imported = import_sumo(options);
  const Scenario& scenario = imported.scenario;
  std::size_t on_red = 0;
  for (const Node& node : scenario.network.nodes) {
    for (const Movement& movement : node.movements) {
      INFO(node.id << " " << movement.id);
      CHECK(movement.right_turn_on_red == (node.id == "A0" && movement.turn == TurnType::right));
      on_red += movement.right_turn_on_red ? 1 : 0;
    }
  }
  CHECK(on_red == 4);
  const auto reported = [&](const SumoImport& result, const std::string& words) {
    return std::any_of(result.report.begin(), result.report.end(),
                       [&](const std::string& line) { return line.find(words) != std::string::npos; });
  };
  const auto left_on_red = std::find_if(imported.report.begin(), imported.report.end(), [](const std::string& line) {
    return line.find("'s' (stop, then go) on a movement that is not a right turn imported as red") != std::string::npos;
  });
  REQUIRE(left_on_red != imported.report.end());
  CHECK(left_on_red->find("junction 'B0'") == 0);
  CHECK_FALSE(reported(imported, "junction 'A0', traffic light 'A0' ("));  // no note: SUMO's program as it is
  CHECK_FALSE(reported(imported, "differs from SUMO's program"));
  CHECK(validate(scenario).empty());

  check_states_every_second(scratch, "rtor.net.xml", "", scenario, "A0", 0);
  const SumoExport exported = export_sumo_tls(scenario);
  test::write_text(scratch / "tls.add.xml", exported.xml);
  check_states_every_second(scratch, "rtor.net.xml", "tls.add.xml", scenario, "A0", 0);
  // The exported programs, loaded after the net's as SUMO loads them, import to the same scenario.
  options.additional_files = {scratch / "tls.add.xml"};
  const SumoImport again = import_sumo(options);
  CHECK(again.scenario.network == scenario.network);
  CHECK(again.scenario.timing == scenario.timing);
  CHECK_FALSE(reported(again, "not a right turn imported as red"));
}

}  // namespace itsc

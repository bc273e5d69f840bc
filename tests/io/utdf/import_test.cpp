// UTDF import of a hand-written two-signal arterial (tests/io/utdf/arterial_utdf.hpp): the expected values
// are read off the file by hand (feet -> metres, MaxGreen + Yellow + AllRed -> split, Synchro's offset
// references -> libitsc's).
#include <doctest/doctest.h>

#include <itsc/simulate.hpp>
#include <itsc/units.hpp>
#include <itsc/utdf.hpp>

#include <algorithm>
#include <string>

#include "io/utdf/arterial_utdf.hpp"

namespace itsc {

namespace {

UtdfImport import_arterial() { return import_utdf(UtdfSource{"net.csv", test::kArterialUtdf}); }

const Phase& phase(const Timing& timing, int number) {
  const auto& phases = timing.rings->phases;
  const auto found = std::find_if(phases.begin(), phases.end(), [&](const Phase& p) { return p.number == number; });
  REQUIRE(found != phases.end());
  return *found;
}

const LaneGroup* group(const Node& node, const std::string& id) {
  for (const LaneGroup& g : node.lane_groups) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("UTDF import: nodes, links and lanes as the file gives them, in metres") {
  const UtdfImport imported = import_arterial();
  const Network& network = imported.scenario.network;
  CHECK(network.nodes.size() == 8);
  CHECK(network.links.size() == 14);  // 4 + 4 approaches, 6 links out to the external nodes
  CHECK(network.find_node("1")->control == NodeControl::signalized);
  CHECK(network.find_node("101")->control == NodeControl::boundary);
  CHECK(*network.find_node("2")->x_m == doctest::Approx(1000 * kMetresPerFoot));
  const Link& arterial = *network.find_link("1-2");
  CHECK(arterial.length_m == doctest::Approx(304.8));
  CHECK(arterial.speed_kmh == doctest::Approx(35 * kKmPerMile));
  CHECK(arterial.lanes == 2);
  const Node& first = *network.find_node("1");
  CHECK(first.movements.size() == 12);
  CHECK(first.legs.size() == 4);
  const LaneGroup* nbt = group(first, "NBT");
  REQUIRE(nbt);
  CHECK(nbt->movements == std::vector<std::string>{"NBT", "NBR"});  // Shared 2: with the right
  const LaneGroup* ebl = group(first, "EBL");
  REQUIRE(ebl);
  CHECK(ebl->bay_length_m == doctest::Approx(150 * kMetresPerFoot));
  const LaneGroup* ebt = group(*network.find_node("2"), "EBT");
  REQUIRE(ebt);
  CHECK(ebt->lanes == 2);
  CHECK(ebt->movements.size() == 3);  // Shared 3: the left and the right in the through lanes
  const auto nbr = std::find_if(first.movements.begin(), first.movements.end(), [](const Movement& m) { return m.id == "NBR"; });
  CHECK(nbr->to_link == "1-2");
  CHECK(nbr->right_turn_on_red);
}

TEST_CASE("UTDF import: volumes become turning counts and entries at the external nodes") {
  const Demand& demand = import_arterial().scenario.demand;
  const auto entry = std::find_if(demand.entries.begin(), demand.entries.end(), [](const EntryFlow& e) { return e.link == "101-1"; });
  REQUIRE(entry != demand.entries.end());
  CHECK(entry->flow_veh_per_h[0] == doctest::Approx(80 + 600 + 70));
  CHECK(entry->heavy_vehicle_percent == doctest::Approx(4));
  CHECK(demand.entries.size() == 6);  // the arterial's links 1-2 and 2-1 start at a signal
  const auto turns = std::find_if(demand.turns.begin(), demand.turns.end(), [](const ApproachTurns& t) { return t.node == "2" && t.link == "1-2"; });
  REQUIRE(turns != demand.turns.end());
  CHECK(turns->counts);
  CHECK(turns->shares.size() == 3);
}

TEST_CASE("UTDF import: phases, rings, movements and timings equal the file's") {
  const Scenario scenario = import_arterial().scenario;
  const Timing& first = scenario.timing.at("1");
  CHECK(first.cycle_s == 100);
  REQUIRE(first.rings);
  CHECK(first.rings->rings == std::vector<std::vector<std::vector<int>>>{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
  CHECK(first.rings->coordinated_phases == std::vector<int>{2, 6});
  const Phase& two = phase(first, 2);
  CHECK(two.split_s == doctest::Approx(30 + 4 + 1));
  CHECK(*two.max1_s == 30);
  CHECK(*two.min_green_s == 10);
  CHECK(*two.passage_s == 3);
  CHECK(*two.yellow_s == 4);
  CHECK(*two.red_clearance_s == 1);
  CHECK(two.recall == Recall::max);
  CHECK(two.dual_entry);
  CHECK(*two.walk_s == 7);
  CHECK(*two.pedestrian_clearance_s == 11);
  CHECK(!phase(first, 1).walk_s);
  CHECK(two.serves.protected_movements == std::vector<std::string>{"EBT", "EBR"});
  CHECK(two.serves.permitted_movements == std::vector<std::string>{"EBL"});
  CHECK(phase(first, 1).split_s == doctest::Approx(20));
  CHECK(phase(first, 1).serves.protected_movements == std::vector<std::string>{"NBR", "WBL"});  // Phase2 row: NBR
  CHECK(phase(first, 8).serves.protected_movements == std::vector<std::string>{"NBT", "NBR"});
  CHECK(phase(first, 4).recall == Recall::min);
  const Timing& second = scenario.timing.at("2");
  CHECK(second.rings->rings == std::vector<std::vector<std::vector<int>>>{{{2}, {4}}, {{6}, {8}}});
  CHECK(phase(second, 2).recall == Recall::max);  // C-Max
  CHECK(phase(second, 2).serves.permitted_movements == std::vector<std::string>{"EBL"});
}

TEST_CASE("UTDF import: offsets converted from the file's references") {
  const Scenario scenario = import_arterial().scenario;
  // Node 1: phase 6 turns green 15 s into the cycle, phase 2 at 20 s; "begin of green" is the last of
  // 2+6 to turn green, 5 s after libitsc's reference (the first): 30 - 5.
  CHECK(scenario.timing.at("1").offset_s == doctest::Approx(25));
  // Node 2: phases 2 and 6 turn yellow 55 s after they turn green: 70 - 55.
  CHECK(scenario.timing.at("2").offset_s == doctest::Approx(15));
  REQUIRE(scenario.utdf);
  CHECK(scenario.utdf->signals.size() == 2);
  CHECK(scenario.utdf->signals[1].referenced_to == 1);
  CHECK(scenario.utdf->signals[1].control_type == 3);
}

TEST_CASE("UTDF import: each Referenced To code puts the offset where Synchro measures it") {
  // Node 2: phases 2 and 6 turn green together at libitsc's reference, yellow 55 s later, red 59 s later.
  const auto offset_with = [](const char* code) {
    std::string text = test::kArterialUtdf;
    text.replace(text.find("Referenced To,2,1"), 17, std::string("Referenced To,2,") + code);
    return import_utdf(UtdfSource{"net.csv", text}).scenario.timing.at("2").offset_s;
  };
  CHECK(offset_with("0") == doctest::Approx(70));  // begin of green
  CHECK(offset_with("2") == doctest::Approx(11));  // begin of red: 70 - 59
  CHECK(offset_with("3") == doctest::Approx(70));  // TS2 first green
  CHECK(offset_with("4") == doctest::Approx(15));  // 170 style, taken as the begin of yellow
}

TEST_CASE("UTDF import: a Phase1 cell that is no phase number serves no phase and is reported") {
  std::string text = test::kArterialUtdf;
  text.replace(text.find("Phase1,1,3,8,8,"), 15, "Phase1,1,3,8,F,");
  const UtdfImport imported = import_utdf(UtdfSource{"net.csv", text});
  CHECK(phase(imported.scenario.timing.at("1"), 8).serves.protected_movements == std::vector<std::string>{"NBT"});
  CHECK(std::count(imported.report.begin(), imported.report.end(), "node 1 NBR: Phase1 'F' is no phase number, ignored") == 1);
}

TEST_CASE("UTDF import: Metric 1 takes metres and km/h as they are") {
  std::string text = test::kArterialUtdf;
  text.replace(text.find("Metric,0"), 8, "Metric,1");
  const Scenario scenario = import_utdf(UtdfSource{"net.csv", text}).scenario;
  CHECK(scenario.network.find_link("1-2")->length_m == doctest::Approx(1000));
  CHECK(scenario.network.find_link("1-2")->speed_kmh == doctest::Approx(35));
  REQUIRE(scenario.utdf);
  CHECK(scenario.utdf->metric);
}

TEST_CASE("UTDF import: the scenario validates and simulates") {
  const Scenario scenario = import_arterial().scenario;
  for (const Diagnostic& diagnostic : validate(scenario)) CHECK_MESSAGE(diagnostic.severity != Severity::error, diagnostic.to_string());
  const SimulationResult result = simulate(scenario);
  CHECK(result.vehicles_exited > 0);
}

}  // namespace itsc

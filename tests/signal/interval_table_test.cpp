// The interval table of fixed-time operation: a standard 8-phase dual-ring plan (lead-lag main-street
// lefts with flashing-yellow-arrow permitted periods, lead-lead side-street lefts, two overlaps) checked
// against a table written by hand at every 0.1 s, the equivalent stage plan, and the errors.
#include <itsc/error.hpp>
#include <itsc/interval_table.hpp>
#include <itsc/ring_plan.hpp>

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/cross_scenario.hpp"

using namespace itsc;

namespace {

Phase phase(int number, std::vector<std::string> protect, std::vector<std::string> permit, double split_s,
            double yellow_s, double red_s, std::vector<std::string> crosswalks = {}) {
  Phase p;
  p.number = number;
  p.serves.protected_movements = std::move(protect);
  p.serves.permitted_movements = std::move(permit);
  p.serves.crosswalks = std::move(crosswalks);
  p.split_s = split_s;
  p.yellow_s = yellow_s;
  p.red_clearance_s = red_s;
  if (!p.serves.crosswalks.empty()) {
    p.walk_s = 7;
    p.pedestrian_clearance_s = 11.3;  // 12 m crosswalks: 12 / 1.07 = 11.21 s, rounded up
  }
  return p;
}

// Ring 1: 1 (EBL) leads 2 (WBT) | 3 (SBL) leads 4 (NBT); ring 2: 6 (EBT) leads 5 (WBL, lagging) |
// 7 (NBL) leads 8 (SBT). Each left is permitted (flashing yellow arrow) with the opposing through.
// Overlap A: NBR with parents 4 and 5; overlap B: WBR with parent 3 (WBR is also in phase 2).
Timing eight_phase_plan() {
  RingPlan plan;
  plan.phases = {phase(1, {"EBL"}, {}, 10, 3, 1),
                 phase(2, {"WBT", "WBR"}, {"EBL"}, 40, 4, 1, {"N", "S"}),
                 phase(3, {"SBL"}, {}, 10, 3, 1),
                 phase(4, {"NBT"}, {"SBL"}, 30, 3.5, 1.5, {"E"}),
                 phase(5, {"WBL"}, {}, 15, 4, 1),
                 phase(6, {"EBT", "EBR"}, {"WBL"}, 35, 4, 1),
                 phase(7, {"NBL"}, {}, 10, 3, 1),
                 phase(8, {"SBT", "SBR"}, {"NBL"}, 30, 3.5, 1.5, {"W"})};
  plan.rings = {{{1, 2}, {3, 4}}, {{6, 5}, {7, 8}}};
  plan.coordinated_phases = {2};
  plan.overlaps = {Overlap{"A", {4, 5}, {{"NBR"}, {}, {}}}, Overlap{"B", {3}, {{"WBR"}, {}, {}}}};
  Timing timing;
  timing.cycle_s = 90;
  timing.offset_s = 25;
  timing.rings = plan;
  return timing;
}

const std::vector<std::string> kMovements{"EBL", "EBT", "EBR", "WBL", "WBT", "WBR",
                                          "NBL", "NBT", "NBR", "SBL", "SBT", "SBR"};
const std::vector<std::string> kCrosswalks{"N", "E", "S", "W"};

// The table by hand, in local time (0 = start of phase 2's green, 10 s into ring 1), as runs
// "letter start_s": G protected green, P permitted green, Y yellow, R red; W walk, F flashing don't
// walk, D don't walk. Plan times: phase 1 0-10 (green to 6), 2 10-50 (green to 45), 6 0-35 (green to
// 30), 5 35-50 (green to 45), 3 and 7 50-60 (green to 56), 4 and 8 60-90 (green to 85).
const std::map<std::string, std::string> kExpected{
    {"EBL", "P0 Y35 R39 G80 Y86 P89"},  // yellow arrow, then the flashing yellow arrow in 1's red
    {"EBT", "G0 Y20 R24 G80"},
    {"EBR", "G0 Y20 R24 G80"},
    {"WBL", "P0 G25 Y35 R39 P80"},       // permitted through 6's clearance straight into 5
    {"WBT", "G0 Y35 R39"},
    {"WBR", "G0 Y46 R49"},               // green through 2's clearance into its overlap parent 3
    {"NBL", "R0 G40 Y46 P49 Y75 R78.5"},
    {"NBT", "R0 G50 Y75 R78.5"},
    {"NBR", "R0 G25 Y35 R39 G50 Y75 R78.5"},  // overlap A: 5, then 4; next phase after 5 is 7
    {"SBL", "R0 G40 Y46 P49 Y75 R78.5"},
    {"SBT", "R0 G50 Y75 R78.5"},
    {"SBR", "R0 G50 Y75 R78.5"},
    {"N", "W0 F7 D18.3"},
    {"E", "D0 W50 F57 D68.3"},
    {"S", "W0 F7 D18.3"},
    {"W", "D0 W50 F57 D68.3"},
};

// The letter a run list gives at local time t (tenths).
char expected_at(const std::string& runs, Tenths t) {
  std::istringstream in(runs);
  std::string run;
  char shown = '?';
  while (in >> run) {
    if (to_tenths(std::stod(run.substr(1))) <= t) shown = run[0];
  }
  return shown;
}

char letter(Indication indication) {
  switch (indication) {
    case Indication::protected_green: return 'G';
    case Indication::permitted_green: return 'P';
    case Indication::yellow: return 'Y';
    case Indication::red: return 'R';
    case Indication::red_turn_on_red: return 'T';
  }
  return '?';
}

char letter(PedestrianIndication indication) {
  switch (indication) {
    case PedestrianIndication::walk: return 'W';
    case PedestrianIndication::flashing_dont_walk: return 'F';
    case PedestrianIndication::dont_walk: return 'D';
  }
  return '?';
}

void check_golden(const IntervalTable& table) {
  REQUIRE(table.cycle == 900);
  CHECK(table.offset == 250);
  // Every 0.1 s of system time: local time = system time - offset.
  for (Tenths system = 0; system < 900; ++system) {
    const Tenths local = table.local_time(system);
    REQUIRE(local == (system + 900 - 250) % 900);
    const std::size_t i = table.interval_at(local);
    for (std::size_t m = 0; m < kMovements.size(); ++m) {
      INFO(kMovements[m], " at local ", local);
      CHECK(letter(table.indication(i, m)) == expected_at(kExpected.at(kMovements[m]), local));
    }
    for (std::size_t c = 0; c < kCrosswalks.size(); ++c) {
      INFO(kCrosswalks[c], " at local ", local);
      CHECK(letter(table.pedestrian(i, c)) == expected_at(kExpected.at(kCrosswalks[c]), local));
    }
  }
}

// The same operation as stages, one per change of concurrent phases, starting with phase 2's green.
Timing eight_phase_as_stages() {
  const auto stage = [](std::vector<std::string> protect, std::vector<std::string> permit, std::vector<std::string> walks,
                        double green, double yellow, double red) {
    Stage s;
    s.serves = {std::move(protect), std::move(permit), std::move(walks)};
    s.green_s = green;
    s.yellow_s = yellow;
    s.red_clearance_s = red;
    return s;
  };
  Timing timing;
  timing.cycle_s = 90;
  timing.offset_s = 25;
  timing.stages = {stage({"WBT", "WBR", "EBT", "EBR"}, {"EBL", "WBL"}, {"N", "S"}, 20, 4, 1),  // 2 + 6
                   stage({"WBT", "WBR", "WBL", "NBR"}, {"EBL"}, {}, 10, 4, 1),                 // 2 + 5 + A
                   stage({"SBL", "NBL", "WBR"}, {}, {}, 6, 3, 1),                             // 3 + 7 + B
                   stage({"NBT", "SBT", "SBR", "NBR"}, {"SBL", "NBL"}, {"E", "W"}, 25, 3.5, 1.5),  // 4 + 8 + A
                   stage({"EBL", "EBT", "EBR"}, {"WBL"}, {}, 6, 3, 1)};                       // 1 + 6
  return timing;
}

// One four-leg intersection with 12 m crosswalks whose ids match the columns above.
Scenario cross() { return test::make_cross_scenario(); }

}  // namespace

TEST_CASE("interval table: 8-phase dual ring, lead-lag lefts, FYA and overlaps, by hand at every 0.1 s") {
  check_golden(compile_interval_table(eight_phase_plan(), kMovements, kCrosswalks));
}

TEST_CASE("interval table: the equivalent stage plan gives the same table") {
  const Scenario scenario = cross();
  const Node& node = scenario.network.nodes.front();
  const IntervalTable rings = compile_interval_table(eight_phase_plan(), kMovements, kCrosswalks);
  // The stage form leaves walk and pedestrian clearance to the defaults: 7 s and 11.3 s at 12 m.
  const Timing stages = resolve_timing(eight_phase_as_stages(), node, scenario.network);
  const IntervalTable from_stages = compile_interval_table(stages, kMovements, kCrosswalks);
  CHECK(from_stages == rings);
  check_golden(from_stages);
}

TEST_CASE("interval table: the plan is valid under the conflict rules") {
  Scenario scenario = cross();
  scenario.timing["C"] = eight_phase_plan();
  std::vector<std::string> errors;
  for (const Diagnostic& d : validate(scenario)) errors.push_back(d.path + ": " + d.message);
  CHECK(errors.empty());
  INFO(errors.size());
}

TEST_CASE("interval table: a stage plan needs its pedestrian intervals resolved") {
  Timing timing = eight_phase_as_stages();
  CHECK_THROWS_WITH_AS((void)compile_interval_table(timing, kMovements, kCrosswalks),
                       "timing: phase 1 has no walk_s (resolve_timing sets the defaults from the node's geometry)", Error);
}

TEST_CASE("interval table: unknown columns, a wrong cycle and rings out of step are errors") {
  const std::vector<std::string> few{"EBT"};
  CHECK_THROWS_WITH_AS((void)compile_interval_table(eight_phase_plan(), few, kCrosswalks),
                       "timing: the plan references unknown movement 'EBL'", Error);
  Timing timing = eight_phase_plan();
  timing.cycle_s = 100;
  CHECK_THROWS_WITH_AS((void)compile_interval_table(timing, kMovements, kCrosswalks),
                       "timing: cycle_s 100.000000 differs from the ring time 90.000000", Error);
  timing = eight_phase_plan();
  timing.rings->phases[4].split_s = 20;  // phase 5: ring 2 now reaches the barrier at 55 s
  CHECK_THROWS_WITH_AS((void)compile_interval_table(timing, kMovements, kCrosswalks),
                       "timing: ring 2 does not reach barrier 1 with ring 1", Error);
  timing = eight_phase_plan();
  timing.rings->phases[0].yellow_s = 9.5;
  CHECK_THROWS_WITH_AS((void)compile_interval_table(timing, kMovements, kCrosswalks),
                       "timing: phase 1: yellow and red clearance exceed the split", Error);
}

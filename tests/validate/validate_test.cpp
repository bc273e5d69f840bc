// Every semantic check of itsc::validate, with its exact key path and message, on a scenario
// built in code (file positions are added by the loader; see tests/io).
#include <doctest/doctest.h>
#include <itsc/scenario.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "support/cross_scenario.hpp"

namespace {

using itsc::Diagnostic;
using itsc::Scenario;
using itsc::Severity;

std::vector<std::string> errors_of(const Scenario& scenario) {
  std::vector<std::string> result;
  for (const Diagnostic& d : itsc::validate(scenario)) {
    if (d.severity == Severity::error) result.push_back(d.path + ": " + d.message);
  }
  return result;
}

std::vector<std::string> warnings_of(const Scenario& scenario) {
  std::vector<std::string> result;
  for (const Diagnostic& d : itsc::validate(scenario)) {
    if (d.severity == Severity::warning) result.push_back(d.path + ": " + d.message);
  }
  return result;
}

// The scenario has exactly this one error.
void check_single_error(const Scenario& scenario, const std::string& expected) {
  const auto errors = errors_of(scenario);
  CAPTURE(errors.size());
  REQUIRE(errors.size() == 1);
  CHECK(errors.front() == expected);
}

itsc::Node& center(Scenario& s) { return s.network.nodes.front(); }

}  // namespace

TEST_CASE("validate: the base scenario is valid and quiet") {
  const Scenario scenario = itsc::test::make_cross_scenario();
  CHECK(errors_of(scenario).empty());
  CHECK(warnings_of(scenario).empty());
  CHECK_NOTHROW(itsc::require_valid(scenario));
}

TEST_CASE("validate: link numbers") {
  Scenario s = itsc::test::make_cross_scenario();
  SUBCASE("zero lanes") {
    s.network.links[3].lanes = 0;
    check_single_error(s, "links[3].lanes: must be a positive integer, got 0");
  }
  SUBCASE("a billion lanes") {
    s.network.links[3].lanes = 1'000'000'000;
    check_single_error(s, "links[3].lanes: must be at most 16, got 1000000000");
  }
  SUBCASE("negative length") {
    s.network.links[0].length_m = -5;
    check_single_error(s, "links[0].length_m: must be a positive number, got -5");
  }
  SUBCASE("NaN speed") {
    s.network.links[1].speed_kmh = std::numeric_limits<double>::quiet_NaN();
    check_single_error(s, "links[1].speed_kmh: must be a finite number, got nan");
  }
  SUBCASE("infinite length") {
    s.network.links[1].length_m = std::numeric_limits<double>::infinity();
    check_single_error(s, "links[1].length_m: must be a finite number, got inf");
  }
  SUBCASE("capacity beyond jam density") {
    s.network.links[2].jam_spacing_m = 40;
    s.network.links[2].speed_kmh = 10;
    check_single_error(s, "links[2].saturation_flow_veh_per_h_per_lane: capacity 1900 veh/h/lane at 10 km/h "
                          "needs more than the jam density of 25 veh/km/lane");
  }
}

TEST_CASE("validate: ids and references") {
  Scenario s = itsc::test::make_cross_scenario();
  SUBCASE("duplicate link id") {
    s.network.links[4].id = s.network.links[2].id;
    const auto errors = errors_of(s);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front() == "links[4].id: duplicate id 'E_C' (also links[2])");
  }
  SUBCASE("dangling node") {
    s.network.links[1].to = "Q";
    const auto errors = errors_of(s);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front() == "links[1].to: unknown node 'Q'");
  }
  SUBCASE("movement on a link that does not meet the node") {
    center(s).movements[0].from_link = "C_E";
    const auto errors = errors_of(s);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front() == "nodes[0].movements[0].from: link 'C_E' does not arrive at node 'C'");
  }
  SUBCASE("movement listed twice") {
    center(s).movements[1].to_link = center(s).movements[0].to_link;
    center(s).movements[1].turn = itsc::TurnType::left;
    const auto errors = errors_of(s);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front() == "nodes[0].movements[1]: movement from 'N_C' to 'C_E' is listed twice (also nodes[0].movements[0])");
  }
  SUBCASE("all-way stop is rejected") {
    center(s).control = itsc::NodeControl::all_way_stop;
    s.timing.clear();
    check_single_error(s, "nodes[0].control: all-way stop control is not modelled yet; use signalized or two_way_stop");
  }
}

TEST_CASE("validate: turn types against bearings") {
  Scenario s = itsc::test::make_cross_scenario();
  SUBCASE("a left declared as a right") {
    center(s).movements[0].turn = itsc::TurnType::right;
    check_single_error(s, "nodes[0].movements[0].turn: turn 'right' contradicts the bearings: the movement turns left (90 degrees)");
  }
  SUBCASE("a through declared as a left") {
    center(s).movements[1].turn = itsc::TurnType::left;
    check_single_error(s, "nodes[0].movements[1].turn: turn 'left' contradicts the bearings: the movement goes straight on (0 degrees)");
  }
  SUBCASE("given leg bearings take precedence over coordinates") {
    // Pointing the west leg south makes EBT (arriving from it, leaving east) a right turn.
    center(s).legs[3].bearing_deg = 180;
    const auto errors = errors_of(s);
    CHECK(std::find(errors.begin(), errors.end(),
                    "nodes[0].movements[10].turn: turn 'through' contradicts the bearings: the movement turns right (90 degrees)") !=
          errors.end());
  }
}

TEST_CASE("validate: lane groups") {
  Scenario s = itsc::test::make_cross_scenario();
  SUBCASE("movement in two groups") {
    center(s).lane_groups[1].movements.push_back("SBL");
    const auto errors = errors_of(s);
    CHECK(std::find(errors.begin(), errors.end(),
                    "nodes[0].lane_groups[1].movements[3]: movement 'SBL' is in lane groups 'SB' and 'WB'") != errors.end());
  }
  SUBCASE("movement in no group at a signal") {
    center(s).lane_groups[0].movements.pop_back();
    check_single_error(s, "nodes[0].movements[2]: movement 'SBR' is in no lane group");
  }
  SUBCASE("more lanes than the link has") {
    center(s).lane_groups[0].lanes = 3;
    check_single_error(s, "nodes[0].lane_groups: lane groups without a bay use 3 lanes but link 'N_C' has 2");
  }
  SUBCASE("turn on red for a movement that is not a right turn") {
    center(s).movements[1].right_turn_on_red = true;
    check_single_error(s, "nodes[0].movements[1].right_turn_on_red: a turn on red is for right turns, not 'through'");
  }
  SUBCASE("a two-way stop without its major street") {
    center(s).control = itsc::NodeControl::two_way_stop;
    s.timing.clear();
    check_single_error(s, "nodes[0]: a two-way stop node needs its major street: list its links in major_links");
  }
  SUBCASE("a major street at a signal") {
    center(s).major_links = {"W_C"};
    check_single_error(s, "nodes[0].major_links: major_links is for two_way_stop nodes");
  }
  SUBCASE("a major street that does not meet the node") {
    center(s).control = itsc::NodeControl::two_way_stop;
    s.timing.clear();
    center(s).major_links = {"W_C", "nowhere"};
    check_single_error(s, "nodes[0].major_links[1]: unknown link 'nowhere'");
  }
  SUBCASE("bay longer than its link") {
    center(s).lane_groups[0].bay_length_m = 400;
    check_single_error(s, "nodes[0].lane_groups[0].bay_length_m: bay of 400 m does not fit on link 'N_C' of 300 m");
  }
  SUBCASE("prevailing conditions of the saturation flow out of HCM's range") {
    center(s).lane_groups[0].lane_width_m = 2.0;
    check_single_error(s, "nodes[0].lane_groups[0].lane_width_m: must be between 2.4 m and 4.9 m, got 2");
    center(s).lane_groups[0].lane_width_m = 3.6;
    center(s).lane_groups[0].parking_maneuvers_per_h = 200;
    check_single_error(s, "nodes[0].lane_groups[0].parking_maneuvers_per_h: must be between 0 per hour and 180 per hour, got 200");
    center(s).lane_groups[0].parking_maneuvers_per_h.reset();
    center(s).lane_groups[0].buses_stopping_per_h = -1;
    check_single_error(s, "nodes[0].lane_groups[0].buses_stopping_per_h: must be between 0 per hour and 250 per hour, got -1");
    center(s).lane_groups[0].buses_stopping_per_h = 0;
    center(s).lane_groups[0].lane_utilization_factor = 1.2;
    const auto errors = errors_of(s);
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().find("nodes[0].lane_groups[0].lane_utilization_factor") == 0);
  }
}

TEST_CASE("validate: reachability") {
  Scenario s = itsc::test::make_cross_scenario();
  SUBCASE("a link no movement leaves") {
    // Drop every movement from the north approach (and its lane group and counts).
    auto& movements = center(s).movements;
    movements.erase(movements.begin(), movements.begin() + 3);
    center(s).lane_groups.erase(center(s).lane_groups.begin());
    s.demand.turns.erase(s.demand.turns.begin());
    s.timing["C"].stages[0].serves.protected_movements = {"NBT", "NBR"};
    s.timing["C"].stages[0].serves.permitted_movements = {"NBL"};
    const auto errors = errors_of(s);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "nodes[0]: link 'N_C' arrives at node 'C' but no movement leaves it");
    CHECK(errors[1] == "links[0]: link 'N_C' reaches no exit");
  }
  SUBCASE("a link no entry reaches") {
    // Nothing turns into C_N any more.
    for (auto& movement : center(s).movements) {
      if (movement.to_link == "C_N") movement.to_link = "C_S";
    }
    const auto errors = errors_of(s);
    CHECK(std::find(errors.begin(), errors.end(), "links[1]: link 'C_N' is not reachable from any entry") != errors.end());
  }
  SUBCASE("two separate parts are only a warning") {
    s.network.nodes.push_back(itsc::Node{"X", itsc::NodeControl::boundary, 1000.0, 1000.0, {}, {}, {}});
    s.network.nodes.push_back(itsc::Node{"Y", itsc::NodeControl::boundary, 1000.0, 1300.0, {}, {}, {}});
    s.network.links.push_back(itsc::Link{"X_Y", "X", "Y", 300, 1, 50, 1900, 7.5});
    CHECK(errors_of(s).empty());
    const auto warnings = warnings_of(s);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings.front() == "nodes: the network has 2 separate parts");
  }
}

TEST_CASE("validate: demand") {
  Scenario s = itsc::test::make_cross_scenario();
  SUBCASE("proportions that do not sum to one") {
    s.demand.turns[0] = itsc::ApproachTurns{"C", "N_C", false, {{"SBL", {0.1}}, {"SBT", {0.8}}, {"SBR", {0.05}}}};
    check_single_error(s, "demand.turns[0].proportions: turning proportions sum to 0.9500000000000001, not 1 "
                          "(set demand.normalize_turns: true to rescale)");
  }
  SUBCASE("normalize_turns opts in to rescaling") {
    s.demand.turns[0] = itsc::ApproachTurns{"C", "N_C", false, {{"SBL", {0.1}}, {"SBT", {0.8}}, {"SBR", {0.05}}}};
    s.demand.normalize_turns = true;
    CHECK(errors_of(s).empty());
  }
  SUBCASE("entry at a link that does not start at a boundary") {
    s.demand.entries.push_back(itsc::EntryFlow{"C_N", {100}, 0});
    check_single_error(s, "demand.entries[4].link: link 'C_N' does not start at a boundary node");
  }
  SUBCASE("negative flow") {
    s.demand.entries[2].flow_veh_per_h = {-10};
    const auto errors = errors_of(s);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front() == "demand.entries[2].flow_veh_per_h: must not be negative, got -10");
  }
  SUBCASE("approach without turning data") {
    s.demand.turns.erase(s.demand.turns.begin() + 1);
    check_single_error(s, "nodes[0]: approach 'E_C' at node 'C' has 3 movements but no turning counts or "
                          "proportions in demand.turns");
  }
  SUBCASE("peak-hour factor with a 15-minute profile") {
    s.demand.interval_s = 900;
    for (auto& entry : s.demand.entries) entry.flow_veh_per_h = {500, 600, 700, 600};
    s.demand.peak_hour_factor = 0.9;
    check_single_error(s, "demand.peak_hour_factor: applies only to a flat hourly profile; this profile has 4 "
                          "intervals, which already carry the peaking");
  }
  SUBCASE("counts at an entry that do not add up to its flow: reported, and the balance decides") {
    s.demand.entries[0].flow_veh_per_h = {603};  // the counts give 600: a 0.5% difference is reported too
    CHECK(errors_of(s).empty());
    CHECK(warnings_of(s) == std::vector<std::string>{
                                "demand.turns[0].counts: the counts add up to 600 veh/h, the entry flow of 'N_C' is 603 "
                                "veh/h: the run scales the counts by 1.005 (demand.balance: entries; set counts to let "
                                "the counts win, or error to refuse)"});
    s.demand.balance = itsc::DemandBalance::counts;
    CHECK(warnings_of(s) == std::vector<std::string>{
                                "demand.entries[0].flow_veh_per_h: the counts add up to 600 veh/h, the entry flow of "
                                "'N_C' is 603 veh/h: the run takes the counts (demand.balance: counts)"});
    s.demand.balance = itsc::DemandBalance::error;
    check_single_error(s, "demand.turns[0].counts: the counts add up to 600 veh/h, the entry flow of 'N_C' is 603 veh/h "
                          "(demand.balance: error; make them agree, or choose entries or counts)");
    // Within half a vehicle per hour they agree.
    s.demand.entries[0].flow_veh_per_h = {600.4};
    CHECK(errors_of(s).empty());
    CHECK(warnings_of(s).empty());
  }
  SUBCASE("pedestrians on a leg without a crosswalk") {
    center(s).legs[1].crosswalk_length_m.reset();
    s.demand.pedestrians.push_back(itsc::PedestrianFlow{"C", "E", 100});
    check_single_error(s, "demand.pedestrians[0].leg: leg 'E' at node 'C' has no crosswalk");
  }
}

TEST_CASE("validate: trips that start or end inside the network") {
  Scenario s = itsc::test::make_cross_scenario();
  // C_N starts at the signal, N_C ends there: both inside the network.
  s.demand.sources = {itsc::EntryFlow{"C_N", {100}, 5}};
  s.demand.sinks = {itsc::TripEnds{"N_C", {0.2}}};
  CHECK(errors_of(s).empty());
  SUBCASE("at the boundary, entries and exits already do it") {
    s.demand.sources.push_back(itsc::EntryFlow{"N_C", {100}, 0});
    s.demand.sinks.push_back(itsc::TripEnds{"C_N", {0.5}});
    CHECK(errors_of(s) == std::vector<std::string>{
                              "demand.sources[1].link: link 'N_C' starts at a boundary node: give its flow in demand.entries",
                              "demand.sinks[1].link: link 'C_N' ends at a boundary node, where every vehicle leaves the network"});
  }
  SUBCASE("values out of range, unknown and repeated links") {
    s.demand.sources[0].flow_veh_per_h = {-1};
    s.demand.sources[0].heavy_vehicle_percent = 120;
    s.demand.sinks[0].share = {1.5};
    s.demand.sinks.push_back(itsc::TripEnds{"N_C", {0.1}});
    s.demand.sinks.push_back(itsc::TripEnds{"nowhere", {0.1}});
    CHECK(errors_of(s) == std::vector<std::string>{
                              "demand.sources[0].flow_veh_per_h: must not be negative, got -1",
                              "demand.sources[0].heavy_vehicle_percent: must be between 0 % and 100 %, got 120",
                              "demand.sinks[0].share: must be between 0 and 1, got 1.5",
                              "demand.sinks[1].link: link 'N_C' is already given (demand.sinks[0])",
                              "demand.sinks[2].link: unknown link 'nowhere'"});
  }
  SUBCASE("profiles as long as the others") {
    s.demand.interval_s = 900;
    s.demand.sinks[0].share = {0.1, 0.2};
    s.demand.sources[0].flow_veh_per_h = {10, 20, 30};
    CHECK(errors_of(s) == std::vector<std::string>{
                              "demand.sinks[0].share: has 2 intervals but the longest profile has 3 (give 1 or 3)"});
  }
}

TEST_CASE("validate: stage plans") {
  Scenario s = itsc::test::make_cross_scenario();
  itsc::Timing& timing = s.timing["C"];
  SUBCASE("stage times that do not add up to the cycle") {
    timing.stages[1].green_s = 20;
    check_single_error(s, "timing.C.sequence.stages: stage times add up to 55 s, not the cycle of 60 s");
  }
  SUBCASE("a stage listing one movement twice") {
    timing.stages[0].serves.permitted_movements.push_back("SBT");
    check_single_error(s, "timing.C.sequence.stages[0].permitted[2]: movement 'SBT' is listed twice");
  }
  SUBCASE("an unknown movement") {
    timing.stages[1].serves.protected_movements[0] = "EBX";
    const auto errors = errors_of(s);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front() == "timing.C.sequence.stages[1].protected[0]: unknown movement 'EBX' at node 'C'");
  }
  SUBCASE("an absurd cycle") {
    timing.cycle_s = 1e6;
    const auto errors = errors_of(s);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.front() == "timing.C.cycle_s: must be at most 600 s, got 1000000");
  }
  SUBCASE("times finer than a tenth of a second") {
    timing.stages[0].yellow_s = 3.95;
    timing.stages[0].green_s = 25.05;
    const auto errors = errors_of(s);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "timing.C.sequence.stages[0].green_s: must be a multiple of 0.1 s, got 25.05");
    CHECK(errors[1] == "timing.C.sequence.stages[0].yellow_s: must be a multiple of 0.1 s, got 3.95");
  }
  SUBCASE("a signal without timing, and timing without a signal") {
    s.timing["N"] = timing;
    s.timing.erase("C");
    const auto errors = errors_of(s);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "nodes[0]: signalized node 'C' has no timing");
    CHECK(errors[1] == "timing.N: 'N' is not a signalized node");
  }
  SUBCASE("offset beyond the cycle") {
    timing.offset_s = 60;
    check_single_error(s, "timing.C.offset_s: must be less than the cycle of 60 s, got 60");
  }
}

TEST_CASE("validate: ring plans in shape") {
  Scenario s = itsc::test::make_cross_scenario();
  itsc::Timing& timing = s.timing["C"];
  itsc::RingPlan plan;
  const auto phase = [](int number, std::vector<std::string> movements, std::vector<std::string> permitted, double split) {
    itsc::Phase p;
    p.number = number;
    p.serves.protected_movements = std::move(movements);
    p.serves.permitted_movements = std::move(permitted);
    p.split_s = split;
    return p;
  };
  plan.phases = {phase(2, {"SBT", "SBR"}, {}, 30), phase(6, {"NBT", "NBR"}, {"NBL", "SBL"}, 30),
                 phase(4, {"EBT", "EBR"}, {"EBL"}, 30), phase(8, {"WBT", "WBR"}, {"WBL"}, 30)};
  plan.rings = {{{2}, {4}}, {{6}, {8}}};
  plan.coordinated_phases = {2, 6};
  timing.stages.clear();
  timing.cycle_s = 60;
  timing.rings = plan;
  CHECK(errors_of(s).empty());
  SUBCASE("barrier times differ between rings") {
    timing.rings->phases[1].split_s = 25;
    timing.rings->phases[3].split_s = 35;
    check_single_error(s, "timing.C.sequence.rings[1][0]: ring 2 reaches barrier 1 at 25 s but ring 1 at 30 s");
  }
  SUBCASE("a phase in no ring and an undefined phase") {
    timing.rings->rings[1][1] = {9};
    const auto errors = errors_of(s);
    CAPTURE(errors);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0] == "timing.C.sequence.rings[1][1][0]: phase 9 is not defined in phases");
    CHECK(errors[1] == "timing.C.sequence.phases[3].phase: phase 8 is in no ring");
  }
  SUBCASE("a coordinated phase that does not exist") {
    timing.rings->coordinated_phases = {2, 7};
    check_single_error(s, "timing.C.sequence.coordinated_phases[1]: phase 7 is not defined in phases");
  }
}

TEST_CASE("validate: simulation settings") {
  Scenario s = itsc::test::make_cross_scenario();
  SUBCASE("a step that is not a multiple of 0.1 s") {
    s.simulation.dt_s = 0.25;
    check_single_error(s, "simulation.dt_s: must be a multiple of 0.1 s, got 0.25");
  }
  SUBCASE("negative sneakers") {
    s.simulation.sneakers_per_cycle = -1;
    check_single_error(s, "simulation.sneakers_per_cycle: must not be negative, got -1");
  }
  SUBCASE("lost times out of range") {
    s.simulation.startup_lost_time_s = -0.5;
    check_single_error(s, "simulation.startup_lost_time_s: must not be negative, got -0.5");
    s.simulation.startup_lost_time_s = 2;
    s.simulation.usable_yellow_s = 12;
    check_single_error(s, "simulation.usable_yellow_s: must be at most 10 s, got 12");
  }
  SUBCASE("a warm-up as long as the run") {
    s.simulation.duration_s = 600;
    check_single_error(s, "simulation.warmup_s: the warm-up of 900 s is not shorter than the run of 600 s: nothing would be measured");
  }
}

namespace {

itsc::Phase ring_phase(int number, std::vector<std::string> protect, double split) {
  itsc::Phase p;
  p.number = number;
  p.serves.protected_movements = std::move(protect);
  p.split_s = split;
  return p;
}

// Two phases per barrier group as in "ring plans in shape": 2 (SBT, SBR) with 6 (NBT, NBR; lefts
// permitted), then 4 (EBT, EBR; EBL permitted) with 8 (WBT, WBR; WBL permitted); 30 s splits,
// yellow and red clearance from the defaults (3.3 s and 0.5 s at 50 km/h).
itsc::Timing dual_ring() {
  itsc::RingPlan plan;
  plan.phases = {ring_phase(2, {"SBT", "SBR"}, 30), ring_phase(6, {"NBT", "NBR"}, 30), ring_phase(4, {"EBT", "EBR"}, 30),
                 ring_phase(8, {"WBT", "WBR"}, 30)};
  plan.phases[1].serves.permitted_movements = {"NBL", "SBL"};
  plan.phases[2].serves.permitted_movements = {"EBL"};
  plan.phases[3].serves.permitted_movements = {"WBL"};
  plan.rings = {{{2}, {4}}, {{6}, {8}}};
  itsc::Timing timing;
  timing.cycle_s = 60;
  timing.rings = plan;
  return timing;
}

}  // namespace

TEST_CASE("validate: splits hold their intervals, defaults included") {
  Scenario s = itsc::test::make_cross_scenario();
  s.timing["C"] = dual_ring();
  REQUIRE(errors_of(s).empty());
  itsc::Phase& phase2 = s.timing["C"].rings->phases[0];
  SUBCASE("min green") {
    phase2.min_green_s = 27;
    check_single_error(s, "timing.C.sequence.phases[0].split_s: split of 30 s is less than min green 27 s + yellow 3.3 s "
                          "(default) + red clearance 0.5 s (default) = 30.8 s");
  }
  SUBCASE("no green left") {
    phase2.yellow_s = 29;
    phase2.red_clearance_s = 1;
    check_single_error(s, "timing.C.sequence.phases[0].split_s: split of 30 s leaves no green after yellow 29 s + "
                          "red clearance 1 s = 30 s");
  }
  SUBCASE("walk and pedestrian clearance") {
    phase2.serves.crosswalks = {"E"};
    phase2.walk_s = 20;
    check_single_error(s, "timing.C.sequence.phases[0].split_s: split of 30 s is less than walk 20 s + pedestrian "
                          "clearance 11.3 s (default) + yellow 3.3 s (default) + red clearance 0.5 s (default) = 35.1 s");
  }
  SUBCASE("a stage's green and a long crossing") {
    s.timing["C"] = itsc::test::make_cross_scenario().timing["C"];
    s.timing["C"].stages[0].serves.crosswalks = {"E"};
    center(s).legs[1].crosswalk_length_m = 30;  // 30 / 1.07 = 28.04 -> 28.1 s
    check_single_error(s, "timing.C.sequence.stages[0].green_s: green of 25 s is less than walk 7 s (default) + "
                          "pedestrian clearance 28.1 s (default) = 35.1 s");
  }
}

TEST_CASE("validate: unusual intervals are warnings") {
  Scenario s = itsc::test::make_cross_scenario();
  SUBCASE("a short yellow in a stage") {
    s.timing["C"].stages[0].yellow_s = 2.5;
    s.timing["C"].stages[0].green_s = 26.5;
    CHECK(errors_of(s).empty());
    CHECK(warnings_of(s) == std::vector<std::string>{"timing.C.sequence.stages[0].yellow_s: yellow of 2.5 s is outside the usual 3 to 6 s"});
  }
  SUBCASE("a long red clearance and short pedestrian times in a phase") {
    s.timing["C"] = dual_ring();
    itsc::Phase& phase2 = s.timing["C"].rings->phases[0];
    phase2.red_clearance_s = 7;
    phase2.serves.crosswalks = {"E"};
    phase2.pedestrian_clearance_s = 10;
    phase2.walk_s = 3;
    CHECK(errors_of(s).empty());
    CHECK(warnings_of(s) ==
          std::vector<std::string>{
              "timing.C.sequence.phases[0].red_clearance_s: red clearance of 7 s is above the usual 6 s at most",
              "timing.C.sequence.phases[0].pedestrian_clearance_s: pedestrian clearance of 10 s is shorter than "
              "crosswalk 'E' (12 m) needs at 1.07 m/s (11.3 s)",
              "timing.C.sequence.phases[0].walk_s: walk + pedestrian clearance of 13 s is shorter than crosswalk 'E' "
              "(12 m) needs at 0.91 m/s from 1.8 m behind the curb (15.2 s)"});
  }
}

TEST_CASE("validate: conflicting movements and crosswalks") {
  Scenario s = itsc::test::make_cross_scenario();
  itsc::Stage& north_south = s.timing["C"].stages[0];
  SUBCASE("two protected movements that merge") {
    north_south.serves.protected_movements.push_back("WBR");
    check_single_error(s, "timing.C.sequence: movements 'WBR' and 'NBT' merge and are both protected green (from 0 s of the cycle)");
  }
  SUBCASE("SUMO's foe matrix takes away the conflicts its junction paths do not have") {
    north_south.serves.protected_movements.push_back("WBR");
    itsc::SumoSignal sumo{.node = "C", .tls = "C", .link_count = 1, .link_indices = {}, .foes = std::nullopt};
    sumo.foes.emplace();
    for (const itsc::Movement& movement : center(s).movements) (*sumo.foes)[movement.id];
    s.sumo.signals = {sumo};
    CHECK(errors_of(s).empty());  // SUMO's WBR does not meet its NBT: a channelized right turn
    (*s.sumo.signals[0].foes)["NBT"] = {"WBR"};
    check_single_error(s, "timing.C.sequence: movements 'WBR' and 'NBT' merge and are both protected green (from 0 s of the cycle)");
    (*s.sumo.signals[0].foes)["NBT"] = {"XYZ"};
    (*s.sumo.signals[0].foes)["ABC"] = {};
    CHECK(errors_of(s) == std::vector<std::string>{
                              "sumo.signals[0].foes.ABC: unknown movement 'ABC' at node 'C'",
                              "sumo.signals[0].foes.NBT[0]: unknown movement 'XYZ' at node 'C'"});
  }
  SUBCASE("two protected movements that cross") {
    s.timing["C"] = dual_ring();
    auto& phase6 = s.timing["C"].rings->phases[1].serves;
    phase6.permitted_movements = {"SBL"};
    phase6.protected_movements.push_back("NBL");
    const auto errors = errors_of(s);
    CHECK(errors == std::vector<std::string>{
                        "timing.C.sequence: movements 'SBT' and 'NBL' cross and are both protected green (from 0 s of the cycle)",
                        "timing.C.sequence: movements 'SBR' and 'NBL' merge and are both protected green (from 0 s of the cycle)"});
  }
  SUBCASE("two permitted movements that cross") {
    std::erase(north_south.serves.protected_movements, "NBT");
    north_south.serves.permitted_movements.push_back("NBT");
    check_single_error(s, "timing.C.sequence: permitted movements 'SBL' and 'NBT' cross and are green together (from 0 s of the cycle)");
  }
  SUBCASE("a protected yellow against a conflicting green") {
    itsc::RingPlan plan;
    plan.phases = {ring_phase(1, {"EBT"}, 20), ring_phase(2, {}, 10), ring_phase(5, {}, 18), ring_phase(6, {"NBT"}, 12)};
    plan.phases[0].yellow_s = 4;
    plan.phases[0].red_clearance_s = 0;
    plan.rings = {{{1, 2}}, {{5, 6}}};
    s.timing["C"].stages.clear();
    s.timing["C"].cycle_s = 30;
    s.timing["C"].rings = plan;
    // The plan serves EBT and NBT alone: the other movements are reported unserved, and the one conflict.
    std::vector<std::string> conflicts;
    for (const std::string& error : errors_of(s)) {
      if (error.find("is served by no phase") == std::string::npos) conflicts.push_back(error);
    }
    CHECK(conflicts == std::vector<std::string>{
                           "timing.C.sequence: movements 'NBT' and 'EBT' cross and both hold the right of way (protected "
                           "green or the yellow after it) (from 18 s of the cycle)"});
  }
  SUBCASE("through movements across a crosswalk that shows walk; turns yield") {
    north_south.serves.crosswalks = {"N"};
    CHECK(errors_of(s) == std::vector<std::string>{
                              "timing.C.sequence: through movement 'SBT' has the right of way while crosswalk 'N', which "
                              "it crosses, shows walk (from 0 s of the cycle)",
                              "timing.C.sequence: through movement 'NBT' has the right of way while crosswalk 'N', which "
                              "it crosses, shows walk (from 0 s of the cycle)"});
  }
  SUBCASE("pedestrian overlaps are rejected") {
    s.timing["C"] = dual_ring();
    s.timing["C"].rings->overlaps = {itsc::Overlap{"A", {2}, {{}, {}, {"W"}}}};
    check_single_error(s, "timing.C.sequence.overlaps[0].crosswalks: pedestrian overlaps are not supported: give the "
                          "crosswalks to the parent phases");
  }
}

TEST_CASE("validate: actuated control needs detectors that call the node's phases") {
  Scenario scenario = itsc::test::make_cross_scenario();
  scenario.timing["C"].controller = "actuated";
  check_single_error(scenario,
                     "timing.C.controller: controller 'actuated' needs detectors that call its phases; node 'C' has none");
  itsc::Detector detector;
  detector.id = "d1";
  detector.link = scenario.network.links.front().id;  // arrives at C
  REQUIRE(scenario.network.links.front().to == "C");
  detector.extends = {1};
  scenario.network.detectors.push_back(detector);
  check_single_error(scenario,
                     "timing.C.controller: controller 'actuated' needs detectors that call its phases; node 'C' has none");
  scenario.network.detectors.back().calls = {1};
  CHECK(errors_of(scenario).empty());
  scenario.timing["C"].controller = "adaptive";
  check_single_error(scenario, "timing.C.controller: unknown controller 'adaptive' (known: fixed, actuated, max-pressure, max-pressure-cycle)");
}

TEST_CASE("validate: a detector calls and extends only phases of the signal its link leads to") {
  Scenario scenario = itsc::test::make_cross_scenario();
  itsc::Detector detector;
  detector.id = "d1";
  detector.link = scenario.network.links.front().id;  // arrives at C, a two-stage plan: phases 1 and 2
  detector.calls = {2};
  detector.extends = {9};
  scenario.network.detectors.push_back(detector);
  check_single_error(scenario, "detectors[0].extends[0]: phase 9 is not in the timing of node 'C' (its phases: 1, 2)");
  scenario.network.detectors.back().extends = {1};
  CHECK(errors_of(scenario).empty());
  // A detector on a link that leaves C (toward a boundary node) has no signal to call.
  const auto leaving = std::find_if(scenario.network.links.begin(), scenario.network.links.end(),
                                    [](const itsc::Link& link) { return link.from == "C"; });
  REQUIRE(leaving != scenario.network.links.end());
  scenario.network.detectors.back().link = leaving->id;
  check_single_error(scenario, "detectors[0]: calls or extends phases, but link '" + leaving->id + "' leads to node '" +
                                   leaving->to + "', which has no signal timing");
  // A counting detector (no calls, no extends) may be anywhere.
  scenario.network.detectors.back().calls.clear();
  scenario.network.detectors.back().extends.clear();
  CHECK(errors_of(scenario).empty());
}

TEST_CASE("validate: every movement of a signal is served, or closed to traffic") {
  Scenario scenario = itsc::test::make_cross_scenario();
  REQUIRE(errors_of(scenario).empty());
  auto& stages = scenario.timing["C"].stages;
  std::erase(stages[1].serves.protected_movements, "EBR");
  check_single_error(scenario, "timing.C.sequence: movement 'EBR' is served by no stage (always red): serve it, or "
                               "mark it closed: true if no traffic may take it");
  itsc::Movement& ebr = *std::find_if(center(scenario).movements.begin(), center(scenario).movements.end(),
                                      [](const itsc::Movement& m) { return m.id == "EBR"; });
  ebr.closed = true;
  // Closed, but the counts still send 60 veh/h into it.
  itsc::TurnShare* count = nullptr;
  for (itsc::ApproachTurns& turns : scenario.demand.turns) {
    for (itsc::TurnShare& share : turns.shares) {
      if (share.movement == "EBR") count = &share;
    }
  }
  REQUIRE(count != nullptr);
  check_single_error(scenario, "demand.turns[3].counts.EBR: movement 'EBR' is closed to traffic: its count must be 0");
  count->values = {0.0};
  CHECK(errors_of(scenario).empty());
  // Closed but served by the plan.
  stages[1].serves.protected_movements.push_back("EBR");
  check_single_error(scenario, "timing.C.sequence: movement 'EBR' is closed, but the plan serves it");
  // Closed and the only way on from its link: its traffic would have nowhere to go.
  std::erase(stages[1].serves.protected_movements, "EBR");
  for (itsc::Movement& m : center(scenario).movements) {
    if (m.from_link == ebr.from_link) m.closed = true;
  }
  for (itsc::Stage& stage : stages) {
    std::erase(stage.serves.protected_movements, "EBT");
    std::erase(stage.serves.permitted_movements, "EBL");
  }
  for (itsc::TurnShare& share : scenario.demand.turns[3].shares) share.values = {0.0};
  const auto errors = errors_of(scenario);
  CHECK(std::count_if(errors.begin(), errors.end(), [](const std::string& e) {
          return e.find("is the only way on from link") != std::string::npos;
        }) == 3);
}

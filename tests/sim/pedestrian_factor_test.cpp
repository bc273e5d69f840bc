// Turns yield to the pedestrians in the crosswalk they turn across: a right turn discharges at
// s / E_R × f_Rpb, a permitted left at its gap rate × f_Lpb (HCM 6th/7th ed. chapter 31), with f from the
// walk and pedestrian clearance of the crosswalk in the turn's green; and HCM 7th ed. chapter 31
// Example Problem 1's factors (Exhibit 31-77) compiled from its scenario.
#include <itsc/io.hpp>
#include <itsc/ring_plan.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "sim/approach_builders.hpp"
#include "sim/sim_helpers.hpp"

using namespace itsc;

namespace {

const char* const kExample = ITSC_SOURCE_DIR "/tests/data/hcm_ch31_example1.yaml";

void add_crosswalk(Scenario& s, const std::string& leg, const std::string& out_link, double length_m = 12) {
  Leg l;
  l.id = leg;
  l.out_link = out_link;
  l.crosswalk_length_m = length_m;
  test::node_c(s).legs.push_back(l);
}

// Eastbound right turn into C_S, saturated, 45 s of green (yellow 3 s, red clearance 1 s) in a 90 s
// cycle, with the south crosswalk's walk and pedestrian clearance in its stage; a southbound through
// takes the rest of the cycle. One receiving lane for one turning lane: f_Rpb = 1 − OCC_r.
Scenario right_turn(double pedestrians_per_h, bool walk_with_the_right = true) {
  test::FourLeg x = test::four_leg(NodeControl::signalized);
  test::add_movement(x, "EBR", "W_C", "C_S", TurnType::right);
  test::add_movement(x, "SBT", "N_C", "C_S", TurnType::through);
  test::add_flow(x.s, "W_C", 1500);
  test::add_flow(x.s, "N_C", 300);
  add_crosswalk(x.s, "south", "C_S");
  Stage eastbound = test::stage({"EBR"}, {}, 45);
  Stage southbound = test::stage({"SBT"}, {}, 37);
  if (walk_with_the_right) eastbound.serves.crosswalks = {"south"};
  test::set_plan(x.s, {eastbound, southbound});
  if (!walk_with_the_right) {
    // The walk in a stage of its own: an exclusive pedestrian interval between the two.
    Timing& timing = x.s.timing["C"];
    Stage walk;
    walk.serves.crosswalks = {"south"};
    walk.green_s = 20;
    timing.stages.insert(timing.stages.begin() + 1, walk);
    timing.cycle_s += 20;
  }
  if (pedestrians_per_h > 0) x.s.demand.pedestrians.push_back(PedestrianFlow{"C", "south", pedestrians_per_h});
  return x.s;
}

}  // namespace

TEST_CASE("pedestrian factor: a right turn under pedestrians discharges at s / E_R × f_Rpb") {
  // f_Rpb = 1 − (g_ped / g) · v_ped · C / g_ped / 2000 = 1 − v_ped · C / (2000 · g) while v_pedg ≤ 1000 p/h:
  // 200 p/h, C = 90 s, g = 45 − l1 + e = 45 s: 1 − 0.2.
  const Scenario scenario = right_turn(200);
  const Node& c = scenario.network.nodes.front();
  const Phase phase = resolve_timing(scenario.timing.at("C"), c, scenario.network).rings->phases.front();
  const double service_s = *phase.walk_s + *phase.pedestrian_clearance_s;
  CAPTURE(service_s);
  REQUIRE(200 * 90 / service_s <= 1000);
  const double f = 1 - 200.0 * 90 / (2000 * 45);
  Simulation sim(scenario);
  sim.run();
  const SimulationResult result = sim.result();
  const LaneGroupResult& eb = test::group_of(result, "EBR");
  const double s = 1900.0 / hcm::kRightTurnEquivalent * f;
  CHECK(sim.model().movement_pedestrian_factor[sim.model().find_movement(0, "EBR")] == doctest::Approx(f).epsilon(1e-9));
  CHECK(eb.pedestrian_right_factor == doctest::Approx(f).epsilon(1e-9));  // an exclusive right group: its right's
  CHECK(eb.turn_factor == doctest::Approx(1 / hcm::kRightTurnEquivalent).epsilon(1e-9));
  CHECK(eb.saturation_flow_veh_per_h == doctest::Approx(s).epsilon(1e-9));
  CHECK(eb.departures_veh / 40.0 == doctest::Approx(s * 45.0 / 3600.0).epsilon(0.01));  // per cycle, 40 cycles
}

TEST_CASE("pedestrian factor: bicycles beside the right turn share its conflict zone with the pedestrians") {
  // OCC_bicg = 0.02 + min(v_bic · C / g, 1900) / 2700 over the right's green g = 45 s of C = 90 s, and
  // with pedestrians OCC_r = OCC_ped + OCC_bic − OCC_ped · OCC_bic (HCM Eqs. 31-77 to 31-80).
  const auto factor = [](double pedestrians, double bicycles) {
    Scenario scenario = right_turn(pedestrians > 0 ? pedestrians : 1);
    scenario.demand.pedestrians.front().flow_ped_per_h = pedestrians;
    scenario.demand.pedestrians.front().flow_bic_per_h = bicycles;
    const Model model = compile(scenario);
    return model.movement_pedestrian_factor[model.find_movement(0, "EBR")];
  };
  const double bicycles = 0.02 + 200.0 * 90 / 45 / 2700;
  const double pedestrians = 200.0 * 90 / (2000 * 45);
  CHECK(factor(0, 200) == doctest::Approx(1 - bicycles).epsilon(1e-9));
  CHECK(factor(200, 200) == doctest::Approx(1 - (pedestrians + bicycles - pedestrians * bicycles)).epsilon(1e-9));
  CHECK(factor(200, 0) == doctest::Approx(1 - pedestrians).epsilon(1e-9));
}

TEST_CASE("pedestrian factor: no pedestrians, or a walk outside the turn's green, leave the right turn at s / E_R") {
  for (const bool with_right : {true, false}) {
    CAPTURE(with_right);
    const Scenario scenario = with_right ? right_turn(0) : right_turn(400, false);
    const Model model = compile(scenario);
    CHECK(model.movement_pedestrian_factor[model.find_movement(0, "EBR")] == 1.0);
    CHECK(model.movement_saturation_factor[model.find_movement(0, "EBR")] == doctest::Approx(1 / hcm::kRightTurnEquivalent));
  }
}

TEST_CASE("pedestrian factor: more pedestrians lower a right turn's saturation flow") {
  const auto factor = [](double pedestrians) {
    const Model model = compile(right_turn(pedestrians));
    return model.movement_pedestrian_factor[model.find_movement(0, "EBR")];
  };
  double last = 1;
  // Up to 5000 p/h in their service time (some 1000 p/h over the walk and clearance of this crosswalk).
  for (const double pedestrians : {50.0, 200.0, 400.0, 600.0, 900.0}) {
    const double f = factor(pedestrians);
    CAPTURE(pedestrians);
    CAPTURE(f);
    CHECK(f < last);
    last = f;
  }
  // Beyond, HCM's occupancy stays at its limit: the factor too, above 0.
  CHECK(factor(4000) == factor(2000));
  CHECK(factor(4000) > 0);
}

TEST_CASE("pedestrian factor: a permitted left's gap rate × f_Lpb") {
  // The eastbound left yields to 400 veh/h westbound, both green all cycle (90 s); the north crosswalk,
  // which the left turns across, shows walk and clearance for g_ped of it. Nothing queues against the
  // left (the opposing movement never sees red): OCC_r = (g_ped / g_p) · OCC_pedg · e^(−5 · 400 / 3600).
  const auto scenario = [](double pedestrians) {
    test::FourLeg x = test::four_leg(NodeControl::signalized);
    test::add_movement(x, "EBL", "W_C", "C_N", TurnType::left);
    test::add_movement(x, "WBT", "E_C", "C_W", TurnType::through);
    test::add_flow(x.s, "W_C", 1500);
    test::add_flow(x.s, "E_C", 400);
    add_crosswalk(x.s, "north", "C_N");
    Stage all = test::stage({"WBT"}, {"EBL"}, 90, 0, 0);
    all.serves.crosswalks = {"north"};
    test::set_plan(x.s, {all});
    if (pedestrians > 0) x.s.demand.pedestrians.push_back(PedestrianFlow{"C", "north", pedestrians});
    return x.s;
  };
  const Scenario with = scenario(400);
  const Phase phase =
      resolve_timing(with.timing.at("C"), with.network.nodes.front(), with.network).rings->phases.front();
  const double service_s = *phase.walk_s + *phase.pedestrian_clearance_s;
  const double v_pedg = std::min(400 * 90 / service_s, 5000.0);
  const double occ = v_pedg <= 1000 ? v_pedg / 2000 : std::min(0.4 + v_pedg / 10000, 0.9);
  const double f = 1 - service_s / 90 * occ * std::exp(-5.0 * 400 / 3600);
  CAPTURE(service_s);
  CAPTURE(f);
  const auto departures = [](const Scenario& s) {
    Simulation sim(s);
    sim.run();
    const auto m = sim.model().find_movement(0, "EBL");
    return std::pair{sim.state().metrics.movement_departures_veh[m], sim.result()};
  };
  const auto [left_with, result_with] = departures(with);
  const auto [left_without, result_without] = departures(scenario(0));
  CHECK(test::group_of(result_with, "EBL").pedestrian_left_factor == doctest::Approx(f).epsilon(1e-9));
  CHECK(test::group_of(result_without, "EBL").pedestrian_left_factor == 1.0);
  // The protected rate (never used here) keeps 1/E_L: the left has no protected green.
  const Model model = compile(with);
  CHECK(model.movement_pedestrian_factor[model.find_movement(0, "EBL")] == 1.0);
  CHECK(left_with / left_without == doctest::Approx(f).epsilon(0.01));
}

TEST_CASE("pedestrian factor: HCM 7th ed. chapter 31 Example Problem 1, f_Rpb and f_Lpb within 2 % of Exhibit 31-77") {
  // The scenario runs each approach's through and shared through-right lanes as one lane group: every
  // right turns from one lane (its curb lane) into two receiving lanes, as in the example. The permitted
  // lefts' opposing queue is the opposing group's per-lane mean flow at its saturation flow, which is
  // where the scenario differs from the example's own lane flows (its EB and WB queues: 19.7 and 13.4 s
  // here, 18.6 and 12.9 s in the example).
  const Scenario scenario = load_scenario_file(kExample).scenario;
  const Model model = compile(scenario);
  const auto right = [&](const char* id) { return model.movement_pedestrian_factor[model.find_movement(0, id)]; };
  const auto left = [&](const char* id) {
    const auto m = model.find_movement(0, id);
    const auto k = std::lower_bound(model.yield_movement.begin(), model.yield_movement.end(), m) - model.yield_movement.begin();
    return model.yield_pedestrian_factor[static_cast<std::size_t>(k)];
  };
  CHECK(right("EBR") == doctest::Approx(0.88).epsilon(0.02));
  CHECK(right("WBR") == doctest::Approx(0.88).epsilon(0.02));
  CHECK(right("NBR") == doctest::Approx(0.98).epsilon(0.02));
  CHECK(right("SBR") == doctest::Approx(0.98).epsilon(0.02));
  CHECK(left("EBL") == doctest::Approx(1.00).epsilon(0.02));
  CHECK(left("WBL") == doctest::Approx(0.98).epsilon(0.02));
  // Printed to two places, as the exhibit does.
  CHECK(std::round(right("EBR") * 100) == 88);
  CHECK(std::round(right("NBR") * 100) == 98);
  CHECK(std::round(left("EBL") * 100) == 100);
  CHECK(std::round(left("WBL") * 100) == 98);
  // The lefts' protected greens (NB, SB) and the permitted ones never meet a walk of theirs: 1.
  CHECK(model.movement_pedestrian_factor[model.find_movement(0, "NBL")] == 1.0);
}

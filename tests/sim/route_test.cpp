// Through routes and their HCM urban street figures: which chains of through movements make a route,
// travel time = Σ L/v + Σ the through movements' control delays after the first signal, speed = length
// over it, and the LOS from its share of the base free-flow speed (F when a through v/c exceeds 1).
#include <itsc/hcm.hpp>
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include "sim/scenario_builders.hpp"
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

using namespace itsc;
using itsc::test::make_link;
using itsc::test::make_node;

namespace {

constexpr double kCycle_s = 90;
constexpr double kSpeed_kmh = 50;  // the default speed the links of make_link run at

// A one-way main street A → S1 → … → Sn → Z, `spacing_m` between signals, each signal with a cross
// street of its own (one signal only: no route) served by a second stage. Signal k's main green lasts
// `green_s[k − 1]` (effective = displayed, l1 = e = 2 s) and starts at offset_s(k) after signal 1's.
// `mid_block`: an uncontrolled node M1 halfway between S1 and S2 (a plain change of link).
struct Corridor {
  int signals = 2;
  double spacing_m = 400;
  double flow_veh_per_h = 600;
  std::vector<double> green_s;       ///< per signal; empty: 45 s each
  double offset_step_s = 0;          ///< signal k's offset: (k − 1) · offset_step_s (mod C)
  bool mid_block = false;
};

Scenario corridor(const Corridor& c) {
  Scenario s;
  s.simulation.dt_s = 1;
  s.simulation.warmup_s = 900;
  s.simulation.duration_s = 900 + 3600;
  s.network.nodes.push_back(make_node("A", NodeControl::boundary));
  s.network.nodes.push_back(make_node("Z", NodeControl::boundary));
  for (int k = 1; k <= c.signals; ++k) {
    const std::string id = "S" + std::to_string(k);
    std::string before = k == 1 ? "A" : "S" + std::to_string(k - 1);
    if (k == 2 && c.mid_block) {
      s.network.nodes.push_back(make_node("M1", NodeControl::uncontrolled));
      s.network.links.push_back(make_link("S1-M1", "S1", "M1", c.spacing_m / 2));
      before = "M1";
    }
    const double length = k == 2 && c.mid_block ? c.spacing_m / 2 : c.spacing_m;
    s.network.links.push_back(make_link(before + "-" + id, before, id, length));
    s.network.links.push_back(make_link(id + "N-" + id, id + "N", id, 200));
    s.network.links.push_back(make_link(id + "-" + id + "M", id, id + "M", 200));
    s.network.nodes.push_back(make_node(id + "N", NodeControl::boundary));
    s.network.nodes.push_back(make_node(id + "M", NodeControl::boundary));
    Node node = make_node(id, NodeControl::signalized);
    const std::string after = k == c.signals ? "Z" : (k == 1 && c.mid_block ? "M1" : "S" + std::to_string(k + 1));
    node.movements = {Movement{"T", before + "-" + id, id + "-" + after, TurnType::through, std::nullopt},
                      Movement{"X", id + "N-" + id, id + "-" + id + "M", TurnType::through, std::nullopt}};
    s.network.nodes.push_back(node);
    s.demand.entries.push_back(EntryFlow{id + "N-" + id, {100}, 0});
    const double green = c.green_s.empty() ? 45.0 : c.green_s.at(static_cast<std::size_t>(k - 1));
    Timing timing;
    timing.cycle_s = kCycle_s;
    Stage main;
    main.serves.protected_movements = {"T"};
    main.green_s = green;
    main.yellow_s = 3;
    main.red_clearance_s = 1;
    Stage cross;
    cross.serves.protected_movements = {"X"};
    cross.green_s = kCycle_s - green - 8;
    cross.yellow_s = 3;
    cross.red_clearance_s = 1;
    timing.stages = {main, cross};
    timing.offset_s = std::fmod(c.offset_step_s * (k - 1), kCycle_s);
    s.timing[id] = timing;
  }
  s.network.links.push_back(make_link("S" + std::to_string(c.signals) + "-Z", "S" + std::to_string(c.signals), "Z",
                                      c.spacing_m));
  s.demand.entries.push_back(EntryFlow{"A-S1", {c.flow_veh_per_h}, 0});
  return s;
}

const IntersectionResult& intersection(const SimulationResult& result, const std::string& id) {
  for (const auto& i : result.intersections) {
    if (i.id == id) return i;
  }
  throw std::runtime_error("no intersection " + id);
}

// The main street's through movement "T" at signal `id`, and its lane group.
const MovementResult& through(const SimulationResult& result, const std::string& id) {
  return intersection(result, id).lane_groups.at(0).movements.at(0);
}

double free_flow_s(double length_m) { return length_m / (kSpeed_kmh / 3.6); }

}  // namespace

TEST_CASE("routes: the hand-built links run at the speed the figures below assume") {
  CHECK(make_link("a", "b", "c", 100).speed_kmh == kSpeed_kmh);
}

TEST_CASE("routes: HCM urban street LOS from the speed's share of free flow, F above v/c 1") {
  using hcm::Los;
  using hcm::urban_street_los;
  // A > 80 %, B > 67 %, C > 50 %, D > 40 %, E > 30 %, F ≤ 30 %: each bound belongs to the LOS below it.
  CHECK(urban_street_los(1.0, 0) == Los::A);
  CHECK(urban_street_los(0.8001, 0) == Los::A);
  CHECK(urban_street_los(0.80, 0) == Los::B);
  CHECK(urban_street_los(0.6701, 0) == Los::B);
  CHECK(urban_street_los(0.67, 0) == Los::C);
  CHECK(urban_street_los(0.5001, 0) == Los::C);
  CHECK(urban_street_los(0.50, 0) == Los::D);
  CHECK(urban_street_los(0.4001, 0) == Los::D);
  CHECK(urban_street_los(0.40, 0) == Los::E);
  CHECK(urban_street_los(0.3001, 0) == Los::E);
  CHECK(urban_street_los(0.30, 0) == Los::F);
  CHECK(urban_street_los(0.0, 0) == Los::F);
  // The critical v/c: at 1.0 the speed still grades, above it the facility is F.
  CHECK(urban_street_los(0.95, 1.0) == Los::A);
  CHECK(urban_street_los(0.95, 1.0001) == Los::F);
}

TEST_CASE("routes: two signals, travel time = L/v + the through delay at the second signal") {
  Corridor c;
  c.signals = 2;
  c.offset_step_s = 60;  // the platoon from S1 meets S2's red: a delay to add up
  const SimulationResult result = simulate(corridor(c));
  // The cross streets pass one signal each: the main street is the only route.
  REQUIRE(result.routes.size() == 1);
  const RouteResult& route = result.routes[0];
  CHECK(route.id == "S1->S2");
  CHECK(route.nodes == std::vector<std::string>{"S1", "S2"});
  CHECK(route.links == std::vector<std::string>{"S1-S2"});
  CHECK(route.length_m == 400);
  CHECK(route.running_time_s == doctest::Approx(free_flow_s(400)).epsilon(1e-12));
  const MovementResult& t2 = through(result, "S2");
  CAPTURE(t2.delay_s_per_veh);
  CHECK(t2.delay_s_per_veh > 5);  // a real delay, not a vanishing one
  CHECK(route.control_delay_s == doctest::Approx(t2.delay_s_per_veh).epsilon(1e-12));
  CHECK(route.travel_time_s == doctest::Approx(free_flow_s(400) + t2.delay_s_per_veh).epsilon(1e-12));
  CHECK(route.speed_kmh == doctest::Approx(400 / route.travel_time_s * 3.6).epsilon(1e-12));
  CHECK(route.free_flow_speed_kmh == doctest::Approx(kSpeed_kmh).epsilon(1e-12));
  CHECK(route.speed_share == doctest::Approx(route.speed_kmh / kSpeed_kmh).epsilon(1e-12));
  CHECK(route.through_volume_veh_per_h == doctest::Approx(t2.volume_veh_per_h).epsilon(1e-12));
  CHECK(route.critical_v_c == doctest::Approx(intersection(result, "S2").lane_groups.at(0).degree_of_saturation));
  CHECK_FALSE(route.over_capacity);
  CHECK(route.los == hcm::to_char(hcm::urban_street_los(route.speed_share, route.critical_v_c)));
  // The first signal's delay lies before the facility: S1's through delay is not in it.
  CHECK(through(result, "S1").delay_s_per_veh > 5);
}

TEST_CASE("routes: a route passes uncontrolled nodes between its signals and sums every link") {
  Corridor c;
  c.signals = 3;
  c.mid_block = true;
  c.offset_step_s = 60;
  const SimulationResult result = simulate(corridor(c));
  REQUIRE(result.routes.size() == 1);
  const RouteResult& route = result.routes[0];
  CHECK(route.id == "S1->S3");
  CHECK(route.nodes == std::vector<std::string>{"S1", "M1", "S2", "S3"});
  CHECK(route.links == std::vector<std::string>{"S1-M1", "M1-S2", "S2-S3"});
  CHECK(route.length_m == 800);
  CHECK(route.running_time_s == doctest::Approx(free_flow_s(800)).epsilon(1e-12));
  const double delays = through(result, "S2").delay_s_per_veh + through(result, "S3").delay_s_per_veh;
  CAPTURE(delays);
  CAPTURE(route.control_delay_s);
  // The plain change of link at M1 holds nobody: its synthesized through movement adds (almost) nothing.
  CHECK(route.control_delay_s == doctest::Approx(delays).epsilon(1e-9));
  CHECK(route.travel_time_s == doctest::Approx(route.running_time_s + route.control_delay_s).epsilon(1e-12));
  // No vehicle turns off the main street: every through movement carries the same volume, so does their
  // length-weighted mean.
  CHECK(route.through_volume_veh_per_h == doctest::Approx(through(result, "S3").volume_veh_per_h).epsilon(0.01));
}

TEST_CASE("routes: a green wave runs near free flow (LOS A), offsets against it slow the route down") {
  Corridor c;
  c.signals = 5;
  c.flow_veh_per_h = 0.6 * 1900 * 0.5;
  // Offsets = the discretized travel time between signals: the platoons released by S1 pass S2–S5.
  c.offset_step_s = static_cast<double>(cell_count(c.spacing_m, kSpeed_kmh, 1)) * 1.0;
  const SimulationResult wave = simulate(corridor(c));
  // Every signal's green starts half a cycle after the platoon from the one before arrives.
  c.offset_step_s += kCycle_s / 2;
  const SimulationResult against = simulate(corridor(c));
  REQUIRE(wave.routes.size() == 1);
  REQUIRE(against.routes.size() == 1);
  const RouteResult& w = wave.routes[0];
  const RouteResult& a = against.routes[0];
  CAPTURE(w.speed_kmh);
  CAPTURE(w.speed_share);
  CAPTURE(w.control_delay_s);
  CAPTURE(a.speed_kmh);
  CAPTURE(a.speed_share);
  CAPTURE(a.control_delay_s);
  CHECK(w.length_m == 1600);
  CHECK(w.nodes.size() == 5);
  // No vehicle waits at S2–S5: what delay remains is HCM's random overflow term (≈ 2.8 s at X = 0.6).
  for (const std::string node : {"S2", "S3", "S4", "S5"}) {
    CAPTURE(node);
    CHECK(through(wave, node).uniform_delay_s_per_veh < 0.1);
  }
  CHECK(w.speed_share > 0.9);
  CHECK(w.los == 'A');
  CHECK(a.speed_share < 0.67);
  CHECK(a.speed_kmh < w.speed_kmh);
  CHECK(a.speed_share < w.speed_share - 0.3);
  CHECK(a.los > 'B');  // C or worse
  CHECK_FALSE(a.over_capacity);
}

TEST_CASE("routes: an oversaturated through movement at a downstream signal forces LOS F") {
  Corridor c;
  c.signals = 2;
  c.spacing_m = 3000;  // a long segment: its running time keeps the speed share above 30 %
  c.green_s = {45, 21};  // S2's through capacity 1900 · 21/90 ≈ 443 veh/h
  c.flow_veh_per_h = 465;
  const SimulationResult result = simulate(corridor(c));
  REQUIRE(result.routes.size() == 1);
  const RouteResult& route = result.routes[0];
  CAPTURE(route.critical_v_c);
  CAPTURE(route.speed_share);
  CHECK(route.critical_v_c > 1.0);
  CHECK(route.critical_v_c == doctest::Approx(intersection(result, "S2").lane_groups.at(0).degree_of_saturation));
  CHECK(route.over_capacity);
  CHECK(route.los == 'F');
  // By speed alone it would not be F: the v/c rule makes it so.
  CHECK(hcm::urban_street_los(route.speed_share, 0) != hcm::Los::F);
}

TEST_CASE("routes: data/corridor.yaml has the arterial's two directions and no side-street route") {
  const Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/corridor.yaml").scenario;
  const SimulationResult result = simulate(scenario);
  REQUIRE(result.routes.size() == 2);
  const RouteResult& east = result.routes[0];
  const RouteResult& west = result.routes[1];
  CHECK(east.id == "r1c1->r1c5");
  CHECK(west.id == "r1c5->r1c1");
  CHECK(east.nodes == std::vector<std::string>{"r1c1", "r1c2", "r1c3", "r1c4", "r1c5"});
  CHECK(west.nodes == std::vector<std::string>{"r1c5", "r1c4", "r1c3", "r1c2", "r1c1"});
  CHECK(east.links == std::vector<std::string>{"r1c1_r1c2", "r1c2_r1c3", "r1c3_r1c4", "r1c4_r1c5"});
  for (const RouteResult& route : result.routes) {
    CAPTURE(route.id);
    CAPTURE(route.speed_kmh);
    CAPTURE(route.los);
    CHECK(route.length_m == 1600);
    CHECK(route.speed_kmh > 0);
    CHECK(route.speed_kmh < route.free_flow_speed_kmh);
    CHECK(route.travel_time_s == doctest::Approx(route.running_time_s + route.control_delay_s).epsilon(1e-12));
  }
}

TEST_CASE("routes: the chosen units convert lengths and speeds, the text lists the routes") {
  Corridor c;
  c.signals = 3;
  c.offset_step_s = 60;
  const SimulationResult result = simulate(corridor(c));
  REQUIRE(result.routes.size() == 1);
  const RouteResult& route = result.routes[0];
  const auto si = nlohmann::json::parse(to_json(result, Units::si)).at("routes").at(0);
  const auto us = nlohmann::json::parse(to_json(result, Units::us)).at("routes").at(0);
  CHECK(si.at("id") == "S1->S3");
  CHECK(si.at("length_m").get<double>() == doctest::Approx(800));
  CHECK(si.at("speed_kmh").get<double>() == doctest::Approx(route.speed_kmh));
  CHECK(si.at("free_flow_speed_kmh").get<double>() == doctest::Approx(kSpeed_kmh));
  CHECK(us.at("length_ft").get<double>() == doctest::Approx(800 / 0.3048));
  CHECK(us.at("speed_mph").get<double>() == doctest::Approx(route.speed_kmh / 1.609344));
  CHECK(us.at("free_flow_speed_mph").get<double>() == doctest::Approx(kSpeed_kmh / 1.609344));
  CHECK(us.at("travel_time_s") == si.at("travel_time_s"));
  CHECK(us.at("los") == std::string(1, route.los));
  CHECK_FALSE(us.contains("length_m"));
  const std::string text = to_text(result, Units::us);
  CHECK(text.find("Routes") != std::string::npos);
  CHECK(text.find("S1->S3") != std::string::npos);
  CHECK(text.find("mi/h") != std::string::npos);
  CHECK(to_text(result).find("km/h") != std::string::npos);
}

TEST_CASE("routes: each batch member has its own, under actuated control too") {
  Corridor c;
  c.signals = 2;
  const Scenario scenario = corridor(c);
  BatchSpec spec;
  spec.size = 2;
  spec.timing.resize(2, scenario.timing);
  spec.timing[1].at("S2").offset_s = 60;  // member 1: S2 against S1's platoon
  Simulation batch(scenario, {}, spec);
  batch.run();
  const SimulationResult first = batch.result(0);
  const SimulationResult second = batch.result(1);
  REQUIRE(first.routes.size() == 1);
  REQUIRE(second.routes.size() == 1);
  CHECK(first.routes[0].control_delay_s == doctest::Approx(through(first, "S2").delay_s_per_veh).epsilon(1e-12));
  CHECK(second.routes[0].control_delay_s == doctest::Approx(through(second, "S2").delay_s_per_veh).epsilon(1e-12));
  CHECK(second.routes[0].control_delay_s != doctest::Approx(first.routes[0].control_delay_s));
  // The bundled corridor has detectors: actuated control times its phases.
  const Scenario bundled = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/corridor.yaml").scenario;
  SimulateOptions actuated;
  actuated.controller = "actuated";
  const SimulationResult under_actuated = simulate(bundled, actuated);
  REQUIRE(under_actuated.routes.size() == 2);
  const RouteResult& east = under_actuated.routes[0];
  double delays = 0;
  for (const char* node : {"r1c2", "r1c3", "r1c4", "r1c5"}) {
    for (const auto& group : intersection(under_actuated, node).lane_groups) {
      for (const auto& movement : group.movements) {
        if (movement.id == "EBT") delays += movement.delay_s_per_veh;
      }
    }
  }
  CAPTURE(delays);
  CHECK(delays > 0);
  CHECK(east.control_delay_s == doctest::Approx(delays).epsilon(1e-12));
}

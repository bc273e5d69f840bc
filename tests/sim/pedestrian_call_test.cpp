// Pedestrian calls from the scenario's pedestrian demand (docs/signals.md, "Pedestrian calls"): λ ped/h
// at a crosswalk push the button every 3600/λ s; the actuated controller serves the phase that carries
// the crosswalk with walk + pedestrian clearance, and skips it without pedestrians.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <array>

#include "sim/actuated_scenario.hpp"

using namespace itsc;
using namespace itsc::test;

namespace {

constexpr double kWalkS = 7;
constexpr double kClearanceS = 10;

// The actuated approach with a crosswalk across the west leg, served by phase 4 (SBT runs parallel to
// it), no vehicles on the side street (no recall), and `ped_per_h` pedestrians at the crosswalk.
Scenario crossing(double dt_s, double ped_per_h) {
  ActuatedOptions options;
  options.dt_s = dt_s;
  options.recall_4 = Recall::none;
  options.flow_veh_per_h = {600};  // below phase 2's extension threshold: it gaps out once called away
  options.cross_flow_veh_per_h = {0};
  Scenario s = actuated_approach(options);
  Node& c = s.network.nodes.front();
  c.legs = {Leg{"west", "W_C", "", std::nullopt, 18.0, 0, std::nullopt, std::nullopt},
            Leg{"east", "", "C_E", std::nullopt, std::nullopt, 0, std::nullopt, std::nullopt},
            Leg{"north", "N_C", "", std::nullopt, std::nullopt, 0, std::nullopt, std::nullopt},
            Leg{"south", "", "C_S", std::nullopt, std::nullopt, 0, std::nullopt, std::nullopt}};
  Phase& side = s.timing["C"].rings->phases[1];
  side.serves.crosswalks = {"west"};
  side.walk_s = kWalkS;
  side.pedestrian_clearance_s = kClearanceS;
  s.demand.pedestrians = {PedestrianFlow{"C", "west", ped_per_h}};
  return s;
}

struct WalkService {
  std::vector<double> walk_onsets;   // s, end of the step in which the crosswalk turned to walk
  std::vector<double> walk_s;        // length of each walk
  std::vector<double> green_s;       // length of each SBT green
};

WalkService run(const Scenario& scenario, double until_s) {
  Simulation sim(scenario);
  const auto sbt = sim.model().find_movement(sim.model().find_node("C"), "SBT");
  WalkService out;
  PedestrianIndication before = PedestrianIndication::dont_walk;
  double walk_start = 0;
  double green_start = -1;
  std::array<MovementSpat, 2> movements{};
  std::array<CrosswalkSpat, 1> crosswalks{};
  while (sim.time_s() < until_s - 1e-9) {
    sim.step();
    REQUIRE(sim.controllers()[0]->spat(sim.state().time_tenths, 0, movements, crosswalks));
    const PedestrianIndication now = crosswalks[0].indication;
    if (now == PedestrianIndication::walk && before != now) {
      out.walk_onsets.push_back(sim.time_s());
      walk_start = sim.time_s();
    }
    if (before == PedestrianIndication::walk && now != before) out.walk_s.push_back(sim.time_s() - walk_start);
    before = now;
    const bool green = is_green(sim.state().indication[sbt]);
    if (green && green_start < 0) green_start = sim.time_s();
    if (!green && green_start >= 0) {
      out.green_s.push_back(sim.time_s() - green_start);
      green_start = -1;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("pedestrian calls: 60 ped/h serve the side phase with walk + clearance once a minute") {
  for (const double dt : {0.1, 1.0}) {
    CAPTURE(dt);
    // Calls at 60 s, 120 s, ... (λ·t passes a whole pedestrian); each is served after phase 2's
    // yellow (3 s) and red clearance (1 s): walk from about 60 k + 4 s. 20 calls before 1230 s.
    const WalkService service = run(crossing(dt, 60), 1230);
    REQUIRE(service.walk_onsets.size() == 20);
    for (std::size_t k = 0; k < service.walk_onsets.size(); ++k) {
      CAPTURE(k);
      const double call = 60.0 * static_cast<double>(k + 1);
      CHECK(service.walk_onsets[k] >= call + 4 - dt - 1e-9);
      CHECK(service.walk_onsets[k] <= call + 4 + 2 * dt + 1e-9);
    }
    // Walk as timed; no vehicle holds SBT, so its green is exactly walk + pedestrian clearance.
    REQUIRE(!service.walk_s.empty());
    for (const double walk : service.walk_s) CHECK(walk == doctest::Approx(kWalkS));
    REQUIRE(service.green_s.size() >= 19);
    for (const double green : service.green_s) CHECK(green == doctest::Approx(kWalkS + kClearanceS));
  }
}

TEST_CASE("pedestrian calls: without pedestrians the side phase is skipped") {
  const WalkService service = run(crossing(1.0, 0), 1230);
  CHECK(service.walk_onsets.empty());
  CHECK(service.green_s.empty());
}

TEST_CASE("pedestrian calls: a batch equals single runs bit for bit") {
  const Scenario scenario = crossing(1.0, 60);
  const double flows[3] = {0, 45, 200};
  BatchSpec spec;
  spec.size = 3;
  for (const double flow : flows) {
    Demand demand = scenario.demand;
    demand.pedestrians[0].flow_ped_per_h = flow;
    spec.demand.push_back(demand);
  }
  Simulation batch(scenario, {}, spec);
  batch.run_until(900);
  for (std::size_t b = 0; b < 3; ++b) {
    CAPTURE(b);
    Scenario single = scenario;
    single.demand = spec.demand[b];
    Simulation one(single);
    one.run_until(900);
    CHECK(batch.state().pedestrian_arrived[b] == one.state().pedestrian_arrived[0]);
    CHECK(batch.result(b).total_delay_veh_h == one.result().total_delay_veh_h);
    CHECK(batch.state().metrics.movement_departures_veh[b] == one.state().metrics.movement_departures_veh[0]);
  }
  // More pedestrians take more green from EBT: more delay.
  CHECK(batch.result(0).total_delay_veh_h < batch.result(1).total_delay_veh_h);
  CHECK(batch.result(1).total_delay_veh_h < batch.result(2).total_delay_veh_h);
}

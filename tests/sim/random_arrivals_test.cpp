// Random detector arrivals (docs/model.md, "Detectors"): free-flowing vehicles cross a detector at HCM's
// bunched-exponential headways, vehicles leaving a queue at even saturation headways; a member's
// arrivals depend on its seed alone.
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sim/actuated_scenario.hpp"
#include "sim/detector_builders.hpp"

using namespace itsc;
using namespace itsc::test;

namespace {

Scenario with_detector(const ApproachOptions& options, double setback_m) {
  return test::with_detector(options, setback_m, 1.8, DetectorArrivals::random);
}

// Times (s, the end of the step) at which detector 0 reports vehicles, one entry per vehicle.
std::vector<double> actuations(const Scenario& scenario, double until_s) {
  Simulation sim(scenario, detectors_on());
  std::vector<double> times;
  while (sim.time_s() < until_s - 1e-9) {
    sim.step();
    for (double k = 0; k < sim.state().detector_count[0]; k += 1) times.push_back(sim.time_s());
  }
  return times;
}

}  // namespace

TEST_CASE("random arrivals: free flow crosses a detector at HCM's bunched-exponential headways") {
  // 600 veh/h on one lane: Δ = 1.5 s, φ = exp(−0.6·1.5·q) = 0.861, λ = φq / (1 − Δq) = 0.191 /s.
  ApproachOptions options;
  options.permanent_green = true;
  options.flow_veh_per_h = 600;
  options.dt_s = 0.1;
  options.duration_s = 4 * 3600;
  const std::vector<double> times = actuations(with_detector(options, 200), options.duration_s);
  const double q = 600.0 / 3600.0;
  const double phi = std::exp(-0.6 * 1.5 * q);
  const double lambda = phi * q / (1 - 1.5 * q);
  REQUIRE(times.size() > 2000);
  std::vector<double> headways;
  for (std::size_t i = 1; i < times.size(); ++i) headways.push_back(times[i] - times[i - 1]);
  double sum = 0;
  double bunched = 0, long_gaps = 0;
  for (const double h : headways) {
    sum += h;
    bunched += h < 1.5 + 0.15 ? 1 : 0;  // at the bunched headway (one 0.1 s step of resolution)
    long_gaps += h > 6.0 ? 1 : 0;
  }
  const auto n = static_cast<double>(headways.size());
  CAPTURE(n);
  CHECK(sum / n == doctest::Approx(1 / q).epsilon(0.03));                                   // the fluid's flow
  CHECK(bunched / n == doctest::Approx(1 - phi).epsilon(0.2));                              // 0.139
  CHECK(long_gaps / n == doctest::Approx(phi * std::exp(-lambda * (6.0 - 1.5))).epsilon(0.08));  // 0.364
  CHECK(long_gaps / n > 0.3);  // even headways (6 s) would give none
}

TEST_CASE("random arrivals: a discharging queue crosses a stop-bar detector at the saturation headway") {
  // 800 veh/h against 42 s of red: about 9 vehicles queue; in 3-12 s after the green onset they cross
  // the stop bar at 3600 / 1900 = 1.89 s, whatever the random arrivals behind them do.
  ApproachOptions options;
  options.flow_veh_per_h = 800;
  options.dt_s = 0.1;
  options.duration_s = 1800;
  Scenario scenario = with_detector(options, 0);
  Simulation sim(scenario, detectors_on());
  const auto m = sim.model().find_movement(sim.model().find_node("C"), "EBT");
  double onset = -1, last = -1;
  int checked = 0;
  Indication before = Indication::red;
  while (sim.time_s() < options.duration_s - 1e-9) {
    sim.step();
    const Indication now = sim.state().indication[m];
    if (now == Indication::protected_green && before != now) onset = sim.time_s();
    before = now;
    if (sim.state().detector_count[0] < 0.5) continue;
    const double t = sim.time_s();
    if (onset > 300 && t > onset + 3 && t < onset + 12 && last > onset + 2) {
      CHECK(t - last == doctest::Approx(3600.0 / 1900.0).epsilon(0.06));
      ++checked;
    }
    last = t;
  }
  CHECK(checked > 50);
}

TEST_CASE("random arrivals: the seed alone sets a member's arrivals - batches, threads and reruns agree") {
  ActuatedOptions options;
  options.arrivals = DetectorArrivals::random;
  options.flow_veh_per_h = {700};
  options.cross_flow_veh_per_h = {300};
  options.recall_4 = Recall::none;
  options.duration_s = 1800;
  const Scenario scenario = actuated_approach(options);
  const auto delay = [](const Scenario& s, const SimulateOptions& o = {}) { return simulate(s, o).delay_s_per_veh; };
  const double first = delay(scenario);
  CHECK(delay(scenario) == first);  // bit for bit
  Scenario other = scenario;
  other.simulation.seed = 2;
  CHECK(delay(other) != first);
  // Members with seeds 1..32 equal single runs with those seeds, on one thread and on two.
  BatchSpec spec;
  spec.size = 32;
  for (int k = 1; k <= 32; ++k) spec.seeds.push_back(k);
  for (const int threads : {1, 2}) {
    CAPTURE(threads);
    SimulateOptions o;
    o.threads = threads;
    Simulation batch(scenario, o, spec);
    batch.run();
    for (const int k : {1, 2, 17, 32}) {
      CAPTURE(k);
      Scenario single = scenario;
      single.simulation.seed = k;
      CHECK(batch.result(static_cast<std::size_t>(k - 1)).delay_s_per_veh == delay(single));
    }
  }
}

TEST_CASE("random arrivals: an actuated phase gaps out at flows where even arrivals hold it to its max") {
  // 1050 veh/h at a single-lane advance detector: even headways of 3.4 s, less the 0.67 s a vehicle
  // occupies it, never leave the 3 s passage time (0.29·3 + 0.2 ≥ 1), so the phase is held to its max;
  // random headways leave longer gaps.
  ActuatedOptions options;
  options.flow_veh_per_h = {1050};
  options.duration_s = 1800;
  const auto average_green = [](const Scenario& s) {
    const SimulationResult r = simulate(s);
    REQUIRE(r.intersections.size() == 1);
    REQUIRE(!r.intersections[0].phases.empty());
    return r.intersections[0].phases[0].average_green_s;  // phase 2
  };
  options.arrivals = DetectorArrivals::uniform;
  CHECK(average_green(actuated_approach(options)) > 0.95 * options.max1_s);  // the first green starts empty
  options.arrivals = DetectorArrivals::random;
  CHECK(average_green(actuated_approach(options)) < 0.8 * options.max1_s);
}

TEST_CASE("detectors: a bay's lanes see its group and the link's lanes the others") {
  // data/isolated.yaml: W_C has two lanes and EB_L's 60 m left bay. At the stop bar lane 1 is the bay,
  // lanes 2 and 3 the link's; with even arrivals the counts are the discharges of those groups.
  Scenario scenario = load_scenario_file(ITSC_SOURCE_DIR "/data/isolated.yaml").scenario;
  scenario.simulation.detector_arrivals = DetectorArrivals::uniform;
  scenario.simulation.warmup_s = 0;
  Detector bay;
  bay.id = "D_bay";
  bay.link = "W_C";
  bay.lanes = {1};
  bay.length_m = 2;
  Detector through = bay;
  through.id = "D_through";
  through.lanes = {2, 3};
  Detector all = bay;
  all.id = "D_all";
  all.lanes = {};
  Detector upstream = bay;  // beyond the bay lane 1 is the link's median lane
  upstream.id = "D_upstream";
  upstream.lanes = {1};
  upstream.setback_m = 100;
  scenario.network.detectors = {bay, through, all, upstream};
  for (auto& d : scenario.network.detectors) d.calls = {1};
  Simulation sim(scenario, detectors_on());
  sim.run();
  const Model& model = sim.model();
  const auto node = model.find_node("C");
  const auto departed = [&](const char* id) { return sim.state().metrics.movement_departures_veh[model.find_movement(node, id)]; };
  const double lefts = departed("EBL");
  const double others = departed("EBT") + departed("EBR");
  REQUIRE(lefts > 50);
  const auto& passed = sim.state().detector_passed_veh;
  CHECK(passed[0] == doctest::Approx(lefts).epsilon(1e-6));
  CHECK(passed[1] == doctest::Approx(others).epsilon(1e-6));
  CHECK(passed[2] == doctest::Approx(lefts + others).epsilon(1e-6));
  CHECK(passed[3] == doctest::Approx((lefts + others) / 2).epsilon(0.02));  // one of two lanes, all vehicles
}

// Actuated phase durations and cycle against HCM 7th ed. chapter 31 Example Problem 1 (Exhibit 31-79:
// the converged average phase durations, cycle 101.8 s), the example run by the engine with random
// detector arrivals, averaged over eight seeds.
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <map>

using namespace itsc;

namespace {

const char* const kExample = ITSC_SOURCE_DIR "/tests/data/hcm_ch31_example1.yaml";

// Phase duration D = G + Y + R_c (every phase here: Y = 4 s, R_c = 0), and the cycle, over the seeds.
struct Averages {
  std::map<int, double> duration_s;
  double cycle_s = 0;
};

Averages run(const Scenario& scenario, int seeds) {
  BatchSpec spec;
  spec.size = static_cast<std::size_t>(seeds);
  for (int k = 1; k <= seeds; ++k) spec.seeds.push_back(k);
  Simulation sim(scenario, {}, spec);
  sim.run();
  Averages out;
  for (std::size_t b = 0; b < spec.size; ++b) {
    const IntersectionResult x = sim.result(b).intersections.at(0);
    out.cycle_s += x.average_cycle_s / seeds;
    for (const PhaseResult& p : x.phases) out.duration_s[p.number] += (p.average_green_s + 4.0) / seeds;
  }
  return out;
}

}  // namespace

TEST_CASE("HCM chapter 31 Example Problem 1: actuated phase durations and cycle within 10 % of the HCM's") {
  const Averages sim = run(load_scenario_file(kExample).scenario, 8);
  CAPTURE(sim.cycle_s);
  CHECK(sim.cycle_s == doctest::Approx(101.8).epsilon(0.10));
  const std::map<int, double> hcm{{2, 34.0}, {6, 34.0}, {8, 54.0}, {4, 57.6}, {3, 10.2}, {7, 13.8}};
  for (const auto& entry : hcm) {
    const int number = entry.first;
    const double published = entry.second;
    const double simulated = sim.duration_s.at(number);
    CAPTURE(number);
    CAPTURE(simulated);
    // The protected lefts serve the queue left from the permitted period, which the HCM's procedure and
    // the engine's gap acceptance estimate differently: within 20 % (docs/validation.md).
    const bool protected_left = number == 3 || number == 7;
    CHECK(simulated == doctest::Approx(published).epsilon(protected_left ? 0.20 : 0.10));
  }
}

TEST_CASE("phase results: on max recall every phase times its maximum and the cycle is their sum") {
  Scenario scenario = load_scenario_file(kExample).scenario;
  for (Phase& phase : scenario.timing.at("X").rings->phases) phase.recall = Recall::max;
  scenario.demand.pedestrians.clear();
  const Averages sim = run(scenario, 1);
  // Each ring: 30 + 25 + 50 s of green and 3 × 4 s of yellow = 117 s.
  CHECK(sim.cycle_s == doctest::Approx(117.0).epsilon(1e-9));
  for (const auto& entry : std::map<int, double>{{2, 30}, {6, 30}, {3, 25}, {7, 25}, {4, 50}, {8, 50}}) {
    const int number = entry.first;
    const double max_green = entry.second;
    CAPTURE(number);
    CHECK(sim.duration_s.at(number) == doctest::Approx(max_green + 4.0).epsilon(0.01));
  }
}

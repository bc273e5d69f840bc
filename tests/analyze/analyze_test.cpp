// The closed-form analysis of a scenario: demand volumes carried from the entries, the HCM quantities
// consistent with each other, and a clear result where no cycle can serve the demand.
#include <doctest/doctest.h>
#include <itsc/analyze.hpp>
#include <itsc/hcm.hpp>
#include <itsc/io.hpp>

#include <map>
#include <string>
#include <utility>

#include "sim/scenario_builders.hpp"

namespace itsc {

TEST_CASE("analyze: volumes, flow ratios, Xc, Webster's cycle and delay of the bundled isolated intersection") {
  const Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/isolated.yaml").scenario;
  const Analysis analysis = analyze(scenario);
  REQUIRE(analysis.signals.size() == 1);
  const SignalAnalysis& signal = analysis.signals.front();
  CHECK(signal.cycle_s == 90);
  // The turning counts over the peak hour factor (0.92).
  const auto group = [&](const std::string& id) -> const LaneGroupAnalysis& {
    for (const LaneGroupAnalysis& g : signal.lane_groups) {
      if (g.id == id) return g;
    }
    FAIL("no lane group " << id);
    return signal.lane_groups.front();
  };
  CHECK(group("EB_L").volume_veh_per_h == doctest::Approx(120 / 0.92));
  CHECK(group("EB_TR").volume_veh_per_h == doctest::Approx((680 + 90) / 0.92));
  CHECK(group("SB_TR").volume_veh_per_h == doctest::Approx((260 + 60) / 0.92));
  // One critical lane group per critical phase, each the largest y of its phase.
  double y_sum = 0;
  for (const PhaseAnalysis& phase : signal.phases) {
    double largest = 0;
    int critical_groups = 0;
    for (const LaneGroupAnalysis& g : signal.lane_groups) {
      if (g.phase != phase.number) continue;
      largest = std::max(largest, g.flow_ratio);
      critical_groups += g.critical ? 1 : 0;
    }
    CHECK(phase.flow_ratio == doctest::Approx(largest));
    CHECK(critical_groups == (phase.critical ? 1 : 0));
    if (phase.critical) y_sum += phase.flow_ratio;
  }
  CHECK(signal.critical_flow_ratio_sum == doctest::Approx(y_sum));
  CHECK(signal.critical_v_c ==
        doctest::Approx(signal.critical_flow_ratio_sum * 90 / (90 - signal.lost_time_s)));
  REQUIRE(signal.webster_cycle_s);
  CHECK(*signal.webster_cycle_s ==
        doctest::Approx((1.5 * signal.lost_time_s + 5) / (1 - signal.critical_flow_ratio_sum)));
  REQUIRE(signal.target_cycle_s);
  CHECK(hcm::critical_v_c(signal.critical_flow_ratio_sum, *signal.target_cycle_s, signal.lost_time_s) ==
        doctest::Approx(0.95));
  // Each lane group: c = s·g/C (the lefts: with their gaps), X = v/c, d = d1 + d2, LOS by delay (F above X = 1).
  for (const LaneGroupAnalysis& g : signal.lane_groups) {
    CAPTURE(g.id);
    const double protected_capacity = g.saturation_flow_veh_per_h * g.effective_green_s / 90;
    if (g.id == "EB_L" || g.id == "WB_L") {
      CHECK(g.capacity_veh_per_h > protected_capacity);  // protected-permitted: its gaps in phase 2 add
    } else if (g.id == "NB_L" || g.id == "SB_L") {
      CHECK(g.capacity_veh_per_h < protected_capacity);  // permitted: only the gaps in the opposing flow
    } else {
      CHECK(g.capacity_veh_per_h == doctest::Approx(protected_capacity));
    }
    CHECK(g.degree_of_saturation == doctest::Approx(g.volume_veh_per_h / g.capacity_veh_per_h));
    CHECK(g.uniform_delay_s == doctest::Approx(hcm::uniform_delay_s(90, g.effective_green_s, g.degree_of_saturation)));
    CHECK(g.delay_s == doctest::Approx(g.uniform_delay_s + g.incremental_delay_s));
    CHECK(g.los == hcm::to_char(hcm::los(g.delay_s, g.degree_of_saturation)));
  }
  // Webster's splits fill the cycle and keep the minimums.
  double splits = 0;
  for (const PhaseAnalysis& phase : signal.phases) {
    REQUIRE(phase.webster_split_s);
    CHECK(*phase.webster_split_s >= phase.min_split_s - 1e-9);
    splits += *phase.webster_split_s;
  }
  CHECK(splits == doctest::Approx(90));
  const std::string text = to_text(analysis);
  CHECK(text.find("Webster cycle C0") != std::string::npos);
}

TEST_CASE("analyze: no cycle serves a demand with Y >= 1, said without a crash") {
  test::ApproachOptions o;
  o.flow_veh_per_h = 1100;
  o.cross_flow_veh_per_h = 900;  // Y = 2000 / 1900 > 1
  const Analysis analysis = analyze(test::isolated_approach(o));
  const SignalAnalysis& signal = analysis.signals.front();
  CHECK(signal.critical_flow_ratio_sum > 1);
  CHECK_FALSE(signal.webster_cycle_s);
  CHECK_FALSE(signal.minimum_cycle_s);
  CHECK_FALSE(signal.target_cycle_s);
  CHECK(signal.critical_v_c > 1);
  CHECK(to_text(analysis).find("Y >= 1: no cycle serves the demand") != std::string::npos);
  CHECK(to_json(analysis).find("\"webster_cycle_s\": null") != std::string::npos);
}

}  // namespace itsc

namespace itsc {

TEST_CASE("analyze: permitted and protected-permitted left capacities of HCM 7th ed. chapter 31 example 1") {
  // Exhibit 31-79/80's capacities and X of the four left-turn lane groups (the example's average phase
  // durations are the scenario's splits): EB L permitted 149 veh/h (X 0.47), WB L permitted 208 (0.57),
  // NB L protected-permitted 328 (0.41), SB L protected-permitted 225 (0.86).
  const Scenario scenario =
      load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/tests/data/hcm_ch31_example1.yaml").scenario;
  const SignalAnalysis signal = analyze(scenario).signals.front();
  const std::map<std::string, std::pair<double, double>> hcm{
      {"EB_L", {149, 0.47}}, {"WB_L", {208, 0.57}}, {"NB_L", {328, 0.41}}, {"SB_L", {225, 0.86}}};
  for (const LaneGroupAnalysis& group : signal.lane_groups) {
    const auto found = hcm.find(group.id);
    if (found == hcm.end()) continue;
    CAPTURE(group.id);
    CHECK(group.capacity_veh_per_h == doctest::Approx(found->second.first).epsilon(0.15));
    CHECK(group.degree_of_saturation == doctest::Approx(found->second.second).epsilon(0.15));
  }
}

}  // namespace itsc

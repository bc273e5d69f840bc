// Published worked examples of Webster's method and HCM's critical-path analysis, with their printed
// answers: the closed-form analysis must reproduce them (each source below; tolerances are the
// printed precision).
#include <doctest/doctest.h>
#include <itsc/hcm.hpp>

#include <cmath>
#include <limits>

#include <vector>

namespace itsc::hcm {

namespace {

// One ring, one barrier group: phases 0..n-1 in order, as a stage plan.
RingBarrier one_ring(std::size_t phases) {
  std::vector<std::size_t> all;
  for (std::size_t p = 0; p < phases; ++p) all.push_back(p);
  return {{all}};
}

}  // namespace

TEST_CASE("textbook: GATE CE 2016 (shift 2), three-phase Webster cycle and greens") {
  // Critical flow ratios 0.30, 0.25, 0.25, total lost time 10 s: C0 = 100 s, greens 34, 28, 28 s
  // ("rounded off to the nearest integer").
  const std::vector<double> y{0.30, 0.25, 0.25};
  const std::vector<double> lost(3, 10.0 / 3);
  const CriticalPath path = critical_path(one_ring(3), y, lost);
  CHECK(path.flow_ratio_sum == doctest::Approx(0.80));
  CHECK(path.lost_time_s == doctest::Approx(10));
  const double c0 = webster_cycle_s(path.lost_time_s, path.flow_ratio_sum);
  CHECK(c0 == doctest::Approx(100));
  const std::vector<double> g = webster_effective_greens_s(c0, path.lost_time_s, y);
  CHECK(std::round(g[0]) == 34);
  CHECK(std::round(g[1]) == 28);
  CHECK(std::round(g[2]) == 28);
  // The ring-barrier split rule gives the same effective greens, in tenths.
  const std::vector<PhaseDemand> needs{{0.30, 10.0 / 3, 5}, {0.25, 10.0 / 3, 5}, {0.25, 10.0 / 3, 5}};
  const std::vector<double> split = ring_barrier_splits_s(100, one_ring(3), needs);
  for (std::size_t p = 0; p < 3; ++p) CHECK(split[p] - 10.0 / 3 == doctest::Approx(g[p]).epsilon(0.01));
}

TEST_CASE("textbook: two-phase design from flows, L = 2n + R (Khanna & Justo style, selfstudys GATE test 2)") {
  // Roads A and B: 400 pcu/h of 1250, 250 of 1000; two phases, all-red 12 s: L = 2·2 + 12 = 16 s.
  // Printed: y 0.32 and 0.25, C0 = 67.4 s ≈ 67.5 s; at 67.5 s greens 29 and 22.5 s.
  const std::vector<double> y{400.0 / 1250, 250.0 / 1000};
  const CriticalPath path = critical_path(one_ring(2), y, std::vector<double>{8, 8});
  CHECK(path.flow_ratio_sum == doctest::Approx(0.57));
  CHECK(webster_cycle_s(path.lost_time_s, path.flow_ratio_sum) == doctest::Approx(67.4).epsilon(0.001));
  const std::vector<double> g = webster_effective_greens_s(67.5, 16, y);
  CHECK(g[0] == doctest::Approx(29).epsilon(0.01));
  CHECK(g[1] == doctest::Approx(22.5).epsilon(0.01));
}

TEST_CASE("textbook: four phases at a target critical v/c of 0.85 (askfilo): minimum cycle 170 s") {
  // Critical flow ratios 0.225, 0.175, 0.200, 0.150, 5 s lost per phase, Xc = 0.85: C = 170 s,
  // effective greens 45, 35, 40, 30 s, every critical lane group at X = 0.85.
  const std::vector<double> y{0.225, 0.175, 0.200, 0.150};
  const CriticalPath path = critical_path(one_ring(4), y, std::vector<double>(4, 5.0));
  const double cycle = cycle_for_critical_v_c_s(path.lost_time_s, path.flow_ratio_sum, 0.85);
  CHECK(cycle == doctest::Approx(170));
  CHECK(critical_v_c(path.flow_ratio_sum, cycle, path.lost_time_s) == doctest::Approx(0.85));
  const std::vector<double> g = webster_effective_greens_s(cycle, path.lost_time_s, y);
  const double printed[] = {45, 35, 40, 30};
  for (std::size_t p = 0; p < 4; ++p) {
    CHECK(g[p] == doctest::Approx(printed[p]));
    CHECK(y[p] * cycle / g[p] == doctest::Approx(0.85));  // X of the phase's critical lane group
  }
  CHECK(cycle_for_critical_v_c_s(20, 0.85, 0.85) == std::numeric_limits<double>::infinity());
}

TEST_CASE("textbook: Mannering & Washburn ch. 7 problem 1, critical lane groups over the rings") {
  // Three-phase signal: lefts NB/SB, then NB/SB through-right, then all of EB/WB. Printed: the critical
  // lane groups SB L (0.208), NB T/R (0.330) and EB L (0.169), Y = 0.707 (from y rounded to 3 decimals;
  // 0.7087 exactly). The same plan in NEMA rings: NB L (0) and SB T/R (1) in ring 1, SB L (2) and NB
  // T/R (3) in ring 2 before the barrier; EB (4: its L, the larger y) and WB (5: its T/R) after it.
  const std::vector<double> y{330.0 / 1700, 1075.0 / 3300, 365.0 / 1750, 1125.0 / 3400, 110.0 / 650, 285.0 / 1800};
  const RingBarrier rings{{{0, 1}, {4}}, {{2, 3}, {5}}};
  const CriticalPath path = critical_path(rings, y, std::vector<double>(6, 4.0));
  CHECK(path.flow_ratio_sum == doctest::Approx(0.707).epsilon(0.003));
  CHECK(path.flow_ratio_sum == doctest::Approx(0.7087).epsilon(0.0002));
  CHECK(path.phases == std::vector<std::size_t>{2, 3, 4});  // SB L, NB T/R, EB L
  CHECK(path.lost_time_s == doctest::Approx(12));
}

TEST_CASE("textbook: UPSC ESE 2018 and GATE CE 2021 (both shifts), Webster's optimum cycle") {
  // ESE 2018: flows 500 and 300 pcu/h, saturation 1600 each, L = 16 s: C0 = 58 s.
  CHECK(webster_cycle_s(16, critical_path(one_ring(2), std::vector<double>{500.0 / 1600, 300.0 / 1600}, {})
                                .flow_ratio_sum) == doctest::Approx(58));
  // GATE 2021 shift 1: flow ratios 0.37 and 0.40, 3 s lost per phase: C0 = 60.869 s (key 60.7-61.1).
  const CriticalPath two = critical_path(one_ring(2), std::vector<double>{0.37, 0.40}, std::vector<double>{3, 3});
  CHECK(webster_cycle_s(two.lost_time_s, two.flow_ratio_sum) == doctest::Approx(60.869).epsilon(0.0001));
  // GATE 2021 shift 2: 0.18, 0.32, 0.22, 2 s lost per phase: C0 = 50 s.
  const CriticalPath three =
      critical_path(one_ring(3), std::vector<double>{0.18, 0.32, 0.22}, std::vector<double>{2, 2, 2});
  CHECK(webster_cycle_s(three.lost_time_s, three.flow_ratio_sum) == doctest::Approx(50));
}

TEST_CASE("textbook: uniform delay of a pretimed approach (Wikibooks Fundamentals of Transportation, GATE)") {
  // Wikibooks, Traffic Signals/Solution: 500 veh/h, s = 3000 veh/h, g = 30 s, C = 100 s: 29.41 s/veh
  // (printed from ρ rounded to 0.167; the exact value is 29.40).
  CHECK(uniform_delay_s(100, 30, degree_of_saturation(500, capacity_veh_per_h(3000, 30, 100))) ==
        doctest::Approx(29.41).epsilon(0.001));
  // GATE-style (byjus): arrivals 20 veh/min, service 50 veh/min, red 30 s, green 30 s: 12.5 s/veh.
  CHECK(uniform_delay_s(60, 30, degree_of_saturation(1200, capacity_veh_per_h(3000, 30, 60))) ==
        doctest::Approx(12.5));
}

}  // namespace itsc::hcm

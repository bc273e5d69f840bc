#include <itsc/error.hpp>
#include <itsc/hcm.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using namespace itsc::hcm;

TEST_CASE("hcm: capacity, X and uniform delay against hand-computed values") {
  CHECK(capacity_veh_per_h(1900, 45, 90) == doctest::Approx(950));
  CHECK(degree_of_saturation(855, 950) == doctest::Approx(0.9));
  // d1 = 0.5·90·(0.5)² / (1 − 0.9·0.5) = 11.25 / 0.55 = 20.4545...
  CHECK(uniform_delay_s(90, 45, 0.9) == doctest::Approx(20.454545).epsilon(1e-6));
  // Above capacity min(1, X) caps it: 0.5·90·0.25 / 0.5 = 22.5
  CHECK(uniform_delay_s(90, 45, 1.2) == doctest::Approx(22.5));
}

TEST_CASE("hcm: incremental delay, its deterministic limit and the overflow term") {
  // X = 0.9, c = 950, T = 0.25, k = 0.5, I = 1:
  // 900·0.25·(−0.1 + sqrt(0.01 + 8·0.5·0.9/(950·0.25))) = 225·(−0.1 + sqrt(0.025157895)) = 13.187...
  CHECK(incremental_delay_s(0.9, 950, 0.25) == doctest::Approx(13.1879).epsilon(1e-4));
  CHECK(deterministic_overflow_delay_s(0.9, 0.25) == 0.0);
  CHECK(overflow_delay_s(0.9, 950, 0.25) == doctest::Approx(13.1879).epsilon(1e-4));
  // X = 1.2: d2 = 225·(0.2 + sqrt(0.04 + 4·1.2/237.5)) = 225·(0.2 + 0.245378) = 100.2101...; limit 90
  CHECK(incremental_delay_s(1.2, 950, 0.25) == doctest::Approx(100.2101).epsilon(1e-4));
  CHECK(deterministic_overflow_delay_s(1.2, 0.25) == doctest::Approx(90));
  CHECK(overflow_delay_s(1.2, 950, 0.25) == doctest::Approx(10.2101).epsilon(1e-3));
  CHECK(incremental_delay_s(0, 950, 0.25) == 0.0);
}

TEST_CASE("hcm: k for actuated control reproduces HCM 2000 Exhibit 16-13") {
  // Rows: unit extension 2.0, 2.5, …, 5.0 s; columns: X = 0.5, 0.6, …, 1.0 (the exhibit's two decimals).
  const double table[7][6] = {{0.04, 0.13, 0.22, 0.32, 0.41, 0.50}, {0.08, 0.16, 0.25, 0.33, 0.42, 0.50},
                              {0.11, 0.19, 0.27, 0.34, 0.42, 0.50}, {0.13, 0.20, 0.28, 0.35, 0.43, 0.50},
                              {0.15, 0.22, 0.29, 0.36, 0.43, 0.50}, {0.19, 0.25, 0.31, 0.38, 0.44, 0.50},
                              {0.23, 0.28, 0.34, 0.39, 0.45, 0.50}};
  for (int row = 0; row < 7; ++row) {
    for (int column = 0; column < 6; ++column) {
      const double unit = 2.0 + 0.5 * row;
      const double x = 0.5 + 0.1 * column;
      CAPTURE(unit);
      CAPTURE(x);
      CHECK(std::abs(actuated_k(x, unit) - table[row][column]) <= 0.005 + 1e-12);
    }
  }
  CHECK(actuated_k(0.3, 3.0) == doctest::Approx(0.11));    // X ≤ 0.5: k_min
  CHECK(actuated_k(1.4, 3.0) == 0.5);                      // above capacity: 0.5
  CHECK(actuated_k(0.5, 1.0) == doctest::Approx(0.04));    // UE ≤ 2 s: 0.04
  CHECK(actuated_k(0.5, 2.75) == doctest::Approx(0.095));  // linear between rows
  CHECK(actuated_k(0.5, 6.0) == doctest::Approx(0.31));    // extrapolated past 5 s
  CHECK(actuated_k(0.5, 20.0) == 0.5);                     // never above 0.5
}

TEST_CASE("hcm: LOS thresholds, F above capacity") {
  CHECK(to_char(los_from_delay(10.0)) == 'A');
  CHECK(to_char(los_from_delay(10.01)) == 'B');
  CHECK(to_char(los_from_delay(20.0)) == 'B');
  CHECK(to_char(los_from_delay(35.0)) == 'C');
  CHECK(to_char(los_from_delay(55.0)) == 'D');
  CHECK(to_char(los_from_delay(80.0)) == 'E');
  CHECK(to_char(los_from_delay(80.5)) == 'F');
  CHECK(to_char(los(5.0, 1.01)) == 'F');
  CHECK(to_char(los(5.0, 1.0)) == 'A');
}

TEST_CASE("hcm: Webster cycle and splits") {
  // L = 10 s, Y = 0.6: (15 + 5) / 0.4 = 50 s
  CHECK(webster_cycle_s(10, 0.6) == doctest::Approx(50));
  const std::vector<double> ratios{0.4, 0.2};
  const auto greens = webster_effective_greens_s(50, 10, ratios);
  REQUIRE(greens.size() == 2);
  CHECK(greens[0] == doctest::Approx(40.0 * 0.4 / 0.6));
  CHECK(greens[1] == doctest::Approx(40.0 * 0.2 / 0.6));
  CHECK_THROWS_AS((void)webster_cycle_s(10, 1.0), itsc::Error);
  CHECK_THROWS_AS((void)webster_effective_greens_s(10, 10, ratios), itsc::Error);
}

TEST_CASE("hcm: two-way stop-control delay and its LOS scale") {
  // c = 500 veh/h, X = 0.4, T = 0.25 h: 7.2 + 225·(−0.6 + sqrt(0.36 + 7.2·0.4/112.5)) + 5 = 16.918 s.
  CHECK(itsc::hcm::stop_control_delay_s(0.4, 500, 0.25) == doctest::Approx(16.918).epsilon(1e-4));
  // The fluid model holds the deterministic oversaturation part itself.
  CHECK(itsc::hcm::stop_control_overflow_delay_s(1.2, 500, 0.25) ==
        doctest::Approx(itsc::hcm::stop_control_delay_s(1.2, 500, 0.25) - 1800 * 0.25 * 0.2));
  CHECK(itsc::hcm::to_char(itsc::hcm::stop_control_los(15.0, 0.5)) == 'B');
  CHECK(itsc::hcm::to_char(itsc::hcm::stop_control_los(40.0, 0.5)) == 'E');  // D at a signal
  CHECK(itsc::hcm::to_char(itsc::hcm::stop_control_los(50.1, 0.5)) == 'F');
  CHECK(itsc::hcm::to_char(itsc::hcm::stop_control_los(5.0, 1.01)) == 'F');
}

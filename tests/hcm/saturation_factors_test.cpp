// HCM saturation flow adjustment factors, each against its formula worked by hand.
#include <itsc/hcm.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace itsc;

TEST_CASE("saturation factors: lane width steps at 10 ft and 12.9 ft (HCM 6th ed. Exhibit 19-20)") {
  CHECK(hcm::lane_width_factor(3.0) == 0.96);    // 9.8 ft
  CHECK(hcm::lane_width_factor(3.05) == 1.00);   // 10.0 ft
  CHECK(hcm::lane_width_factor(3.6) == 1.00);    // 11.8 ft
  CHECK(hcm::lane_width_factor(3.93) == 1.00);   // 12.9 ft
  CHECK(hcm::lane_width_factor(4.0) == 1.04);    // 13.1 ft
}

TEST_CASE("saturation factors: heavy vehicles with grade, parking, buses, area type") {
  CHECK(hcm::heavy_vehicle_grade_factor(0, 0) == 1.0);
  CHECK(hcm::heavy_vehicle_grade_factor(10, 0) == doctest::Approx(0.922).epsilon(1e-12));
  CHECK(hcm::heavy_vehicle_grade_factor(10, 4) == doctest::Approx((100 - 7.8 - 0.31 * 16) / 100).epsilon(1e-12));  // uphill slows
  CHECK(hcm::heavy_vehicle_grade_factor(10, -4) == doctest::Approx((100 - 7.9 + 8.28) / 100).epsilon(1e-12));   // downhill speeds up
  // Beyond HCM's grades (−6 % to +10 %) the grade is taken at the limit: a 20 % street that validation
  // accepts never gives a negative saturation flow; all heavy vehicles up 10 % stop at the 0.05 floor.
  CHECK(hcm::heavy_vehicle_grade_factor(0, 20) == hcm::heavy_vehicle_grade_factor(0, 10));
  CHECK(hcm::heavy_vehicle_grade_factor(0, -20) == hcm::heavy_vehicle_grade_factor(0, -6));
  CHECK(hcm::heavy_vehicle_grade_factor(100, 10) == 0.05);
  // f_p = (N − 0.1 − 18·N_m/3600) / N: a parking lane costs 0.1 lane, each manoeuvre 18 s of one lane.
  CHECK(hcm::parking_factor(2, 0) == doctest::Approx(0.95).epsilon(1e-12));
  CHECK(hcm::parking_factor(2, 20) == doctest::Approx(0.90).epsilon(1e-12));
  CHECK(hcm::parking_factor(1, 180) == doctest::Approx(0.05).epsilon(1e-12));   // at the floor
  CHECK(hcm::parking_factor(1, 500) == doctest::Approx(0.05).epsilon(1e-12));   // beyond 180: as 180
  // f_bb = (N − 14.4·N_B/3600) / N: each bus blocks a lane for 14.4 s.
  CHECK(hcm::bus_blockage_factor(2, 0) == 1.0);
  CHECK(hcm::bus_blockage_factor(2, 12) == doctest::Approx((2 - 0.048) / 2).epsilon(1e-12));
  CHECK(hcm::area_type_factor(true) == 0.90);
  CHECK(hcm::area_type_factor(false) == 1.00);
}

TEST_CASE("saturation factors: default lane utilization by lanes and movements (HCM 2010 Exhibit 18-30)") {
  using enum hcm::GroupKind;
  CHECK(hcm::default_lane_utilization(through_or_shared, 1) == 1.0);
  CHECK(hcm::default_lane_utilization(through_or_shared, 2) == 0.952);
  CHECK(hcm::default_lane_utilization(through_or_shared, 3) == 0.908);
  CHECK(hcm::default_lane_utilization(through_or_shared, 4) == 0.908);
  CHECK(hcm::default_lane_utilization(exclusive_left, 1) == 1.0);
  CHECK(hcm::default_lane_utilization(exclusive_left, 2) == 0.971);
  CHECK(hcm::default_lane_utilization(exclusive_right, 2) == 0.885);
}

// HCM 7th ed., chapter 31, Example Problem 1 (5th Avenue and 12th Street, a CBD; lanes of their own lane
// group, f_LU = 1), its adjusted saturation flows (Exhibit 31-77) as printed: an eastbound through lane
// (10 ft, 5% heavy vehicles, level) 1643 veh/h; a northbound through lane (12 ft, 2%) 1683; the northbound
// protected left (12 ft, 2%) 1603. (Its lanes beside parking and its turns that yield to pedestrians need
// f_Rpb and f_Lpb, which libitsc does not model.)
TEST_CASE("saturation factors: HCM 7th ed. chapter 31 Example Problem 1, adjusted saturation flows as printed") {
  const auto s = [](double width_ft, double heavy_percent, double turn_equivalent) {
    hcm::SaturationFactors f;
    f.lane_width = hcm::lane_width_factor(width_ft * 0.3048);
    f.heavy_vehicles_grade = hcm::heavy_vehicle_grade_factor(heavy_percent, 0);
    f.area_type = hcm::area_type_factor(true);
    f.lane_utilization = hcm::default_lane_utilization(hcm::GroupKind::through_or_shared, 1);
    return 1900 * f.product() / turn_equivalent;
  };
  CHECK(std::round(s(10, 5, 1)) == 1643);
  CHECK(std::round(s(12, 2, 1)) == 1683);
  CHECK(std::round(s(12, 2, hcm::kLeftTurnEquivalent)) == 1603);
}

TEST_CASE("saturation factors: the product multiplies every factor once") {
  hcm::SaturationFactors f;
  CHECK(f.product() == 1.0);
  f.lane_width = 0.96;
  f.heavy_vehicles_grade = 0.9 * 0.98;
  f.parking = 0.9;
  f.bus_blockage = 0.976;
  f.area_type = 0.9;
  f.lane_utilization = 0.952;
  CHECK(f.product() == doctest::Approx(0.96 * 0.9 * 0.98 * 0.9 * 0.976 * 0.9 * 0.952).epsilon(1e-12));
}

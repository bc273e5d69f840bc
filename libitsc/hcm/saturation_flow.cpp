// HCM saturation flow adjustment factors (HCM 6th ed., chapter 19; default lane utilization: HCM 2010
// chapter 18, the same values).
#include <algorithm>

#include "itsc/hcm.hpp"
#include "itsc/units.hpp"

namespace itsc::hcm {

namespace {

constexpr double kLeastFactor = 0.05;  // HCM's floor for the parking and bus factors (and here for f_HVg)
constexpr double kLeastGrade_percent = -6;
constexpr double kMostGrade_percent = 10;

}  // namespace

double SaturationFactors::product() const noexcept {
  return lane_width * heavy_vehicles_grade * parking * bus_blockage * area_type * lane_utilization;
}

double lane_width_factor(double lane_width_m) noexcept {
  const double feet = lane_width_m / kMetresPerFoot;
  if (feet < 10.0) return 0.96;
  return feet <= 12.9 ? 1.00 : 1.04;
}

double heavy_vehicle_grade_factor(double heavy_vehicle_percent, double grade_percent) noexcept {
  const double p = std::clamp(heavy_vehicle_percent, 0.0, 100.0);
  // HCM fits the grade terms over −6 % to +10 %; a steeper street (validation accepts ±20 %) is taken at
  // the limit, where the uphill term alone would otherwise turn the factor negative.
  const double g = std::clamp(grade_percent, kLeastGrade_percent, kMostGrade_percent);
  const double f = g >= 0 ? (100.0 - 0.78 * p - 0.31 * g * g) / 100.0 : (100.0 - 0.79 * p - 2.07 * g) / 100.0;
  return std::max(kLeastFactor, f);
}

double parking_factor(int lanes, double parking_maneuvers_per_h) noexcept {
  const double n = lanes;
  const double maneuvers = std::clamp(parking_maneuvers_per_h, 0.0, 180.0);
  return std::max(kLeastFactor, (n - 0.1 - 18.0 * maneuvers / 3600.0) / n);
}

double bus_blockage_factor(int lanes, double buses_stopping_per_h) noexcept {
  const double n = lanes;
  const double buses = std::clamp(buses_stopping_per_h, 0.0, 250.0);
  return std::max(kLeastFactor, (n - 14.4 * buses / 3600.0) / n);
}

double area_type_factor(bool central_business_district) noexcept { return central_business_district ? 0.90 : 1.00; }

double default_lane_utilization(GroupKind kind, int lanes) noexcept {
  if (lanes <= 1) return 1.0;
  switch (kind) {
    case GroupKind::exclusive_left: return 0.971;
    case GroupKind::exclusive_right: return 0.885;
    case GroupKind::through_or_shared: break;
  }
  return lanes == 2 ? 0.952 : 0.908;
}

}  // namespace itsc::hcm

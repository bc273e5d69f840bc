// The ITE change interval and MUTCD pedestrian formulas (constants and sources in clearance.hpp).
#include "itsc/clearance.hpp"

#include <algorithm>

namespace itsc {

double ite_yellow_s(double approach_speed_m_per_s, double grade_percent) noexcept {
  const double braking = 2 * kDecelerationMPerS2 + 2 * kGravityMPerS2 * grade_percent / 100;
  return kPerceptionReactionS + approach_speed_m_per_s / braking;
}

double ite_red_clearance_s(double width_m, double approach_speed_m_per_s) noexcept {
  return (width_m + kVehicleLengthM) / approach_speed_m_per_s;
}

double pedestrian_clearance_s(double crossing_length_m) noexcept {
  return crossing_length_m / kPedestrianClearanceSpeedMPerS;
}

double pedestrian_min_total_s(double crossing_length_m) noexcept {
  return (crossing_length_m + kPedestrianDetectorSetbackM) / kPedestrianTotalSpeedMPerS;
}

double default_walk_s(double crossing_length_m, double clearance_s) noexcept {
  return std::max(kDefaultWalkS, pedestrian_min_total_s(crossing_length_m) - clearance_s);
}

}  // namespace itsc

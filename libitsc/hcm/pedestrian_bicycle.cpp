// HCM pedestrian–bicycle adjustment of turning saturation flows (HCM 6th/7th ed., chapter 31, section
// "Pedestrian-bicycle adjustment factors", Eqs. 31-74 to 31-88) and the queue service time it needs.
#include <algorithm>
#include <cmath>
#include <limits>

#include "itsc/hcm.hpp"

namespace itsc::hcm {

namespace {

constexpr double kMostPedestrianFlow_p_per_h = 5000;  // Eq. 31-74's upper limit
constexpr double kMostBicycleFlow_per_h = 1900;       // Eq. 31-77's upper limit
constexpr double kMostPedestrianOccupancy = 0.9;      // Eq. 31-76's upper limit
constexpr double kMoreReceivingLanesShare = 0.6;      // Eq. 31-82: the share of the occupancy that still blocks

}  // namespace

double pedestrian_flow_in_service(double pedestrians_per_h, double cycle_s, double service_s) noexcept {
  if (!(pedestrians_per_h > 0) || !(service_s > 0) || !(cycle_s > 0)) return 0;
  return std::min(pedestrians_per_h * cycle_s / service_s, kMostPedestrianFlow_p_per_h);
}

double pedestrian_occupancy(double pedestrian_flow_in_service) noexcept {
  const double v = std::max(0.0, pedestrian_flow_in_service);
  return v <= 1000 ? v / 2000 : std::min(0.4 + v / 10000, kMostPedestrianOccupancy);
}

double bicycle_flow_in_green(double bicycles_per_h, double cycle_s, double green_s) noexcept {
  if (!(bicycles_per_h > 0) || !(green_s > 0) || !(cycle_s > 0)) return 0;
  return std::min(bicycles_per_h * cycle_s / green_s, kMostBicycleFlow_per_h);
}

double bicycle_occupancy(double bicycle_flow_in_green) noexcept {
  return bicycle_flow_in_green > 0 ? 0.02 + bicycle_flow_in_green / 2700 : 0.0;
}

double right_turn_conflict_occupancy(double pedestrian_occupancy, double service_in_green_s, double green_s,
                                     double bicycle_occupancy) noexcept {
  const double pedestrians =
      green_s > 0 ? std::clamp(service_in_green_s, 0.0, green_s) / green_s * pedestrian_occupancy : 0.0;
  return pedestrians + bicycle_occupancy - pedestrians * bicycle_occupancy;
}

double permitted_left_conflict_occupancy(double pedestrian_occupancy, double service_in_green_s,
                                         double permitted_green_s, double opposing_queue_s,
                                         double opposing_flow_veh_per_h) noexcept {
  const double g_p = permitted_green_s;
  const double g_ped = std::clamp(service_in_green_s, 0.0, g_p);
  const double g_q = std::max(0.0, opposing_queue_s);
  if (!(g_q < g_ped) || !(g_q < g_p)) return 0;  // Eq. 31-86: the opposing queue outlasts the pedestrians
  const double unblocked = pedestrian_occupancy * (1 - 0.5 * g_q / g_ped);  // Eq. 31-85
  return (g_ped - g_q) / (g_p - g_q) * unblocked * std::exp(-5.0 * std::max(0.0, opposing_flow_veh_per_h) / 3600);
}

double turn_pedestrian_bicycle_factor(double conflict_occupancy, bool more_receiving_lanes) noexcept {
  const double occupancy = std::clamp(conflict_occupancy, 0.0, 1.0);
  return 1 - (more_receiving_lanes ? kMoreReceivingLanesShare : 1.0) * occupancy;
}

double queue_service_time_s(double flow_veh_per_h, double saturation_veh_per_h, double red_s) noexcept {
  if (!(flow_veh_per_h > 0) || !(red_s > 0)) return 0;
  if (!(saturation_veh_per_h > flow_veh_per_h)) return std::numeric_limits<double>::infinity();
  return flow_veh_per_h * red_s / (saturation_veh_per_h - flow_veh_per_h);
}

}  // namespace itsc::hcm

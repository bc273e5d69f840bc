// HCM's permitted-left capacity in closed form.
#include "analyze/permitted_left.hpp"

#include <algorithm>
#include <vector>

#include "itsc/hcm.hpp"
#include "sim/group_terms.hpp"

namespace itsc::detail {

GroupDemand group_demand(const Model& model, std::size_t g, std::span<const double> movement_volume_veh_per_h) {
  const auto first = model.lane_group_movement_begin[g];
  const auto last = model.lane_group_movement_end[g];
  GroupDemand r;
  for (auto m = first; m < last; ++m) r.volume_veh_per_h += movement_volume_veh_per_h[m];
  r.saturation_veh_per_h = saturation_terms(model, g, [&](std::uint32_t m) {
                             return r.volume_veh_per_h > 0 ? movement_volume_veh_per_h[m] / r.volume_veh_per_h
                                                           : 1.0 / static_cast<double>(last - first);
                           }).saturation_veh_per_h;
  return r;
}

std::optional<double> permitted_left_capacity_veh_per_h(const Model& model, std::size_t g,
                                                        std::span<const double> movement_volume_veh_per_h,
                                                        double green_s, double cycle_s) {
  const auto first_yield = model.lane_group_left_yield_begin[g];
  if (first_yield == model.lane_group_left_yield_begin[g + 1] || cycle_s <= 0) return std::nullopt;
  for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
    if (model.movement_turn[m] != TurnType::left && model.movement_turn[m] != TurnType::u_turn) return std::nullopt;
  }
  const std::uint32_t y = model.lane_group_left_yield[first_yield];
  // The opposing flow, and the opposing group's queue of the red.
  double opposing = 0;
  std::optional<std::uint32_t> opposing_group;
  for (auto c = model.yield_conflict_begin[y]; c < model.yield_conflict_begin[y + 1]; ++c) {
    const std::uint32_t m = model.conflict_movement[c];
    opposing += model.conflict_weight[c] * movement_volume_veh_per_h[m];
    if (!opposing_group) opposing_group = model.movement_lane_group[m];
  }
  const double green = std::max(0.0, green_s);
  double queue_clear_s = 0;
  if (opposing_group && opposing > 0) {
    const double lanes = std::max(1, model.lane_group_lanes[*opposing_group]);
    const double per_lane_s = model.lane_group_saturation_veh_per_s[*opposing_group] * 3600.0 / lanes;
    queue_clear_s = std::min(green, hcm::queue_service_time_s(opposing / lanes, per_lane_s, cycle_s - green));
  }
  const double gap_rate = hcm::gap_capacity_veh_per_h(opposing, {model.yield_critical_s[y], model.yield_follow_up_s[y]}) *
                          model.yield_pedestrian_factor[y] * model.yield_gap_lanes[y];
  return gap_rate * (green - queue_clear_s) / cycle_s + model.yield_sneakers_veh[y] * 3600.0 / cycle_s;
}

double lane_group_capacity_veh_per_h(const Model& model, const SignalPhases& phases, std::size_t i,
                                     std::span<const double> movement_volume_veh_per_h, std::span<const double> green_s,
                                     double cycle_s, double saturation_veh_per_h) {
  const std::size_t p = phases.group_phase[i];
  if (p >= green_s.size() || cycle_s <= 0) return 0.0;
  const std::uint32_t g = phases.groups[i];
  const double green = std::max(0.0, green_s[p]);
  if (!phases.group_protected[i]) {
    if (const auto permitted = permitted_left_capacity_veh_per_h(model, g, movement_volume_veh_per_h, green, cycle_s)) {
      return *permitted;
    }
    return hcm::capacity_veh_per_h(saturation_veh_per_h, green, cycle_s);
  }
  double capacity = hcm::capacity_veh_per_h(saturation_veh_per_h, green, cycle_s);
  const std::size_t q = phases.group_permitted_phase[i];
  if (q < green_s.size()) {
    capacity += permitted_left_capacity_veh_per_h(model, g, movement_volume_veh_per_h, std::max(0.0, green_s[q]), cycle_s)
                    .value_or(0.0);
  }
  return capacity;
}

void apply_permitted_left_saturation(const Model& model, const SignalPhases& phases,
                                     std::span<const double> movement_volume_veh_per_h, double cycle_s,
                                     std::span<double> saturation_veh_per_h) {
  std::vector<double> green(phases.plan.phases.size());
  for (std::size_t p = 0; p < green.size(); ++p) green[p] = phases.plan.phases[p].split_s - phases.lost_time_s[p];
  for (std::size_t i = 0; i < phases.groups.size(); ++i) {
    const std::size_t p = phases.group_phase[i];
    if (p >= green.size() || green[p] <= 0) continue;
    const std::uint32_t g = phases.groups[i];
    const double capacity = lane_group_capacity_veh_per_h(model, phases, i, movement_volume_veh_per_h, green, cycle_s,
                                                          saturation_veh_per_h[g]);
    saturation_veh_per_h[g] = capacity * cycle_s / green[p];
  }
}

}  // namespace itsc::detail

#pragma once
// HCM's capacity of a permitted left-turn lane group in closed form (HCM 6th ed. chapter 19, permitted
// left turns): after the opposing queue has cleared, the lefts filter through the opposing flow's gaps at
// the gap-acceptance rate s_p, and the sneakers leave at the end of each green.
#include <cstddef>
#include <optional>
#include <span>

#include "itsc/model.hpp"
#include "model/signal_phases.hpp"

namespace itsc::detail {

/// Lane group g's demand volume (Σ of its movements', veh/h) and its saturation flow for that mix of them
/// (`saturation_terms`; its movements in equal shares without demand): the closed form's v and s.
struct GroupDemand {
  double volume_veh_per_h = 0;
  double saturation_veh_per_h = 0;
};
[[nodiscard]] GroupDemand group_demand(const Model& model, std::size_t g, std::span<const double> movement_volume_veh_per_h);

/// Lane group g's capacity (veh/h) when every movement of it is a left that yields on a permitted green,
/// under an effective green `green_s` of a cycle `cycle_s`, the opposing flow from the movements' volumes
/// (`movement_volume_veh_per_h`): s_p · (g − g_q) / C + sneakers · 3600 / C, with s_p the gap capacity
/// against the opposing flow (times f_Lpb), and g_q the time the opposing queue of the red takes to clear
/// (`hcm::queue_service_time_s`, at most g). None when the group is not such a group.
[[nodiscard]] std::optional<double> permitted_left_capacity_veh_per_h(const Model& model, std::size_t g,
                                                                      std::span<const double> movement_volume_veh_per_h,
                                                                      double green_s, double cycle_s);

/// The capacity (veh/h) of the i-th lane group of `phases` whose phases have the effective greens
/// `green_s` ([phase]) in a cycle `cycle_s`, `saturation_veh_per_h` its saturation flow: s · g / C of the
/// phase it is analysed in, where that phase serves it permitted only the permitted-left capacity
/// (`permitted_left_capacity_veh_per_h`) instead, and for a protected-permitted left the permitted-left
/// capacity of its permitted phase added.
[[nodiscard]] double lane_group_capacity_veh_per_h(const Model& model, const SignalPhases& phases, std::size_t i,
                                                   std::span<const double> movement_volume_veh_per_h,
                                                   std::span<const double> green_s, double cycle_s,
                                                   double saturation_veh_per_h);

/// The saturation flows (indexed by the model's lane groups) of the groups of `phases` made what their
/// capacity under the plan of `phases` (`lane_group_capacity_veh_per_h`) is over their phase's effective
/// green, so that their y, capacity and X follow the permitted lefts' gaps.
void apply_permitted_left_saturation(const Model& model, const SignalPhases& phases,
                                     std::span<const double> movement_volume_veh_per_h, double cycle_s,
                                     std::span<double> saturation_veh_per_h);

}  // namespace itsc::detail

// A signal's phases for HCM's critical-path method.
#include "model/signal_phases.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "itsc/ring_plan.hpp"

namespace itsc::detail {

SignalPhases signal_phases(const Model& model, std::size_t signal, const Timing& timing) {
  SignalPhases r;
  r.plan = ring_plan_of(timing);
  const std::size_t phases = r.plan.phases.size();
  const double l1 = static_cast<double>(model.startup_lost_tenths) / 10.0;
  const double e = static_cast<double>(model.usable_yellow_tenths) / 10.0;
  for (const Phase& phase : r.plan.phases) {
    const double clearance = phase.yellow_s.value_or(0) + phase.red_clearance_s.value_or(0);
    r.green_s.push_back(phase.split_s - clearance);
    r.lost_time_s.push_back(std::max(0.0, l1 + clearance - e));
    double green = phase.min_green_s.value_or(kDefaultMinGreenS);
    if (!phase.serves.crosswalks.empty()) {
      green = std::max(green, phase.walk_s.value_or(0) + phase.pedestrian_clearance_s.value_or(0));
    }
    r.min_split_s.push_back(green + clearance);
    r.max_split_s.push_back(phase.max1_s ? std::max(*phase.max1_s + clearance, green + clearance)
                                         : std::numeric_limits<double>::infinity());
  }
  const auto index = [&](int number) {
    for (std::size_t p = 0; p < phases; ++p) {
      if (r.plan.phases[p].number == number) return p;
    }
    return phases;
  };
  for (const auto& ring : r.plan.rings) {
    auto& groups = r.rings.emplace_back();
    for (const auto& group : ring) {
      auto& members = groups.emplace_back();
      for (const int number : group) members.push_back(index(number));
    }
  }
  const std::uint32_t node = model.signalized_nodes[signal];
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    if (model.lane_group_node[g] != node) continue;
    std::size_t best = phases;
    bool best_protected = false;
    for (std::size_t p = 0; p < phases; ++p) {
      const Service& serves = r.plan.phases[p].serves;
      for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
        const std::string& id = model.movement_id[m];
        const bool is_protected = std::find(serves.protected_movements.begin(), serves.protected_movements.end(),
                                            id) != serves.protected_movements.end();
        const bool permitted = std::find(serves.permitted_movements.begin(), serves.permitted_movements.end(),
                                         id) != serves.permitted_movements.end();
        if (!is_protected && !permitted) continue;
        const bool better = best == phases || (is_protected && !best_protected) ||
                            (is_protected == best_protected && r.green_s[p] > r.green_s[best]);
        if (better) {
          best = p;
          best_protected = is_protected;
        }
      }
    }
    r.groups.push_back(static_cast<std::uint32_t>(g));
    r.group_phase.push_back(best);
    r.group_protected.push_back(best < phases && best_protected);
    std::size_t permitted_phase = phases;
    for (std::size_t p = 0; p < phases && best_protected; ++p) {
      if (p == best) continue;
      const auto& permitted = r.plan.phases[p].serves.permitted_movements;
      for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
        if (std::find(permitted.begin(), permitted.end(), model.movement_id[m]) == permitted.end()) continue;
        if (permitted_phase == phases || r.green_s[p] > r.green_s[permitted_phase]) permitted_phase = p;
      }
    }
    r.group_permitted_phase.push_back(permitted_phase);
  }
  return r;
}

std::vector<double> phase_flow_ratios(const SignalPhases& phases, std::span<const double> volume_veh_per_h,
                                      std::span<const double> saturation_veh_per_h) {
  std::vector<double> y(phases.plan.phases.size(), 0.0);
  for (std::size_t i = 0; i < phases.groups.size(); ++i) {
    const std::size_t p = phases.group_phase[i];
    const double s = saturation_veh_per_h[phases.groups[i]];
    if (p < y.size() && s > 0) y[p] = std::max(y[p], volume_veh_per_h[phases.groups[i]] / s);
  }
  return y;
}

double critical_v_c(const Model& model, std::size_t signal, const Timing& timing,
                    std::span<const double> volume_veh_per_h, std::span<const double> saturation_veh_per_h) {
  const SignalPhases phases = signal_phases(model, signal, timing);
  const hcm::CriticalPath path =
      hcm::critical_path(phases.rings, phase_flow_ratios(phases, volume_veh_per_h, saturation_veh_per_h),
                         phases.lost_time_s);
  return hcm::critical_v_c(path.flow_ratio_sum, timing.cycle_s, path.lost_time_s);
}

}  // namespace itsc::detail

// HCM's critical v/c of a signal from its plan and its lane groups' volumes.
#include "sim/critical_ratio.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "itsc/ring_plan.hpp"

namespace itsc::detail {

double critical_v_c(const Model& model, std::size_t signal, const Timing& timing,
                    std::span<const double> volume_veh_per_h, std::span<const double> saturation_veh_per_h) {
  const RingPlan plan = ring_plan_of(timing);
  const std::size_t phases = plan.phases.size();
  const std::uint32_t node = model.signalized_nodes[signal];
  const double l1 = static_cast<double>(model.startup_lost_tenths) / 10.0;
  const double e = static_cast<double>(model.usable_yellow_tenths) / 10.0;
  std::vector<double> green(phases), lost(phases), y(phases, 0.0);
  for (std::size_t p = 0; p < phases; ++p) {
    const Phase& phase = plan.phases[p];
    const double clearance = phase.yellow_s.value_or(0) + phase.red_clearance_s.value_or(0);
    green[p] = phase.split_s - clearance;
    lost[p] = std::max(0.0, l1 + clearance - e);
  }
  // Each lane group's flow ratio goes to the phase that serves it longest (protected before permitted).
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    if (model.lane_group_node[g] != node) continue;
    std::size_t best = phases;
    bool best_protected = false;
    for (std::size_t p = 0; p < phases; ++p) {
      const Service& serves = plan.phases[p].serves;
      for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
        const std::string& id = model.movement_id[m];
        const bool is_protected = std::find(serves.protected_movements.begin(), serves.protected_movements.end(),
                                            id) != serves.protected_movements.end();
        const bool permitted = std::find(serves.permitted_movements.begin(), serves.permitted_movements.end(),
                                         id) != serves.permitted_movements.end();
        if (!is_protected && !permitted) continue;
        const bool better = best == phases || (is_protected && !best_protected) ||
                            (is_protected == best_protected && green[p] > green[best]);
        if (better) {
          best = p;
          best_protected = is_protected;
        }
      }
    }
    const double s = saturation_veh_per_h[g];
    if (best < phases && s > 0) y[best] = std::max(y[best], volume_veh_per_h[g] / s);
  }
  // The critical path: in each barrier group the ring with the largest Σ y (then the larger lost time).
  const auto index = [&](int number) {
    for (std::size_t p = 0; p < phases; ++p) {
      if (plan.phases[p].number == number) return p;
    }
    return phases;
  };
  double flow_ratio = 0;
  double lost_time = 0;
  const std::size_t groups = plan.rings.empty() ? 0 : plan.rings.front().size();
  for (std::size_t b = 0; b < groups; ++b) {
    double best_y = -1;
    double best_lost = 0;
    for (const auto& ring : plan.rings) {
      double ring_y = 0;
      double ring_lost = 0;
      for (const int number : ring[b]) {
        const std::size_t p = index(number);
        if (p == phases) continue;
        ring_y += y[p];
        ring_lost += lost[p];
      }
      if (ring_y > best_y || (ring_y == best_y && ring_lost > best_lost)) {
        best_y = ring_y;
        best_lost = ring_lost;
      }
    }
    flow_ratio += std::max(0.0, best_y);
    lost_time += best_lost;
  }
  const double cycle = timing.cycle_s;
  return cycle > lost_time ? flow_ratio * cycle / (cycle - lost_time) : flow_ratio;
}

}  // namespace itsc::detail

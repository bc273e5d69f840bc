// HCM's critical path through a ring-barrier plan, its critical v/c and the cycle for a target v/c.
#include <limits>

#include "itsc/hcm.hpp"

namespace itsc::hcm {

CriticalPath critical_path(const RingBarrier& rings, std::span<const double> flow_ratio,
                           std::span<const double> lost_time_s) {
  CriticalPath path;
  const std::size_t groups = rings.empty() ? 0 : rings.front().size();
  for (std::size_t b = 0; b < groups; ++b) {
    const std::vector<std::size_t>* best = nullptr;
    double best_y = -1;
    double best_lost = 0;
    for (const auto& ring : rings) {
      if (b >= ring.size()) continue;
      double y = 0;
      double lost = 0;
      for (const std::size_t p : ring[b]) {
        if (p < flow_ratio.size()) y += flow_ratio[p];
        if (p < lost_time_s.size()) lost += lost_time_s[p];
      }
      if (y > best_y || (y == best_y && lost > best_lost)) {
        best = &ring[b];
        best_y = y;
        best_lost = lost;
      }
    }
    if (best == nullptr) continue;
    path.phases.insert(path.phases.end(), best->begin(), best->end());
    path.flow_ratio_sum += best_y;
    path.lost_time_s += best_lost;
  }
  return path;
}

double critical_v_c(double critical_flow_ratio_sum, double cycle_s, double lost_time_s) noexcept {
  return cycle_s > lost_time_s ? critical_flow_ratio_sum * cycle_s / (cycle_s - lost_time_s)
                               : critical_flow_ratio_sum;
}

double cycle_for_critical_v_c_s(double lost_time_s, double critical_flow_ratio_sum, double target_x) noexcept {
  if (critical_flow_ratio_sum >= target_x) return std::numeric_limits<double>::infinity();
  return lost_time_s * target_x / (target_x - critical_flow_ratio_sum);
}

}  // namespace itsc::hcm

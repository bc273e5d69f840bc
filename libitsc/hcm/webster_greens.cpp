// Webster's split rule under minimum greens, in whole tenths of a second, for initial plans
// (generators) and the optimizer's starting point.
#include <cmath>
#include <numeric>
#include <string>

#include "itsc/error.hpp"
#include "itsc/hcm.hpp"
#include "itsc/tenths.hpp"
#include "util/format_number.hpp"

namespace itsc::hcm {

std::vector<double> webster_greens_s(double cycle_s, std::span<const StageDemand> stages) {
  // Work in whole tenths so that the greens and clearances add up to the cycle exactly.
  Tenths available = to_tenths(cycle_s);
  std::vector<long> minimum;
  for (const StageDemand& stage : stages) {
    available -= to_tenths(stage.clearance_s);
    minimum.push_back(std::lround(std::ceil(stage.min_green_s * 10 - 1e-9)));
  }
  const long needed = std::accumulate(minimum.begin(), minimum.end(), 0L);
  if (stages.empty() || available < needed) {
    throw Error(ErrorCode::invalid_input,
                "a cycle of " + detail::format_number(cycle_s) +
                    " s is too short for the minimum greens and clearances (" +
                    detail::format_number(static_cast<double>(needed + to_tenths(cycle_s) - available) / 10) + " s)");
  }
  // Share the time among the stages not held at their minimum, holding any the rule starves.
  const std::size_t n = stages.size();
  std::vector<bool> held(n, false);
  std::vector<double> share(n, 0);
  for (bool changed = true; changed;) {
    changed = false;
    double free = static_cast<double>(available);
    double ratio_sum = 0;
    double open = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (held[i]) {
        free -= static_cast<double>(minimum[i]);
      } else {
        ratio_sum += stages[i].flow_ratio;
        open += 1;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (held[i]) continue;
      share[i] = ratio_sum > 0 ? free * stages[i].flow_ratio / ratio_sum : free / open;
      if (share[i] < static_cast<double>(minimum[i])) {
        held[i] = true;
        changed = true;
      }
    }
  }
  std::vector<long> green(n);
  for (std::size_t i = 0; i < n; ++i) green[i] = held[i] ? minimum[i] : std::lround(share[i]);
  // Rounding leaves a few tenths over or short: give or take them where there is most slack.
  long residual = available - std::accumulate(green.begin(), green.end(), 0L);
  while (residual != 0) {
    std::size_t target = 0;
    for (std::size_t i = 1; i < n; ++i) {
      if (green[i] - minimum[i] > green[target] - minimum[target]) target = i;
    }
    const long step = residual > 0 ? 1 : -1;
    green[target] += step;
    residual -= step;
  }
  std::vector<double> result;
  for (const long tenths : green) result.push_back(static_cast<double>(tenths) / 10);
  return result;
}

}  // namespace itsc::hcm

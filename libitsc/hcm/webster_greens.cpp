// Webster's split rule under minimums, in whole tenths of a second: for stage plans (the generators'
// initial plans) and ring-barrier plans (`itsc analyze` and the optimizer's starting point).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "itsc/error.hpp"
#include "itsc/hcm.hpp"
#include "itsc/tenths.hpp"
#include "util/format_number.hpp"

namespace itsc::hcm {

namespace {

long ceil_tenths(double seconds) { return std::lround(std::ceil(seconds * 10 - 1e-9)); }

[[noreturn]] void too_short(double cycle_s, double needed_s) {
  throw Error(ErrorCode::invalid_input, "a cycle of " + detail::format_number(cycle_s) +
                                            " s is too short for the minimum greens and clearances (" +
                                            detail::format_number(needed_s) + " s)");
}

// `available` tenths shared in proportion to `weight` (equally where all are zero), none below its
// `minimum`: a share the rule would leave under its minimum is held there and the rest shared again.
// Rounding leaves a few tenths over or short: they go to (or come from) the share with most slack.
// The caller checks Σ minimum ≤ available.
std::vector<long> share_tenths(long available, std::span<const double> weight, std::span<const long> minimum) {
  const std::size_t n = weight.size();
  std::vector<bool> held(n, false);
  std::vector<double> share(n, 0);
  for (bool changed = true; changed;) {
    changed = false;
    double free = static_cast<double>(available);
    double weight_sum = 0;
    double open = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (held[i]) {
        free -= static_cast<double>(minimum[i]);
      } else {
        weight_sum += weight[i];
        open += 1;
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (held[i]) continue;
      share[i] = weight_sum > 0 ? free * weight[i] / weight_sum : free / open;
      if (share[i] < static_cast<double>(minimum[i])) {
        held[i] = true;
        changed = true;
      }
    }
  }
  std::vector<long> result(n);
  for (std::size_t i = 0; i < n; ++i) result[i] = held[i] ? minimum[i] : std::lround(share[i]);
  long residual = available - std::accumulate(result.begin(), result.end(), 0L);
  while (residual != 0 && n > 0) {
    std::size_t target = 0;
    for (std::size_t i = 1; i < n; ++i) {
      if (result[i] - minimum[i] > result[target] - minimum[target]) target = i;
    }
    const long step = residual > 0 ? 1 : -1;
    result[target] += step;
    residual -= step;
  }
  return result;
}

}  // namespace

std::vector<double> webster_greens_s(double cycle_s, std::span<const StageDemand> stages) {
  Tenths available = to_tenths(cycle_s);
  std::vector<long> minimum;
  std::vector<double> weight;
  for (const StageDemand& stage : stages) {
    available -= to_tenths(stage.clearance_s);
    minimum.push_back(ceil_tenths(stage.min_green_s));
    weight.push_back(stage.flow_ratio);
  }
  const long needed = std::accumulate(minimum.begin(), minimum.end(), 0L);
  if (stages.empty() || available < needed) {
    too_short(cycle_s, static_cast<double>(needed + to_tenths(cycle_s) - available) / 10);
  }
  std::vector<double> result;
  for (const long tenths : share_tenths(available, weight, minimum)) result.push_back(static_cast<double>(tenths) / 10);
  return result;
}

std::vector<double> ring_barrier_splits_s(double cycle_s, const RingBarrier& rings,
                                          std::span<const PhaseDemand> phases) {
  const std::size_t groups = rings.empty() ? 0 : rings.front().size();
  if (groups == 0) throw Error(ErrorCode::invalid_input, "a ring-barrier plan needs at least one phase");
  const auto lost = [&](std::size_t p) { return to_tenths(phases[p].lost_time_s); };
  // Per barrier group: the critical ring's Σ y and lost time, and the longest ring minimum.
  std::vector<double> group_weight(groups, 0.0);
  std::vector<long> group_lost(groups, 0), group_minimum(groups, 0);
  std::vector<double> flow_ratio, lost_s;
  for (const PhaseDemand& phase : phases) {
    flow_ratio.push_back(phase.flow_ratio);
    lost_s.push_back(phase.lost_time_s);
  }
  for (std::size_t b = 0; b < groups; ++b) {
    RingBarrier one_group;
    for (const auto& ring : rings) one_group.push_back({ring.at(b)});
    const CriticalPath critical = critical_path(one_group, flow_ratio, lost_s);
    group_weight[b] = critical.flow_ratio_sum;
    for (const std::size_t p : critical.phases) group_lost[b] += lost(p);
    for (const auto& ring : rings) {
      long ring_minimum = 0;
      for (const std::size_t p : ring.at(b)) ring_minimum += ceil_tenths(phases[p].min_split_s);
      group_minimum[b] = std::max(group_minimum[b], ring_minimum);
    }
  }
  const long cycle = to_tenths(cycle_s);
  const long lost_total = std::accumulate(group_lost.begin(), group_lost.end(), 0L);
  const long minimum_total = std::accumulate(group_minimum.begin(), group_minimum.end(), 0L);
  if (cycle < std::max(minimum_total, lost_total)) {
    too_short(cycle_s, static_cast<double>(std::max(minimum_total, lost_total)) / 10);
  }
  // The groups share the effective green (cycle less the critical lost time), each at least what its
  // longest ring's minimums leave after the lost time.
  std::vector<long> free_minimum(groups);
  for (std::size_t b = 0; b < groups; ++b) free_minimum[b] = std::max(0L, group_minimum[b] - group_lost[b]);
  const std::vector<long> group_free = share_tenths(cycle - lost_total, group_weight, free_minimum);
  std::vector<double> split(phases.size(), 0.0);
  for (std::size_t b = 0; b < groups; ++b) {
    const long group_time = group_free[b] + group_lost[b];
    for (const auto& ring : rings) {
      const std::vector<std::size_t>& members = ring.at(b);
      std::vector<double> weight;
      std::vector<long> minimum;
      long ring_lost = 0;
      for (const std::size_t p : members) {
        weight.push_back(phases[p].flow_ratio);
        ring_lost += lost(p);
        minimum.push_back(std::max(0L, ceil_tenths(phases[p].min_split_s) - lost(p)));
      }
      const std::vector<long> free = share_tenths(group_time - ring_lost, weight, minimum);
      for (std::size_t i = 0; i < members.size(); ++i) {
        split[members[i]] = static_cast<double>(free[i] + lost(members[i])) / 10;
      }
    }
  }
  return split;
}

}  // namespace itsc::hcm

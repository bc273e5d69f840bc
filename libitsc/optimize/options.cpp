// The optimizer's options: names and the validity check.
#include <cmath>
#include <string>

#include "itsc/optimize.hpp"
#include "util/enum_names.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace {

constexpr detail::EnumNames<OptimizeObjective, 3> kObjectiveNames{{{OptimizeObjective::delay, "delay"},
                                                                   {OptimizeObjective::performance_index, "pi"},
                                                                   {OptimizeObjective::throughput, "throughput"}}};
constexpr detail::EnumNames<CyclePolicy, 3> kCyclePolicyNames{{{CyclePolicy::common, "common"},
                                                               {CyclePolicy::per_node, "per-node"},
                                                               {CyclePolicy::groups, "groups"}}};
constexpr detail::EnumNames<StopReason, 4> kStopReasonNames{{{StopReason::converged, "converged"},
                                                             {StopReason::max_evaluations, "max-evaluations"},
                                                             {StopReason::time_limit, "time-limit"},
                                                             {StopReason::cancelled, "cancelled"}}};

}  // namespace

std::string_view to_string(OptimizeObjective objective) noexcept { return detail::name_of(kObjectiveNames, objective); }
std::optional<OptimizeObjective> parse_optimize_objective(std::string_view text) noexcept {
  return detail::value_of(kObjectiveNames, text);
}
std::string_view to_string(CyclePolicy policy) noexcept { return detail::name_of(kCyclePolicyNames, policy); }
std::optional<CyclePolicy> parse_cycle_policy(std::string_view text) noexcept {
  return detail::value_of(kCyclePolicyNames, text);
}
std::string_view to_string(StopReason reason) noexcept { return detail::name_of(kStopReasonNames, reason); }

std::string OptimizeOptions::check() const {
  using detail::format_number;
  const auto finite_positive = [](double x) { return std::isfinite(x) && x > 0; };
  if (!finite_positive(cycle_min_s)) return "the shortest cycle must be a positive number of seconds";
  if (!std::isfinite(cycle_max_s) || cycle_max_s < cycle_min_s) {
    return "the longest cycle (" + format_number(cycle_max_s) + " s) must be at least the shortest (" +
           format_number(cycle_min_s) + " s)";
  }
  if (!std::isfinite(coupling_index_min) || coupling_index_min < 0) return "the coupling index must be at least 0";
  if (!finite_positive(max_degree_of_saturation)) return "the largest degree of saturation must be positive";
  if (!std::isfinite(stop_penalty_s) || stop_penalty_s < 0) return "the stop penalty must be at least 0 s";
  if (!std::isfinite(settle_cycles) || settle_cycles < 0) return "the settling cycles must be at least 0";
  if (!finite_positive(measure_cycles)) return "the measured cycles must be positive";
  if (!std::isfinite(least_measure_s) || least_measure_s < 0) return "the least measured time must be at least 0 s";
  if (!std::isfinite(time_limit_s) || time_limit_s < 0) return "the time limit must be at least 0 s";
  if (!std::isfinite(tolerance) || tolerance < 0) return "the tolerance must be at least 0";
  if (!std::isfinite(demand_cv) || demand_cv < 0) return "the demand's coefficient of variation must be at least 0";
  if (demand_percentile && !(*demand_percentile >= 0 && *demand_percentile <= 100)) {
    return "the demand percentile must be from 0 to 100";
  }
  if (threads < 1) return "threads must be at least 1";
  if (batch < 1) return "the batch must hold at least one candidate";
  return {};
}

}  // namespace itsc

// A lane group's HCM terms from a member's metrics (docs/model.md, "Delay").
#include "sim/group_terms.hpp"

#include <algorithm>

#include "itsc/hcm.hpp"

namespace itsc::detail {

namespace {

constexpr double kLeastCapacity_veh_per_h = 1.0;

double overflow_delay_s(GroupControl control, double x, double capacity_veh_per_h, double analysis_period_h,
                        std::optional<double> unit_extension_s) {
  switch (control) {
    case GroupControl::signal: {
      const double k = unit_extension_s ? hcm::actuated_k(x, *unit_extension_s) : 0.5;
      return hcm::overflow_delay_s(x, capacity_veh_per_h, analysis_period_h, k);
    }
    case GroupControl::stop: return hcm::stop_control_overflow_delay_s(x, capacity_veh_per_h, analysis_period_h);
    case GroupControl::free: break;
  }
  return 0.0;
}

}  // namespace

GroupControl group_control(const Model& model, std::size_t g) noexcept {
  if (model.node_control[model.lane_group_node[g]] == NodeControl::signalized) return GroupControl::signal;
  for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
    if (model.movement_yield[m] == YieldRule::always) return GroupControl::stop;
  }
  return GroupControl::free;
}

std::optional<double> unit_extension_s(const Model& model, std::span<Controller* const> controllers,
                                       std::size_t g) noexcept {
  std::optional<double> longest;
  for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
    const auto s = model.movement_signal[m];
    if (s == kNone || s >= controllers.size()) continue;
    const auto unit = controllers[s]->unit_extension_s(m - model.signal_movement_begin[s]);
    if (unit) longest = std::max(longest.value_or(0.0), *unit);
  }
  return longest;
}

double rate_window_s(const Model& model, const Metrics& metrics, const BatchDemand& demand, std::size_t b) noexcept {
  const double measured_s = static_cast<double>(metrics.measured_steps) * model.dt_s;
  const std::size_t entries = model.entry_count();
  std::size_t last = demand.interval_count;  // one past the last interval with flow; 0: none at all
  while (last > 0) {
    bool flow = false;
    for (std::size_t e = 0; e < entries && !flow; ++e) {
      flow = demand.entry_veh_per_s[((last - 1) * entries + e) * demand.batch + b] > 0;
    }
    if (flow) break;
    --last;
  }
  if (last == demand.interval_count || last == 0) return measured_s;
  const double demand_end_s = static_cast<double>(last) * demand.interval_s;
  return demand_end_s > model.warmup_s ? std::min(measured_s, demand_end_s - model.warmup_s) : measured_s;
}

GroupTerms group_terms(const Model& model, const State& state, const BatchDemand& demand, std::size_t g,
                       std::size_t b, std::optional<double> unit_extension_s) noexcept {
  const std::size_t batch = state.batch;
  const Metrics& metrics = state.metrics;
  const double measured_s = static_cast<double>(metrics.measured_steps) * model.dt_s;
  const double window_s = rate_window_s(model, metrics, demand, b);
  GroupTerms r;
  const auto first = model.lane_group_movement_begin[g];
  const auto last = model.lane_group_movement_end[g];
  for (auto m = first; m < last; ++m) {
    r.arrivals_veh += metrics.movement_arrivals_veh[m * batch + b];
    r.delay_veh_s += metrics.movement_delay_veh_s[m * batch + b];
    r.stops += metrics.movement_stops[m * batch + b];
  }
  const SaturationTerms saturation = saturation_terms(model, g, [&](std::uint32_t m) {
    return r.arrivals_veh > 0 ? metrics.movement_arrivals_veh[m * batch + b] / r.arrivals_veh
                              : 1.0 / static_cast<double>(last - first);
  });
  r.turn_factor = saturation.turn_factor;
  r.pedestrian_right_factor = saturation.pedestrian_right_factor;
  r.pedestrian_left_factor = saturation.pedestrian_left_factor;
  r.saturation_veh_per_h = saturation.saturation_veh_per_h;
  const double through_rate_veh_per_h = model.lane_group_saturation_veh_per_s[g] * 3600.0;
  if (window_s > 0) {
    r.volume_veh_per_h = r.arrivals_veh / (window_s / 3600.0) / demand.peak_hour_factor[b];
    // The metric holds the capacity served in seconds of through-car saturation flow.
    r.capacity_veh_per_h = through_rate_veh_per_h * metrics.group_effective_green_s[g * batch + b] / measured_s;
    r.effective_green_share = r.saturation_veh_per_h > 0 ? r.capacity_veh_per_h / r.saturation_veh_per_h : 0.0;
  }
  // A group that got (almost) no green while vehicles arrived has no capacity to divide by: its X and
  // overflow term are taken at one vehicle per hour — finite, LOS F — and its simulated delay is the wait.
  const double capacity = r.volume_veh_per_h > 0 ? std::max(r.capacity_veh_per_h, kLeastCapacity_veh_per_h)
                                                  : r.capacity_veh_per_h;
  r.degree_of_saturation = hcm::degree_of_saturation(r.volume_veh_per_h, capacity);
  if (r.arrivals_veh > 0) {
    r.overflow_delay_s_per_veh = overflow_delay_s(group_control(model, g), r.degree_of_saturation, capacity,
                                                  model.analysis_period_h, unit_extension_s);
  }
  return r;
}

}  // namespace itsc::detail

// Metrics of one batch member → network, intersection and lane-group results (HCM terms added here).
#include <algorithm>
#include <optional>

#include "itsc/hcm.hpp"
#include "itsc/objective.hpp"
#include "itsc/simulate.hpp"
#include "model/signal_phases.hpp"
#include "sim/group_terms.hpp"
#include "sim/route_results.hpp"

namespace itsc {

namespace {

using detail::group_control;
using detail::GroupControl;
using detail::unit_extension_s;

// A fluid queue approaches the end of its storage without quite reaching it: within 1% it has filled it.
constexpr double kSpillShare = 0.99;

// The 95th percentile of `total` counts in a lane group's histogram ([group × bin × B], `bins` over
// [0, storage]), interpolated inside the bin.
double percentile_95(const std::vector<double>& histogram, std::size_t bins, double total, std::size_t group,
                     std::size_t batch, std::size_t b, double storage) {
  if (!(total > 0) || !(storage > 0)) return 0.0;
  const double target = 0.95 * total;
  double seen = 0;
  for (std::size_t bin = 0; bin < bins; ++bin) {
    const double count = histogram[(group * bins + bin) * batch + b];
    if (seen + count >= target && count > 0) {
      const double width = storage / static_cast<double>(bins);
      return width * (static_cast<double>(bin) + (target - seen) / count);
    }
    seen += count;
  }
  return storage;
}

// Counts in a lane group's histogram.
double histogram_total(const std::vector<double>& histogram, std::size_t bins, std::size_t group, std::size_t batch,
                       std::size_t b) {
  double total = 0;
  for (std::size_t bin = 0; bin < bins; ++bin) total += histogram[(group * bins + bin) * batch + b];
  return total;
}

// '-' where HCM defines no LOS (a free-flowing major-street movement at a two-way stop).
char grade(GroupControl control, double delay_s, double x) {
  switch (control) {
    case GroupControl::signal: return hcm::to_char(hcm::los(delay_s, x));
    case GroupControl::stop: return hcm::to_char(hcm::stop_control_los(delay_s, x));
    case GroupControl::free: break;
  }
  return '-';
}

LaneGroupResult lane_group_result(const Model& model, const State& state, const BatchDemand& demand, std::size_t g,
                                  std::size_t b, std::optional<double> unit_extension_s) {
  const std::size_t batch = state.batch;
  const Metrics& metrics = state.metrics;
  const double window_s = detail::rate_window_s(model, metrics, demand, b);
  const double window_h = window_s / 3600.0;
  const double steps = static_cast<double>(metrics.measured_steps);
  const GroupControl control = group_control(model, g);
  const detail::GroupTerms terms = detail::group_terms(model, state, demand, g, b, unit_extension_s);
  LaneGroupResult r;
  r.id = model.lane_group_id[g];
  double delay = 0;
  for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
    MovementResult movement;
    const std::size_t k = m * batch + b;
    movement.id = model.movement_id[m];
    movement.arrivals_veh = metrics.movement_arrivals_veh[k];
    movement.departures_veh = metrics.movement_departures_veh[k];
    movement.stops = metrics.movement_stops[k];
    if (window_s > 0) movement.volume_veh_per_h = movement.arrivals_veh / window_h / demand.peak_hour_factor[b];
    if (movement.arrivals_veh > 0) {
      movement.uniform_delay_s_per_veh = metrics.movement_delay_veh_s[k] / movement.arrivals_veh;
      movement.stops_per_veh = movement.stops / movement.arrivals_veh;
    }
    if (steps > 0) movement.queue_mean_veh = metrics.movement_queue_sum_veh[k] / steps;
    movement.queue_max_veh = metrics.movement_queue_max_veh[k];
    r.arrivals_veh += movement.arrivals_veh;
    r.departures_veh += movement.departures_veh;
    r.stops += movement.stops;
    delay += metrics.movement_delay_veh_s[k];
    r.movements.push_back(std::move(movement));
  }
  r.volume_veh_per_h = terms.volume_veh_per_h;
  r.saturation_flow_veh_per_h = terms.saturation_veh_per_h;
  r.saturation_factors = model.lane_group_factors[g];
  r.turn_factor = terms.turn_factor;
  r.pedestrian_right_factor = terms.pedestrian_right_factor;
  r.pedestrian_left_factor = terms.pedestrian_left_factor;
  r.effective_green_share = terms.effective_green_share;
  r.capacity_veh_per_h = terms.capacity_veh_per_h;
  r.degree_of_saturation = terms.degree_of_saturation;
  r.overflow_delay_s_per_veh = terms.overflow_delay_s_per_veh;
  if (r.arrivals_veh > 0) {
    r.uniform_delay_s_per_veh = delay / r.arrivals_veh;
    r.stops_per_veh = r.stops / r.arrivals_veh;
  }
  r.delay_s_per_veh = r.uniform_delay_s_per_veh + r.overflow_delay_s_per_veh;
  r.delay_veh_h = (delay + r.overflow_delay_s_per_veh * r.arrivals_veh) / 3600.0;
  r.los = grade(control, r.delay_s_per_veh, r.degree_of_saturation);
  r.storage_veh = model.lane_group_storage_veh[g];
  // A bay group's queue is held in its bay; the others' on the link.
  r.storage_m = model.lane_group_storage_m[g];
  const std::size_t bins = metrics.queue_bins;
  if (steps > 0) r.queue_mean_veh = metrics.group_queue_sum_veh[g * batch + b] / steps;
  r.queue_max_veh = metrics.group_queue_max_veh[g * batch + b];
  r.queue_p95_veh =
      std::min(r.queue_max_veh, percentile_95(metrics.group_queue_histogram, bins, steps, g, batch, b, r.storage_veh));
  if (steps > 0) r.queue_mean_m = metrics.group_queue_sum_m[g * batch + b] / steps;
  r.queue_max_m = metrics.group_queue_max_m[g * batch + b];
  // The histogram is kept in vehicles; its 95th percentile is scaled by the group's metres per vehicle.
  r.queue_p95_m = r.queue_max_veh > 0 ? r.queue_p95_veh * r.queue_max_m / r.queue_max_veh : 0.0;
  // It spills when its back reached the end of its storage: a bay that overflows into the approach, a
  // link whose queue holds back the node upstream.
  r.spills = r.queue_max_m >= kSpillShare * r.storage_m;
  // HCM's back of queue: the 95th percentile over the measured signal cycles, at most their longest (exact
  // when every cycle's falls in one bin).
  const double cycles = histogram_total(metrics.group_cycle_histogram, bins, g, batch, b);
  r.cycles = static_cast<int>(cycles);
  if (r.cycles > 0) {
    r.queue_cycle_p95_m = std::min(metrics.group_cycle_max_m[g * batch + b],
                                   percentile_95(metrics.group_cycle_histogram, bins, cycles, g, batch, b, r.storage_m));
    r.queue_cycle_p95_veh = r.queue_cycle_p95_m / model.lane_group_queue_m_per_veh[g];
    r.queue_storage_ratio = r.queue_cycle_p95_m / r.storage_m;
    r.cycle_p95_spills = r.queue_cycle_p95_m >= kSpillShare * r.storage_m;
  }
  for (MovementResult& movement : r.movements) {
    if (movement.arrivals_veh > 0) movement.overflow_delay_s_per_veh = r.overflow_delay_s_per_veh;
    movement.delay_s_per_veh = movement.uniform_delay_s_per_veh + movement.overflow_delay_s_per_veh;
    movement.los = grade(control, movement.delay_s_per_veh, r.degree_of_saturation);
    movement.queue_mean_m = r.queue_mean_m;
    movement.queue_max_m = r.queue_max_m;
  }
  return r;
}

// Average greens of a controller's phases and the cycle they make, over the measured period.
void phase_results(const State& state, std::size_t signal, std::size_t b,
                   const Controller& controller, IntersectionResult& out) {
  const Metrics& metrics = state.metrics;
  double most = 0, span_s = 0;
  for (const int number : controller.phase_numbers()) {
    if (number < 1 || static_cast<std::size_t>(number) > kPhaseSlots) continue;
    const std::size_t at = (signal * kPhaseSlots + static_cast<std::size_t>(number) - 1) * state.batch + b;
    PhaseResult phase;
    phase.number = number;
    phase.greens = metrics.phase_greens[at];
    if (phase.greens > 0) phase.average_green_s = metrics.phase_green_s[at] / phase.greens;
    if (phase.greens > most) {
      most = phase.greens;
      span_s = metrics.phase_last_green_s[at] - metrics.phase_first_green_s[at];
    }
    out.phases.push_back(phase);
  }
  // From the first to the last green of the phase served most often: whole cycles only.
  if (most > 1) out.average_cycle_s = span_s / (most - 1);
}

}  // namespace

SimulationResult Simulation::result(std::size_t b) const {
  const Model& model = *model_;
  std::size_t local = 0;
  const std::span<Controller* const> controllers = parts_[part_of(b, local)].views;
  const State& state = this->state();  // gathered from the parts of a threaded batch
  const Metrics& metrics = state.metrics;
  SimulationResult r;
  r.duration_s = time_s();
  r.dt_s = model.dt_s;
  r.measured_from_s = model.warmup_s;
  r.analysis_period_h = model.analysis_period_h;
  r.vehicles_entered = metrics.entered_veh[b];
  r.vehicles_exited = metrics.exited_veh[b];
  r.vehicles_inside = state.inside_veh(b);
  r.vehicles_waiting = state.waiting_veh(b);
  r.measured_entered = metrics.window_entered_veh[b];
  r.measured_exited = metrics.window_exited_veh[b];
  // Signalized nodes in signal order, then two-way stops in node order.
  std::vector<std::uint32_t> nodes(model.signalized_nodes.begin(), model.signalized_nodes.end());
  for (std::uint32_t n = 0; n < model.node_control.size(); ++n) {
    if (model.node_control[n] == NodeControl::two_way_stop) nodes.push_back(n);
  }
  // Every lane group's results: those of the intersections, and those of uncontrolled nodes that only the
  // routes read.
  std::vector<LaneGroupResult> groups;
  groups.reserve(model.lane_group_count());
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    groups.push_back(lane_group_result(model, state, demand_, g, b, unit_extension_s(model, controllers, g)));
  }
  for (std::size_t route = 0; route < model.route_count(); ++route) {
    r.routes.push_back(detail::route_result(model, route, groups));
  }
  std::vector<double> group_volume(model.lane_group_count(), 0.0);      // for the critical v/c
  std::vector<double> group_saturation(model.lane_group_count(), 0.0);
  for (const std::uint32_t node : nodes) {
    IntersectionResult intersection;
    intersection.id = model.node_id[node];
    intersection.control = model.node_control[node];
    double volume = 0;
    for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
      if (model.lane_group_node[g] != node) continue;
      const LaneGroupResult& group = groups[g];
      volume += group.volume_veh_per_h;
      intersection.uniform_delay_s_per_veh += group.volume_veh_per_h * group.uniform_delay_s_per_veh;
      intersection.overflow_delay_s_per_veh += group.volume_veh_per_h * group.overflow_delay_s_per_veh;
      intersection.max_queue_veh = std::max(intersection.max_queue_veh, group.queue_max_veh);
      intersection.degree_of_saturation = std::max(intersection.degree_of_saturation, group.degree_of_saturation);
      intersection.delay_veh_h += group.delay_veh_h;
      group_volume[g] = group.volume_veh_per_h;
      group_saturation[g] = group.saturation_flow_veh_per_h;
      intersection.lane_groups.push_back(group);
    }
    if (volume > 0) {
      intersection.uniform_delay_s_per_veh /= volume;
      intersection.overflow_delay_s_per_veh /= volume;
    }
    intersection.delay_s_per_veh = intersection.uniform_delay_s_per_veh + intersection.overflow_delay_s_per_veh;
    if (intersection.control == NodeControl::signalized) {
      const auto signal = static_cast<std::size_t>(
          std::find(model.signalized_nodes.begin(), model.signalized_nodes.end(), node) - model.signalized_nodes.begin());
      intersection.critical_v_c = detail::critical_v_c(model, signal, plans_.plan(signal, b).timing, group_volume,
                                                      group_saturation);
      phase_results(state, signal, b, *controllers[signal], intersection);
      if (intersection.phases.empty()) intersection.average_cycle_s = plans_.plan(signal, b).timing.cycle_s;
    }
    // HCM grades a two-way stop by movement only.
    intersection.los = intersection.control == NodeControl::signalized
                           ? hcm::to_char(hcm::los_from_delay(intersection.delay_s_per_veh))
                           : '-';
    r.intersections.push_back(std::move(intersection));
  }
  r.timeseries = timeseries_[b];
  // The network's totals: each vehicle-second and stop once, where it happened (`objective`).
  const Objective totals = objective(model, state, demand_, b, {}, controllers);
  r.total_delay_veh_h = totals.delay_veh_h;
  r.entry_delay_veh_h = metrics.entry_delay_veh_s[b] / 3600.0;
  // What no intersection reports: the approaches of uncontrolled nodes and the links leaving the network.
  double other_veh_s = metrics.exit_link_delay_veh_s[b];
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    const NodeControl control = model.node_control[model.lane_group_node[g]];
    if (control == NodeControl::signalized || control == NodeControl::two_way_stop) continue;
    for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
      other_veh_s += metrics.movement_delay_veh_s[m * state.batch + b];
    }
  }
  r.other_delay_veh_h = other_veh_s / 3600.0;
  if (r.measured_entered > 0) {
    r.uniform_delay_s_per_veh = totals.simulated_delay_veh_h * 3600.0 / r.measured_entered;
    r.overflow_delay_s_per_veh = totals.overflow_delay_veh_h * 3600.0 / r.measured_entered;
    r.delay_s_per_veh = r.uniform_delay_s_per_veh + r.overflow_delay_s_per_veh;
    r.stops_per_veh = totals.stops / r.measured_entered;
    r.average_travel_time_s = metrics.vehicle_s[b] / r.measured_entered;
  }
  r.total_stops = totals.stops;
  r.vehicle_hours = metrics.vehicle_s[b] / 3600.0;
  r.vehicle_km = metrics.vehicle_m[b] / 1000.0;
  r.rate_period_s = detail::rate_window_s(model, metrics, demand_, b);
  if (r.rate_period_s > 0) r.throughput_veh_per_h = r.measured_exited * 3600.0 / r.rate_period_s;
  return r;
}

}  // namespace itsc

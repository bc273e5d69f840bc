// Allocation of a batch's State: everything `step` touches is sized here, once.
#include <algorithm>

#include "sim/kernel.hpp"

namespace itsc {

State make_state(const Model& model, std::size_t batch) {
  State s;
  s.batch = batch == 0 ? 1 : batch;
  const std::size_t b = s.batch;
  const std::size_t cells = model.cell_count * b;
  const std::size_t movements = model.movement_count() * b;
  const std::size_t links = model.link_count() * b;
  const std::size_t groups = model.lane_group_count() * b;
  s.cell_veh.assign(cells, 0.0);
  s.cell_stopped_veh.assign(cells, 0.0);
  s.movement_veh.assign(movements, 0.0);
  s.movement_stopped_veh.assign(movements, 0.0);
  s.entry_waiting_veh.assign(model.entry_count() * b, 0.0);
  s.yield_flow_veh.assign(model.yield_movement.size() * b, -1.0);  // no flow is negative: computed at first use
  s.yield_gap_rate_veh_per_s.assign(model.yield_movement.size() * b, 0.0);
  s.yield_sneakers_veh.assign(model.yield_movement.size() * b, 0.0);
  s.yield_permitted.assign(model.yield_movement.size() * b, 1);  // until a protected green says otherwise
  s.indication.assign(movements, Indication::red);
  s.command_indication.assign(movements, Indication::red);
  s.green_tenths.assign(movements, 0);
  s.yellow_tenths.assign(movements, 0);
  s.green_elapsed_tenths.assign(movements, 0);
  s.yellow_elapsed_tenths.assign(movements, 0);

  // Feeds of each movement: the movements leaving its receiving link, or the link itself at an exit.
  for (auto* v : {&s.detector_call, &s.detector_count, &s.detector_occupancy, &s.detector_passed_veh,
                  &s.detector_upstream_before_veh, &s.detector_cell_before_veh}) {
    v->assign(model.detector_count() * b, 0.0);
  }
  s.detector_next_veh.assign(model.detector_count() * b, 0.0);
  s.detector_draws.assign(model.detector_count() * b, 0);
  s.member_seed.assign(b, model.seed);
  s.observed_queued_veh.assign(movements, 0.0);
  s.observed_moving_veh.assign(movements, 0.0);
  s.feed_begin.assign(model.movement_count() + 1, 0);
  for (std::size_t m = 0; m < model.movement_count(); ++m) {
    const auto link = model.movement_to_link[m];
    s.feed_begin[m] = static_cast<std::uint32_t>(s.feed_movement.size());
    if (model.link_movement_begin[link] == model.link_movement_end[link]) {
      s.feed_movement.push_back(kNone);
      s.feed_link.push_back(link);
    }
    for (auto next = model.link_movement_begin[link]; next < model.link_movement_end[link]; ++next) {
      s.feed_movement.push_back(next);
      s.feed_link.push_back(link);
    }
  }
  s.feed_begin[model.movement_count()] = static_cast<std::uint32_t>(s.feed_movement.size());
  s.feed_queued_veh.assign(s.feed_movement.size() * b, 0.0);
  s.feed_moving_veh.assign(s.feed_movement.size() * b, 0.0);
  s.feed_proportion.assign(s.feed_movement.size() * b, 0.0);
  const std::size_t crosswalks = model.signal_crosswalk_begin.empty() ? 0 : model.signal_crosswalk_begin.back();
  s.pedestrian_arrived.assign(crosswalks * b, 0.0);
  s.pedestrian_call.assign(crosswalks * b, 0.0);

  s.link_inflow_veh.assign(links, 0.0);
  s.link_demand_veh.assign(links, 0.0);
  s.link_upstream_held_veh.assign(links, 0.0);
  s.link_upstream_stopped_veh.assign(links, 0.0);
  s.link_upstream_new_stops.assign(links, 0.0);
  s.movement_capacity_veh.assign(movements, 0.0);
  s.movement_send_veh.assign(movements, 0.0);
  s.movement_flow_veh.assign(movements, 0.0);
  s.group_demand_veh.assign(groups, 0.0);
  s.group_queue_veh.assign(groups, 0.0);
  s.group_held_veh.assign(groups, 0.0);
  s.member_scratch.assign(6 * b, 0.0);
  if (b == 1) {
    const std::size_t most = model.link_cell_count.empty() ? 0 : *std::max_element(model.link_cell_count.begin(), model.link_cell_count.end());
    s.cell_scratch.assign(4 * (most + 1), 0.0);
  }
  s.link_bay_held_veh.assign(links, 0.0);
  s.link_open_share.assign(links + b, 1.0);

  Metrics& m = s.metrics;
  for (auto* v : {&m.entered_veh, &m.exited_veh, &m.window_entered_veh, &m.window_exited_veh, &m.vehicle_s,
                  &m.vehicle_m, &m.exit_link_delay_veh_s, &m.exit_link_stops, &m.entry_delay_veh_s}) {
    v->assign(b, 0.0);
  }
  for (auto* v : {&m.movement_arrivals_veh, &m.movement_departures_veh, &m.movement_delay_veh_s, &m.movement_stops,
                  &m.movement_queue_sum_veh, &m.movement_queue_max_veh}) {
    v->assign(movements, 0.0);
  }
  for (auto* v : {&m.group_effective_green_s, &m.group_queue_sum_veh, &m.group_queue_max_veh, &m.group_queue_sum_m,
                  &m.group_queue_max_m, &m.group_cycle_queue_veh, &m.group_cycle_left_veh, &m.group_cycle_max_m}) {
    v->assign(groups, 0.0);
  }
  m.group_queue_histogram.assign(groups * m.queue_bins, 0.0);
  m.phase_greens.assign(model.signal_count() * kPhaseSlots * b, 0.0);
  m.phase_green_s.assign(model.signal_count() * kPhaseSlots * b, 0.0);
  m.phase_first_green_s.assign(model.signal_count() * kPhaseSlots * b, -1.0);
  m.phase_last_green_s.assign(model.signal_count() * kPhaseSlots * b, -1.0);
  s.phase_green_run_s.assign(model.signal_count() * kPhaseSlots * b, -1.0);
  m.group_cycle_green.assign(groups, 0);
  m.group_cycle_histogram.assign(groups * m.queue_bins, 0.0);
  m.link_spillback_s.assign(links, 0.0);
  return s;
}

double State::inside_veh(std::size_t b) const noexcept {
  double sum = 0;
  for (std::size_t i = b; i < cell_veh.size(); i += batch) sum += cell_veh[i];
  return sum;
}

double State::waiting_veh(std::size_t b) const noexcept {
  double sum = 0;
  for (std::size_t i = b; i < entry_waiting_veh.size(); i += batch) sum += entry_waiting_veh[i];
  return sum;
}

}  // namespace itsc

namespace itsc::detail {

namespace {

// Members [from_begin, from_begin + count) of `from` ([item × from batch]) into members [to_begin, ...) of
// `to`; with `one`, member from_begin into each of them.
template <class T>
void copy_columns(std::vector<T>& to, std::size_t to_batch, std::size_t to_begin, const std::vector<T>& from,
                  std::size_t from_batch, std::size_t from_begin, std::size_t count, bool one) noexcept {
  const std::size_t rows = from.size() / from_batch;
  for (std::size_t row = 0; row < rows; ++row) {
    const auto source = from.begin() + static_cast<std::ptrdiff_t>(row * from_batch + from_begin);
    const auto target = to.begin() + static_cast<std::ptrdiff_t>(row * to_batch + to_begin);
    if (one) {
      std::fill_n(target, count, *source);
    } else {
      std::copy_n(source, count, target);
    }
  }
}

}  // namespace

void copy_members(State& to, std::size_t to_begin, const State& from, std::size_t from_begin, std::size_t count,
                  bool one) noexcept {
  // Every per-member array of State and Metrics, and nothing else: a new field must be added here too.
  // (cell_scratch, a batch of one's scratch, is not copied: it holds nothing between passes.)
  static_assert(sizeof(State) == 2 * sizeof(std::size_t) + 50 * sizeof(std::vector<double>) + sizeof(Metrics),
                "State changed: copy its new per-member arrays in copy_members");
  static_assert(sizeof(Metrics) == 2 * sizeof(std::size_t) + 31 * sizeof(std::vector<double>),
                "Metrics changed: copy its new per-member arrays in copy_members");
  const auto copy = [&](auto member) {
    copy_columns(to.*member, to.batch, to_begin, from.*member, from.batch, from_begin, count, one);
  };
  to.time_tenths = from.time_tenths;
  for (auto member : {&State::cell_veh, &State::cell_stopped_veh, &State::movement_veh, &State::movement_stopped_veh,
                      &State::entry_waiting_veh, &State::yield_flow_veh, &State::yield_gap_rate_veh_per_s,
                      &State::yield_sneakers_veh,
                      &State::detector_call, &State::detector_count, &State::detector_occupancy,
                      &State::detector_passed_veh, &State::detector_upstream_before_veh,
                      &State::detector_cell_before_veh, &State::detector_next_veh, &State::pedestrian_arrived, &State::pedestrian_call,
                      &State::observed_queued_veh, &State::observed_moving_veh,
                      &State::feed_queued_veh, &State::feed_moving_veh, &State::feed_proportion,
                      &State::link_inflow_veh, &State::link_demand_veh, &State::link_upstream_held_veh,
                      &State::link_upstream_stopped_veh, &State::link_upstream_new_stops,
                      &State::movement_capacity_veh, &State::movement_send_veh, &State::movement_flow_veh,
                      &State::group_demand_veh, &State::group_queue_veh, &State::group_held_veh,
                      &State::member_scratch, &State::link_bay_held_veh, &State::link_open_share}) {
    copy(member);
  }
  for (auto member : {&State::indication, &State::command_indication}) copy(member);
  copy(&State::yield_permitted);
  copy(&State::phase_green_run_s);
  for (auto member : {&State::detector_draws, &State::member_seed}) copy(member);
  for (auto member : {&State::green_tenths, &State::yellow_tenths, &State::green_elapsed_tenths,
                      &State::yellow_elapsed_tenths}) {
    copy(member);
  }
  // feed_begin, feed_movement and feed_link are the model's structure, the same in every batch.
  Metrics& into = to.metrics;
  const Metrics& source = from.metrics;
  into.queue_bins = source.queue_bins;
  into.measured_steps = source.measured_steps;
  for (auto member : {&Metrics::entered_veh, &Metrics::exited_veh, &Metrics::window_entered_veh,
                      &Metrics::window_exited_veh, &Metrics::vehicle_s, &Metrics::vehicle_m,
                      &Metrics::exit_link_delay_veh_s, &Metrics::exit_link_stops, &Metrics::entry_delay_veh_s,
                      &Metrics::movement_arrivals_veh,
                      &Metrics::movement_departures_veh, &Metrics::movement_delay_veh_s, &Metrics::movement_stops,
                      &Metrics::movement_queue_sum_veh, &Metrics::movement_queue_max_veh,
                      &Metrics::group_effective_green_s, &Metrics::group_queue_sum_veh, &Metrics::group_queue_max_veh,
                      &Metrics::group_queue_sum_m, &Metrics::group_queue_max_m, &Metrics::group_queue_histogram,
                      &Metrics::phase_greens, &Metrics::phase_green_s, &Metrics::phase_first_green_s,
                      &Metrics::phase_last_green_s,
                      &Metrics::group_cycle_queue_veh, &Metrics::group_cycle_left_veh, &Metrics::group_cycle_histogram,
                      &Metrics::group_cycle_max_m,
                      &Metrics::link_spillback_s}) {
    copy_columns(into.*member, to.batch, to_begin, source.*member, from.batch, from_begin, count, one);
  }
  copy_columns(into.group_cycle_green, to.batch, to_begin, source.group_cycle_green, from.batch, from_begin, count, one);
}

}  // namespace itsc::detail

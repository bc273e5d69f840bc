// Links: entry queues and merged inflows, then the update that applies the cell transmission model's
// flows (cells.hpp) with the stop, delay and queue accounting.
#include <algorithm>
#include <cmath>

#include "sim/kernel/cells.hpp"
#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

template <bool kOne>
void link_flows(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept {
  const Members<kOne> members(state, block);
  const std::size_t batch = members.batch;
  const std::size_t entries = model.entry_count();
  const double* end_share = demand.end_share.data() + block.interval * model.sink_count() * batch;
  for (std::uint32_t link = 0; link < model.link_count(); ++link) {
    // The flows between its cells and into an exit are computed where they are applied (cells.hpp).
    const std::size_t first = model.link_first_cell[link];
    const double capacity = model.link_step_capacity_veh[link];
    const double ratio = model.link_wave_ratio[link];
    const double jam = model.link_cell_jam_veh[link];
    // Inflow: what the movements bring, then from the entry queue what room the first cell has left
    // (arrivals of this step may enter at once): trips that start on a street wait for a gap in it.
    double* inflow = &state.link_inflow_veh[link * batch];
    double* arrived = &state.link_demand_veh[link * batch];
    const auto begin = model.link_merge_begin[link];
    const auto end = model.link_merge_begin[link + 1];
    // What the movements bring. Trips that end at a feeding link's stop line leave as they cross it: that
    // share of its movements' flow is an exit, not an inflow.
    const bool ends_upstream = model.link_fed_by_stop_line_sink[link] != 0;
    const auto brought_by_movements = [&](std::size_t b) {
      double sum = 0;
      for (auto k = begin; k < end; ++k) {
        const auto m = model.merge_movement[k];
        const double flow = state.movement_flow_veh[m * batch + b];
        const auto sink = ends_upstream ? model.movement_stop_line_sink[m] : kNone;
        if (sink == kNone) {
          sum += flow;
          continue;
        }
        const double ended = flow * end_share[sink * batch + b];
        state.metrics.exited_veh[b] += ended;
        if (block.measure) state.metrics.window_exited_veh[b] += ended;
        sum += flow - ended;
      }
      return sum;
    };
    const auto entry = model.link_entry[link];
    if (entry != kNone) {
      const double* rate = &demand.entry_veh_per_s[(block.interval * entries + entry) * batch];
      double* waiting = &state.entry_waiting_veh[entry * batch];
      for (std::size_t b = members.begin; b < members.end; ++b) {
        const double brought = brought_by_movements(b);  // none at a boundary entry
        const double arrivals = rate[b] * model.dt_s;
        state.metrics.entered_veh[b] += arrivals;
        if (block.measure) state.metrics.window_entered_veh[b] += arrivals;
        const double queue = waiting[b] + arrivals;
        const double room = std::max(0.0, std::min(capacity, ratio * (jam - occupied_veh(model, state, link, first, b, batch))) - brought);
        const double entering = std::min(queue, room);
        inflow[b] = brought + entering;
        waiting[b] = queue - entering;
        arrived[b] = brought + arrivals;
      }
    } else if (!ends_upstream) {
      for (std::size_t b = members.begin; b < members.end; ++b) {
        double sum = 0;
        for (auto k = begin; k < end; ++k) sum += state.movement_flow_veh[model.merge_movement[k] * batch + b];
        inflow[b] = sum;
        arrived[b] = sum;
      }
    } else {
      for (std::size_t b = members.begin; b < members.end; ++b) {
        const double sum = brought_by_movements(b);
        inflow[b] = sum;
        arrived[b] = sum;
      }
    }
    // Vehicles whose trips end on the link ahead of its queue do not arrive at its stop line.
    const auto sink = model.link_sink[link];
    if (sink != kNone && model.sink_at_stop_line[sink] == 0) {
      for (std::size_t b = members.begin; b < members.end; ++b) arrived[b] *= 1.0 - end_share[sink * batch + b];
    }
  }
}

namespace {

// Queue histogram bin of a lane group's queue against its storage.
inline std::size_t queue_bin(double queue, double storage, std::size_t bins) noexcept {
  if (!(storage > 0) || !(queue > 0)) return 0;
  const double position = queue / storage * static_cast<double>(bins);
  return position >= static_cast<double>(bins - 1) ? bins - 1 : static_cast<std::size_t>(position);
}

}  // namespace

template <bool kOne>
void update_links(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept {
  const Members<kOne> members(state, block);
  const std::size_t batch = members.batch;
  const std::size_t movements = model.movement_count();
  const std::size_t b0 = members.begin;
  const std::size_t b1 = members.end;
  const double dt = model.dt_s;
  Metrics& metrics = state.metrics;
  // (data() + offset, not &[]: a network without movements has no proportions at all)
  const double* proportion = demand.turn_proportion.data() + block.interval * movements * batch;
  double* __restrict n = state.cell_veh.data();
  double* __restrict stopped = state.cell_stopped_veh.data();
  // Per-member sums of the link being updated: arriving at its last cell (and the stopped part of
  // that), time spent and vehicles moved in its cells.
  double* __restrict arriving = &state.member_scratch[0 * batch];
  double* __restrict arriving_stopped = &state.member_scratch[1 * batch];
  double* __restrict time_veh = &state.member_scratch[2 * batch];
  double* __restrict moved_veh = &state.member_scratch[3 * batch];
  double* __restrict outside_bays = &state.member_scratch[4 * batch];
  double* __restrict exiting = &state.member_scratch[5 * batch];
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    for (std::size_t b = b0; b < b1; ++b) state.group_queue_veh[g * batch + b] = 0.0;
  }
  for (std::uint32_t link = 0; link < model.link_count(); ++link) {
    const std::size_t first = model.link_first_cell[link];
    const std::size_t cells = model.link_cell_count[link];
    const std::size_t last = first + cells - 1;
    const bool to_movements = model.link_exit[link] == kNone;
    const double* __restrict inflow = &state.link_inflow_veh[link * batch];
    double* __restrict held_sum = &state.link_upstream_held_veh[link * batch];
    double* __restrict new_stops = &state.link_upstream_new_stops[link * batch];
    const std::size_t plain = cells - (to_movements ? 1 : 0);
    const LinkSums sums{arriving, arriving_stopped, exiting, new_stops, time_veh, moved_veh, held_sum};
    if (plain > 0) {
      const LinkCells link_cells{n + first * batch, stopped + first * batch, batch, plain, to_movements,
                                 model.link_step_capacity_veh[link], model.link_wave_ratio[link],
                                 model.link_cell_jam_veh[link], inflow, &state.link_bay_held_veh[link * batch],
                                 state.cell_scratch.data()};
      plain_cells<kOne>(link_cells, b0, b1, sums);
    } else {
      // One cell, held per movement: the inflow arrives in it directly.
      for (std::size_t b = b0; b < b1; ++b) {
        arriving[b] = inflow[b];
        arriving_stopped[b] = 0;
        held_sum[b] = 0;
        new_stops[b] = 0;
        time_veh[b] = 0;
        moved_veh[b] = 0;
      }
    }
    if (!to_movements) {
      for (std::size_t b = b0; b < b1; ++b) {
        const double out = exiting[b];
        metrics.exited_veh[b] += out;
        if (block.measure) metrics.window_exited_veh[b] += out;
      }
    } else {
      // Trips that end on the link ahead of the queue at its stop line leave as they reach its last cell.
      const auto sink = model.link_sink[link];
      if (sink != kNone && model.sink_at_stop_line[sink] == 0) {
        const double* __restrict share = &demand.end_share[(block.interval * model.sink_count() + sink) * batch];
        for (std::size_t b = b0; b < b1; ++b) {
          const double ended = share[b] * arriving[b];
          arriving[b] -= ended;
          arriving_stopped[b] *= 1.0 - share[b];
          metrics.exited_veh[b] += ended;
          if (block.measure) metrics.window_exited_veh[b] += ended;
        }
      }
      // The last cell before a node: per movement, fed by the turning proportions.
      const double* __restrict link_demand = &state.link_demand_veh[link * batch];
      for (std::size_t b = b0; b < b1; ++b) {
        time_veh[b] += n[last * batch + b];
        n[last * batch + b] = 0;
        stopped[last * batch + b] = 0;
      }
      const auto group_begin = model.movement_lane_group[model.link_movement_begin[link]];
      const auto group_end = model.movement_lane_group[model.link_movement_end[link] - 1] + 1;
      for (auto g = group_begin; g < group_end; ++g) {
        for (std::size_t b = b0; b < b1; ++b) state.group_held_veh[g * batch + b] = 0;
      }
      double* __restrict last_n = n + last * batch;
      double* __restrict last_stopped = stopped + last * batch;
      for (auto m = model.link_movement_begin[link]; m < model.link_movement_end[link]; ++m) {
        const std::size_t group = model.movement_lane_group[m];
        // Rows of distinct arrays, so that the loop vectorizes across the batch.
        const double* __restrict p_row = proportion + m * batch;
        const double* __restrict flow = &state.movement_flow_veh[m * batch];
        double* __restrict veh = &state.movement_veh[m * batch];
        double* __restrict flagged_veh = &state.movement_stopped_veh[m * batch];
        double* __restrict group_queue = &state.group_queue_veh[group * batch];
        double* __restrict group_held = &state.group_held_veh[group * batch];
        double* __restrict arrivals_sum = &metrics.movement_arrivals_veh[m * batch];
        double* __restrict departures_sum = &metrics.movement_departures_veh[m * batch];
        double* __restrict delay_sum = &metrics.movement_delay_veh_s[m * batch];
        double* __restrict stops_sum = &metrics.movement_stops[m * batch];
        double* __restrict queue_sum = &metrics.movement_queue_sum_veh[m * batch];
        double* __restrict queue_max = &metrics.movement_queue_max_veh[m * batch];
        double* __restrict cycle_queue = &metrics.group_cycle_queue_veh[group * batch];
        const bool cycles = model.lane_group_signalized[group] != 0;
        // A vector of members at a time (cells.hpp).
        for_members(b0, b1, [&](auto lanes, std::size_t b) {
          using T = decltype(lanes);
          const T p = load<T>(p_row + b);
          const T out = load<T>(flow + b);
          const T flagged = load<T>(flagged_veh + b);
          const T held = load<T>(veh + b) - out;
          const T stops = held - (flagged - lane_min(flagged, out));
          const T now = held + p * load<T>(arriving + b);
          const T now_stopped = held + p * load<T>(arriving_stopped + b);
          add_to(moved_veh + b, out);
          store(veh + b, now);
          store(flagged_veh + b, now_stopped);
          add_to(last_n + b, now);
          add_to(last_stopped + b, now_stopped);
          // Each movement's share of its approach: its last-cell vehicles plus p of those upstream.
          const T queue = held + p * load<T>(held_sum + b);
          add_to(group_queue + b, queue);
          add_to(group_held + b, held);
          // Its vehicles that stopped on the approach in this step: they join the back of its queue.
          const T joined = stops + p * load<T>(new_stops + b);
          if (cycles) add_to(cycle_queue + b, joined);
          if (block.measure) {
            // Demand upstream of the queue: at an entry, the arrivals before any entry queue.
            add_to(arrivals_sum + b, p * load<T>(link_demand + b));
            add_to(departures_sum + b, out);
            add_to(delay_sum + b, queue * dt);
            add_to(stops_sum + b, joined);
            add_to(queue_sum + b, queue);
            store(queue_max + b, lane_max(load<T>(queue_max + b), queue));
          }
        });
      }
      // Vehicles of its bays' movements up to the bays' storage are stored there, not in the last cell.
      const auto bay_begin = model.link_bay_begin[link];
      const auto bay_end = model.link_bay_begin[link + 1];
      if (bay_begin != bay_end) {
        double* __restrict in_bays = &state.link_bay_held_veh[link * batch];
        for (std::size_t b = b0; b < b1; ++b) in_bays[b] = 0;
        for (auto k = bay_begin; k < bay_end; ++k) {
          const auto g = model.bay_lane_group[k];
          const double storage = model.lane_group_bay_storage_veh[g];
          for (std::size_t b = b0; b < b1; ++b) {
            double content = 0;
            for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
              content += state.movement_veh[m * batch + b];
            }
            in_bays[b] += std::min(content, storage);
          }
        }
      }
      if (block.measure) {
        // Queue length of each group: a bay group's is its bay queue (its held vehicles up to the bay's
        // storage at jam spacing over the bay lanes); the others' is the approach's congested length, the
        // held vehicles outside the bays at jam spacing over the link's lanes (one FIFO queue).
        const double spacing = model.link_jam_spacing_m[link];
        for (std::size_t b = b0; b < b1; ++b) outside_bays[b] = held_sum[b];
        for (auto g = group_begin; g < group_end; ++g) {
          const double storage = model.lane_group_bay_storage_veh[g];
          for (std::size_t b = b0; b < b1; ++b) {
            const double held = state.group_held_veh[g * batch + b];
            outside_bays[b] += held - std::min(held, storage);
          }
        }
        const double approach_m_per_veh = spacing / model.link_lanes[link];
        for (auto g = group_begin; g < group_end; ++g) {
          const double storage = model.lane_group_bay_storage_veh[g];
          const double bay_m_per_veh = spacing / model.lane_group_lanes[g];
          for (std::size_t b = b0; b < b1; ++b) {
            const double in_bay = std::min(state.group_held_veh[g * batch + b], storage);
            const double length = storage > 0 ? in_bay * bay_m_per_veh : outside_bays[b] * approach_m_per_veh;
            metrics.group_queue_sum_m[g * batch + b] += length;
            metrics.group_queue_max_m[g * batch + b] = std::max(metrics.group_queue_max_m[g * batch + b], length);
          }
        }
      }
    }
    if (block.measure) {
      // Time inside and distance (one cell length per cell crossed). Delay (vehicles held) and stops
      // of a link to movements are its movements' (above); a link leaving the network has its own.
      const double dx = model.link_cell_length_m[link];
      for (std::size_t b = b0; b < b1; ++b) {
        metrics.vehicle_s[b] += time_veh[b] * dt;
        metrics.vehicle_m[b] += moved_veh[b] * dx;
      }
      if (!to_movements) {
        for (std::size_t b = b0; b < b1; ++b) {
          metrics.exit_link_delay_veh_s[b] += (time_veh[b] - moved_veh[b]) * dt;
          metrics.exit_link_stops[b] += new_stops[b];
        }
      }
    }
  }
  // Entry queues: every vehicle still waiting was delayed by the whole step.
  for (std::size_t e = 0; e < model.entry_count(); ++e) {
    for (std::size_t b = members.begin; b < members.end; ++b) {
      const double waiting = state.entry_waiting_veh[e * batch + b];
      if (block.measure) {
        metrics.vehicle_s[b] += waiting * dt;
        metrics.entry_delay_veh_s[b] += waiting * dt;
      }
    }
  }
  // Queues of the lane groups: mean, maximum and histogram (for percentiles).
  const std::size_t bins = metrics.queue_bins;
  if (block.measure) {
    for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
      const double storage = model.lane_group_storage_veh[g];
      for (std::size_t b = members.begin; b < members.end; ++b) {
        const double queue = state.group_queue_veh[g * batch + b];
        metrics.group_queue_sum_veh[g * batch + b] += queue;
        metrics.group_queue_max_veh[g * batch + b] = std::max(metrics.group_queue_max_veh[g * batch + b], queue);
        metrics.group_queue_histogram[(g * bins + queue_bin(queue, storage, bins)) * batch + b] += 1.0;
      }
    }
  }
  // Signal cycles (from t = 0): one ends at the onset of red after green (and yellow) of its group's first
  // movement. Its back of queue, at jam spacing, is the queue the last green left plus the vehicles that
  // stopped since (those stopping in the yellow join this cycle's, not the next's); counted when the cycle
  // ends after the warm-up.
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    if (model.lane_group_signalized[g] == 0) continue;
    const double storage_m = model.lane_group_storage_m[g];
    const double m_per_veh = model.lane_group_queue_m_per_veh[g];
    const Indication* shown = &state.indication[model.lane_group_movement_begin[g] * batch];
    for (std::size_t b = members.begin; b < members.end; ++b) {
      const std::size_t i = g * batch + b;
      if (is_green(shown[b])) metrics.group_cycle_left_veh[i] = state.group_queue_veh[i];
      if (is_green(shown[b]) || shown[b] == Indication::yellow) {
        metrics.group_cycle_green[i] = 1;
        continue;
      }
      if (metrics.group_cycle_green[i] == 0) continue;
      if (block.measure) {
        const double back_m = metrics.group_cycle_queue_veh[i] * m_per_veh;
        metrics.group_cycle_histogram[(g * bins + queue_bin(back_m, storage_m, bins)) * batch + b] += 1.0;
        metrics.group_cycle_max_m[i] = std::max(metrics.group_cycle_max_m[i], back_m);
      }
      metrics.group_cycle_queue_veh[i] = metrics.group_cycle_left_veh[i];
      metrics.group_cycle_green[i] = 0;
    }
  }
}

template void link_flows<false>(const Model&, State&, const BatchDemand&, const Block&) noexcept;
template void link_flows<true>(const Model&, State&, const BatchDemand&, const Block&) noexcept;
template void update_links<false>(const Model&, State&, const BatchDemand&, const Block&) noexcept;
template void update_links<true>(const Model&, State&, const BatchDemand&, const Block&) noexcept;

}  // namespace itsc::detail::ITSC_KERNEL_ISA

// Links: cell-to-cell flows of the cell transmission model, entry queues, exits, and the update that
// applies all flows with the stop, delay and queue accounting.
#include <algorithm>
#include <cmath>

#include "sim/kernel.hpp"

namespace itsc::detail {

void link_flows(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept {
  const std::size_t batch = state.batch;
  const std::size_t entries = model.entry_count();
  for (std::uint32_t link = 0; link < model.link_count(); ++link) {
    const std::size_t first = model.link_first_cell[link];
    const std::size_t last = first + model.link_cell_count[link] - 1;
    const double capacity = model.link_step_capacity_veh[link];
    const double ratio = model.link_wave_ratio[link];
    const double jam = model.link_cell_jam_veh[link];
    const double* n = state.cell_veh.data();
    double* y = state.cell_outflow_veh.data();
    // Interior: y_i = min(S_i, R_{i+1}), S = min(n, Q·Δt), R = min(Q·Δt, (w′/v′)(N − n)).
    for (std::size_t i = first; i + 1 < last; ++i) {
      for (std::size_t b = block.begin; b < block.end; ++b) {
        const double send = std::min(n[i * batch + b], capacity);
        const double room = std::max(0.0, ratio * (jam - n[(i + 1) * batch + b]));
        y[i * batch + b] = std::min(send, std::min(capacity, room));
      }
    }
    // Into the last cell: vehicles stored in the link's bays take no room there.
    if (last > first) {
      const double* bays = &state.link_bay_held_veh[link * batch];
      for (std::size_t b = block.begin; b < block.end; ++b) {
        const double send = std::min(n[(last - 1) * batch + b], capacity);
        const double room = std::max(0.0, ratio * (jam - (n[last * batch + b] - bays[b])));
        y[(last - 1) * batch + b] = std::min(send, std::min(capacity, room));
      }
    }
    // Last cell: exits absorb what the link can send; otherwise the movements' flows.
    const auto m_begin = model.link_movement_begin[link];
    const auto m_end = model.link_movement_end[link];
    for (std::size_t b = block.begin; b < block.end; ++b) {
      double out = 0;
      if (model.link_exit[link] != kNone) {
        out = std::min(n[last * batch + b], capacity);
      } else {
        for (auto m = m_begin; m < m_end; ++m) out += state.movement_flow_veh[m * batch + b];
      }
      y[last * batch + b] = out;
    }
    // Inflow: from the entry queue (arrivals of this step may enter at once), or from the movements.
    double* inflow = &state.link_inflow_veh[link * batch];
    double* arrived = &state.link_demand_veh[link * batch];
    const auto entry = model.link_entry[link];
    if (entry != kNone) {
      const double* rate = &demand.entry_veh_per_s[(block.interval * entries + entry) * batch];
      double* waiting = &state.entry_waiting_veh[entry * batch];
      for (std::size_t b = block.begin; b < block.end; ++b) {
        const double arrivals = rate[b] * model.dt_s;
        state.metrics.entered_veh[b] += arrivals;
        if (block.measure) state.metrics.window_entered_veh[b] += arrivals;
        const double queue = waiting[b] + arrivals;
        const double room = std::max(0.0, std::min(capacity, ratio * (jam - occupied_veh(model, state, link, first, b))));
        inflow[b] = std::min(queue, room);
        waiting[b] = queue - inflow[b];
        arrived[b] = arrivals;
      }
    } else {
      const auto begin = model.link_merge_begin[link];
      const auto end = model.link_merge_begin[link + 1];
      for (std::size_t b = block.begin; b < block.end; ++b) {
        double sum = 0;
        for (auto k = begin; k < end; ++k) sum += state.movement_flow_veh[model.merge_movement[k] * batch + b];
        inflow[b] = sum;
        arrived[b] = sum;
      }
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

// Sums over one link's cells per member, accumulated by `update_cell`.
struct CellSums {
  double* __restrict new_stops;
  double* __restrict time_veh;
  double* __restrict moved_veh;
  double* __restrict held;
  double* __restrict stopped;
};

// Applies one cell's flows for members [b0, b1): `in`/`in_stopped_from` are the upstream cell's
// outflow and (old) stopped content, or the link inflow and null at the first cell. The restrict
// rows let the compiler vectorize across the batch.
inline void update_cell(std::size_t b0, std::size_t b1, double* __restrict n, double* __restrict stopped,
                        const double* __restrict out, const double* __restrict in,
                        const double* __restrict in_stopped_from, const CellSums& sums) noexcept {
  for (std::size_t b = b0; b < b1; ++b) {
    const double count = n[b];
    const double flagged = stopped[b];
    const double held = count - out[b];
    const double in_stopped = in_stopped_from != nullptr ? std::min(in_stopped_from[b], in[b]) : 0.0;
    sums.new_stops[b] += held - (flagged - std::min(flagged, out[b]));
    sums.time_veh[b] += count;
    sums.moved_veh[b] += out[b];
    sums.held[b] += held;
    n[b] = held + in[b];
    stopped[b] = held + in_stopped;
    sums.stopped[b] += held + in_stopped;
  }
}

}  // namespace

void update_links(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept {
  const std::size_t batch = state.batch;
  const std::size_t movements = model.movement_count();
  const std::size_t b0 = block.begin;
  const std::size_t b1 = block.end;
  const double dt = model.dt_s;
  Metrics& metrics = state.metrics;
  const double* proportion = &demand.turn_proportion[block.interval * movements * batch];
  double* __restrict n = state.cell_veh.data();
  double* __restrict stopped = state.cell_stopped_veh.data();
  const double* __restrict y = state.cell_outflow_veh.data();
  // Per-member sums of the link being updated: arriving at its last cell (and the stopped part of
  // that), time spent and vehicles moved in its cells.
  double* __restrict arriving = &state.member_scratch[0 * batch];
  double* __restrict arriving_stopped = &state.member_scratch[1 * batch];
  double* __restrict time_veh = &state.member_scratch[2 * batch];
  double* __restrict moved_veh = &state.member_scratch[3 * batch];
  double* __restrict outside_bays = &state.member_scratch[4 * batch];
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
    double* __restrict stopped_sum = &state.link_upstream_stopped_veh[link * batch];
    double* __restrict new_stops = &state.link_upstream_new_stops[link * batch];
    // What reaches the last cell, read before the cell upstream of it is updated.
    for (std::size_t b = b0; b < b1; ++b) {
      const bool single = cells == 1;
      arriving[b] = single ? inflow[b] : y[(last - 1) * batch + b];
      arriving_stopped[b] = single ? 0.0 : std::min(stopped[(last - 1) * batch + b], y[(last - 1) * batch + b]);
      held_sum[b] = 0;
      stopped_sum[b] = 0;
      new_stops[b] = 0;
      time_veh[b] = 0;
      moved_veh[b] = 0;
    }
    // Plain cells, downstream to upstream so each reads its upstream neighbour's old state.
    // A vehicle still in its cell after the step had its chance to move on and was held: it has
    // stopped on this link (flagged, counted once); stopped vehicles leave a cell first (FIFO).
    const std::size_t plain = cells - (to_movements ? 1 : 0);
    const CellSums sums{new_stops, time_veh, moved_veh, held_sum, stopped_sum};
    for (std::size_t c = plain; c-- > 0;) {
      const std::size_t row = (first + c) * batch;
      if (c > 0) {
        update_cell(b0, b1, n + row, stopped + row, y + row, y + row - batch, stopped + row - batch, sums);
      } else {
        update_cell(b0, b1, n + row, stopped + row, y + row, inflow, nullptr, sums);
      }
    }
    if (!to_movements) {
      for (std::size_t b = b0; b < b1; ++b) {
        const double out = y[last * batch + b];
        metrics.exited_veh[b] += out;
        if (block.measure) metrics.window_exited_veh[b] += out;
      }
    } else {
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
      for (auto m = model.link_movement_begin[link]; m < model.link_movement_end[link]; ++m) {
        const std::size_t group = model.movement_lane_group[m];
        for (std::size_t b = b0; b < b1; ++b) {
          const std::size_t k = m * batch + b;
          const double p = proportion[k];
          const double out = state.movement_flow_veh[k];
          const double flagged = state.movement_stopped_veh[k];
          const double out_stopped = std::min(flagged, out);
          const double held = state.movement_veh[k] - out;
          const double stops = held - (flagged - out_stopped);
          moved_veh[b] += out;
          state.movement_veh[k] = held + p * arriving[b];
          state.movement_stopped_veh[k] = held + p * arriving_stopped[b];
          n[last * batch + b] += state.movement_veh[k];
          stopped[last * batch + b] += state.movement_stopped_veh[k];
          // Each movement's share of its approach: its last-cell vehicles plus p of those upstream.
          const double queue = held + p * held_sum[b];
          state.group_queue_veh[group * batch + b] += queue;
          state.group_held_veh[group * batch + b] += held;
          if (block.measure) {
            // Demand upstream of the queue: at an entry, the arrivals before any entry queue.
            metrics.movement_arrivals_veh[k] += p * link_demand[b];
            metrics.movement_departures_veh[k] += out;
            metrics.movement_delay_veh_s[k] += queue * dt;
            metrics.movement_stops[k] += stops + p * new_stops[b];
            metrics.movement_queue_sum_veh[k] += queue;
            metrics.movement_queue_max_veh[k] = std::max(metrics.movement_queue_max_veh[k], queue);
          }
          if (block.measure) metrics.stops[b] += stops;
        }
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
        // Queue length of each group: its bay queue plus the approach's congested length, the held
        // vehicles outside the bays at jam spacing over the link's lanes (one FIFO queue).
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
            const double length = outside_bays[b] * approach_m_per_veh + in_bay * bay_m_per_veh;
            metrics.group_queue_sum_m[g * batch + b] += length;
            metrics.group_queue_max_m[g * batch + b] = std::max(metrics.group_queue_max_m[g * batch + b], length);
          }
        }
      }
    }
    if (block.measure) {
      // Time inside, distance (one cell length per cell crossed) and delay (vehicles held).
      const double dx = model.link_cell_length_m[link];
      for (std::size_t b = b0; b < b1; ++b) {
        metrics.vehicle_s[b] += time_veh[b] * dt;
        metrics.vehicle_m[b] += moved_veh[b] * dx;
        metrics.delay_veh_s[b] += (time_veh[b] - moved_veh[b]) * dt;
        metrics.stops[b] += new_stops[b];
      }
    }
  }
  // Entry queues: every vehicle still waiting was delayed by the whole step.
  for (std::size_t e = 0; e < model.entry_count(); ++e) {
    for (std::size_t b = block.begin; b < block.end; ++b) {
      const double waiting = state.entry_waiting_veh[e * batch + b];
      if (block.measure) {
        metrics.vehicle_s[b] += waiting * dt;
        metrics.delay_veh_s[b] += waiting * dt;
        metrics.entry_delay_veh_s[b] += waiting * dt;
      }
    }
  }
  // Queues of the lane groups: mean, maximum and histogram (for percentiles).
  if (block.measure) {
    const std::size_t bins = metrics.queue_bins;
    for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
      const double storage = model.lane_group_storage_veh[g];
      for (std::size_t b = block.begin; b < block.end; ++b) {
        const double queue = state.group_queue_veh[g * batch + b];
        metrics.group_queue_sum_veh[g * batch + b] += queue;
        metrics.group_queue_max_veh[g * batch + b] = std::max(metrics.group_queue_max_veh[g * batch + b], queue);
        metrics.group_queue_histogram[(g * bins + queue_bin(queue, storage, bins)) * batch + b] += 1.0;
      }
    }
  }
}

}  // namespace itsc::detail

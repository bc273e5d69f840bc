// The Observation controllers see: per movement the vehicles bound for it on its approach (stopped
// and moving), and the same for the movements of the links it feeds, with their turning proportions.
#include "sim/kernel.hpp"

namespace itsc::detail {

void fill_observation(const Model& model, State& state, const BatchDemand& demand, std::size_t interval) noexcept {
  const std::size_t batch = state.batch;
  const std::size_t movements = model.movement_count();
  const double* proportion = &demand.turn_proportion[interval * movements * batch];
  // Upstream (before the last cell) totals per link, then each movement's share.
  for (std::uint32_t link = 0; link < model.link_count(); ++link) {
    const std::size_t first = model.link_first_cell[link];
    const std::size_t cells = model.link_cell_count[link];
    const std::size_t end = first + cells - (model.link_exit[link] == kNone ? 1 : 0);
    for (std::size_t b = 0; b < batch; ++b) {
      double all = 0;
      double stopped = 0;
      for (std::size_t i = first; i < end; ++i) {
        all += state.cell_veh[i * batch + b];
        stopped += state.cell_stopped_veh[i * batch + b];
      }
      state.link_upstream_held_veh[link * batch + b] = all;
      state.link_upstream_stopped_veh[link * batch + b] = stopped;
    }
  }
  // The share of a link's traffic bound for a movement: its turning proportion of those whose trips do not
  // end on the link ahead of its stop line.
  const double* end_share = demand.end_share.data() + interval * model.sink_count() * batch;
  const auto bound_for = [&](std::size_t m, std::size_t b) {
    const auto sink = model.link_sink[model.movement_from_link[m]];
    const bool ahead = sink != kNone && model.sink_at_stop_line[sink] == 0;
    const double kept = ahead ? 1.0 - end_share[sink * batch + b] : 1.0;
    return proportion[m * batch + b] * kept;
  };
  for (std::size_t m = 0; m < movements; ++m) {
    const auto link = model.movement_from_link[m];
    for (std::size_t b = 0; b < batch; ++b) {
      const std::size_t k = m * batch + b;
      const double p = bound_for(m, b);
      const double stopped = state.movement_stopped_veh[k] + p * state.link_upstream_stopped_veh[link * batch + b];
      const double all = state.movement_veh[k] + p * state.link_upstream_held_veh[link * batch + b];
      state.observed_queued_veh[k] = stopped;
      state.observed_moving_veh[k] = all - stopped;
    }
  }
  for (std::size_t f = 0; f < state.feed_movement.size(); ++f) {
    const auto next = state.feed_movement[f];
    const auto link = state.feed_link[f];
    for (std::size_t b = 0; b < batch; ++b) {
      const std::size_t k = f * batch + b;
      if (next == kNone) {
        // The link leaves the network: all of it, proportion 1.
        state.feed_queued_veh[k] = state.link_upstream_stopped_veh[link * batch + b];
        state.feed_moving_veh[k] = state.link_upstream_held_veh[link * batch + b] - state.feed_queued_veh[k];
        state.feed_proportion[k] = 1.0;
      } else {
        state.feed_queued_veh[k] = state.observed_queued_veh[next * batch + b];
        state.feed_moving_veh[k] = state.observed_moving_veh[next * batch + b];
        state.feed_proportion[k] = bound_for(next, b);
      }
    }
  }
}

}  // namespace itsc::detail

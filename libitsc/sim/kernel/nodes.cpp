// Node logic at the stop lines: every lane group discharges as one FIFO stream; streams bound for the
// same link share its receiving flow by Daganzo's priority rule. All flows come from the state at the
// start of the step.
#include <algorithm>

#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

namespace {

// What the first cell of a link can take in this step: R = min(Q·Δt, (w′/v′)·(N − n)).
inline double receiving(const Model& model, const State& state, std::uint32_t link, std::size_t b,
                        std::size_t batch) noexcept {
  const double n = occupied_veh(model, state, link, model.link_first_cell[link], b, batch);
  const double room = model.link_wave_ratio[link] * (model.link_cell_jam_veh[link] - n);
  return std::max(0.0, std::min(model.link_step_capacity_veh[link], room));
}

// Daganzo's priority rule for one receiving link and one batch member (b of a batch of `batch`): feeders get supply in
// proportion to their priority weight; one that needs less than its share keeps only what it needs
// and passes the rest on. Writes each feeder's allowed flow into movement_flow.
// `kept` (movement) is the share of a movement's stream bound for the link: less than 1 where trips end at
// its stop line (those leave there and need no room); its stream flows at what that share is allowed / kept.
template <typename Kept>
void share_supply(const Model& model, State& state, std::uint32_t link, std::size_t b, std::size_t batch,
                  double supply, const Kept& kept) noexcept {
  const auto begin = model.link_merge_begin[link];
  const auto end = model.link_merge_begin[link + 1];
  const auto weight = [&](std::uint32_t m) {
    const auto g = model.movement_lane_group[m];
    const double demand = state.group_demand_veh[g * batch + b];
    return demand > 0 ? model.lane_group_saturation_veh_per_s[g] * state.movement_veh[m * batch + b] / demand : 0.0;
  };
  double weights = 0;
  for (auto k = begin; k < end; ++k) {
    const auto m = model.merge_movement[k];
    state.movement_flow_veh[m * batch + b] = -1.0;  // not yet settled
    weights += weight(m);
  }
  double remaining = supply;
  for (auto round = begin; round < end; ++round) {
    bool settled = false;
    for (auto k = begin; k < end; ++k) {
      const auto m = model.merge_movement[k];
      double& flow = state.movement_flow_veh[m * batch + b];
      if (flow >= 0) continue;
      const double send = state.movement_send_veh[m * batch + b] * kept(m);
      const double w = weight(m);
      if (send * weights <= remaining * w || w <= 0) {
        flow = send;
        remaining = std::max(0.0, remaining - send);
        weights -= w;
        settled = true;
      }
    }
    if (!settled) break;
  }
  for (auto k = begin; k < end; ++k) {
    const auto m = model.merge_movement[k];
    double& flow = state.movement_flow_veh[m * batch + b];
    if (flow < 0) flow = weights > 0 ? remaining * weight(m) / weights : 0.0;
    const double bound = kept(m);
    if (bound < 1) flow = bound > 0 ? std::min(state.movement_send_veh[m * batch + b], flow / bound) : state.movement_send_veh[m * batch + b];
  }
}

}  // namespace

template <bool kOne>
void node_flows(const Model& model, State& state, const BatchDemand& demand_in, const Block& block) noexcept {
  const Members<kOne> members(state, block);
  const std::size_t batch = members.batch;
  // Sending: a lane group is one FIFO stream in which every vehicle takes its own movement's service
  // time (1 / its capacity of the step), so the stream serves its content in proportion while that
  // time fits in the step (HCM's shared-lane factor in fluid form); a red movement present blocks it.
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    const auto first = model.lane_group_movement_begin[g];
    const auto last = model.lane_group_movement_end[g];
    const double rate = model.lane_group_saturation_veh_per_s[g];
    // An exclusive group: min(content, capacity) (the rule below with one movement, without its divisions).
    if (last - first == 1) {
      const double* __restrict veh = &state.movement_veh[first * batch];
      const double* __restrict capacity = &state.movement_capacity_veh[first * batch];
      double* __restrict content = &state.group_demand_veh[g * batch];
      double* __restrict send = &state.movement_send_veh[first * batch];
      for (std::size_t b = members.begin; b < members.end; ++b) {
        content[b] = veh[b];
        send[b] = std::min(veh[b], std::max(0.0, capacity[b]));
      }
      if (block.measure) {
        double* __restrict green = &state.metrics.group_effective_green_s[g * batch];
        for (std::size_t b = members.begin; b < members.end; ++b) green[b] += capacity[b] / rate;
      }
      continue;
    }
    for (std::size_t b = members.begin; b < members.end; ++b) {
      double demand = 0;
      double steps_needed = 0;  // service time of the whole content, in steps
      bool blocked = false;
      double longest = 0;
      for (auto m = first; m < last; ++m) {
        const double n = state.movement_veh[m * batch + b];
        const double capacity = state.movement_capacity_veh[m * batch + b];
        demand += n;
        if (n > kPresent) {
          if (capacity > 0) {
            steps_needed += n / capacity;
          } else {
            blocked = true;
          }
        }
        longest = std::max(longest, capacity);
      }
      state.group_demand_veh[g * batch + b] = demand;
      const double share = blocked ? 0.0 : steps_needed > 1.0 ? 1.0 / steps_needed : 1.0;
      for (auto m = first; m < last; ++m) {
        state.movement_send_veh[m * batch + b] = share * state.movement_veh[m * batch + b];
      }
      // Its capacity in the step (for X and the overflow delay): the mixed stream's rate while it holds
      // vehicles, the fastest movement's when empty.
      const double stream = blocked ? 0.0 : steps_needed > 0 ? demand / steps_needed : longest;
      if (block.measure) state.metrics.group_effective_green_s[g * batch + b] += stream / rate;
    }
  }
  // Merge: each receiving link's supply shared among the streams bound for it. Every stream first gets
  // what it sends; members whose demand exceeds the supply are then shared out by Daganzo's rule.
  double* __restrict demand = &state.member_scratch[0];
  double* __restrict supply = &state.member_scratch[batch];
  const double* end_share = demand_in.end_share.data() + block.interval * model.sink_count() * batch;
  for (std::uint32_t link = 0; link < model.link_count(); ++link) {
    const auto begin = model.link_merge_begin[link];
    const auto end = model.link_merge_begin[link + 1];
    if (begin == end) continue;
    // Streams whose trips end at their stop line ask the link for room for the others only.
    const bool ends_upstream = model.link_fed_by_stop_line_sink[link] != 0;
    for (std::size_t b = members.begin; b < members.end; ++b) demand[b] = 0;
    for (auto k = begin; k < end; ++k) {
      const auto m = model.merge_movement[k];
      const double* __restrict send = &state.movement_send_veh[m * batch];
      double* __restrict flow = &state.movement_flow_veh[m * batch];
      const auto sink = ends_upstream ? model.movement_stop_line_sink[m] : kNone;
      if (sink != kNone) {
        for (std::size_t b = members.begin; b < members.end; ++b) {
          demand[b] += send[b] * (1.0 - end_share[sink * batch + b]);
          flow[b] = send[b];
        }
        continue;
      }
      for (std::size_t b = members.begin; b < members.end; ++b) {
        demand[b] += send[b];
        flow[b] = send[b];
      }
    }
    for (std::size_t b = members.begin; b < members.end; ++b) supply[b] = receiving(model, state, link, b, batch);
    const double capacity = model.link_step_capacity_veh[link];
    for (std::size_t b = members.begin; b < members.end; ++b) {
      if (!(demand[b] > supply[b])) continue;
      if (ends_upstream) {
        share_supply(model, state, link, b, batch, supply[b], [&](std::uint32_t m) {
          const auto sink = model.movement_stop_line_sink[m];
          return sink == kNone ? 1.0 : 1.0 - end_share[sink * batch + b];
        });
      } else {
        share_supply(model, state, link, b, batch, supply[b], [](std::uint32_t) { return 1.0; });
      }
      // Held back by a full first cell (not by the link's capacity): the queue has spilled back.
      if (block.measure && supply[b] < capacity) state.metrics.link_spillback_s[link * batch + b] += model.dt_s;
    }
  }
  // FIFO again: a stream held back for one movement holds back the others behind it.
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    const auto first = model.lane_group_movement_begin[g];
    const auto last = model.lane_group_movement_end[g];
    if (last - first < 2) continue;
    for (std::size_t b = members.begin; b < members.end; ++b) {
      double share = 1.0;
      for (auto m = first; m < last; ++m) {
        const double send = state.movement_send_veh[m * batch + b];
        if (send > 0) share = std::min(share, state.movement_flow_veh[m * batch + b] / send);
      }
      for (auto m = first; m < last; ++m) {
        state.movement_flow_veh[m * batch + b] = share * state.movement_send_veh[m * batch + b];
      }
    }
  }
}

template void node_flows<false>(const Model&, State&, const BatchDemand&, const Block&) noexcept;
template void node_flows<true>(const Model&, State&, const BatchDemand&, const Block&) noexcept;

}  // namespace itsc::detail::ITSC_KERNEL_ISA

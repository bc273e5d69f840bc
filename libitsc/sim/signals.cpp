// Effective green per movement and step: [green onset + l1, yellow onset + e], in tenths.
#include <algorithm>

#include "itsc/hcm.hpp"
#include "sim/kernel.hpp"

namespace itsc::detail {

namespace {

constexpr std::int32_t kSaturated = 1 << 30;

// Effective green (tenths) inside a step from what was shown before it and the command for it. Within
// a step green comes as one piece; yellow follows it, or (after a previous yellow) precedes a new green.
std::int32_t effective_tenths(Indication before, std::int32_t green, std::int32_t yellow, std::int32_t& green_elapsed,
                              std::int32_t& yellow_elapsed, std::int32_t lost, std::int32_t usable) noexcept {
  std::int32_t effective = 0;
  if (is_green(before)) {
    // Green continues; the part of l1 not yet served at the step start is lost; then maybe yellow.
    effective = std::max(0, green - std::max(0, lost - green_elapsed));
    green_elapsed = std::min(kSaturated, green_elapsed + green);
    if (yellow > 0) {
      effective += std::min(yellow, usable);
      yellow_elapsed = yellow;
    }
    return effective;
  }
  if (before == Indication::yellow) {
    // Yellow continues (usable up to e after its onset); a new green may start later in the step.
    effective = std::min(yellow, std::max(0, usable - yellow_elapsed));
    yellow_elapsed = std::min(kSaturated, yellow_elapsed + yellow);
    if (green > 0) {
      effective += std::max(0, green - lost);
      green_elapsed = green;
    }
    return effective;
  }
  // From red: a green starts inside the step (l1 lost), perhaps followed by its yellow.
  if (green > 0) {
    effective = std::max(0, green - lost);
    green_elapsed = green;
  }
  if (yellow > 0) {
    effective += std::min(yellow, usable);
    yellow_elapsed = yellow;
  }
  return effective;
}

// Full bays: a bay's overflow queues in the lanes it spills into (one vehicle per bay lane blocks a
// lane), which the link's lane groups without a bay then cannot use: they keep the open share.
void bay_blocking(const Model& model, State& state, const Block& block) noexcept {
  const std::size_t batch = state.batch;
  for (std::uint32_t link = 0; link < model.link_count(); ++link) {
    const auto begin = model.link_bay_begin[link];
    const auto end = model.link_bay_begin[link + 1];
    if (begin == end) continue;
    double* open = &state.link_open_share[link * batch];
    for (std::size_t b = block.begin; b < block.end; ++b) open[b] = 1.0;
    for (auto k = begin; k < end; ++k) {
      const auto g = model.bay_lane_group[k];
      const double storage = model.lane_group_bay_storage_veh[g];
      const double lanes = model.lane_group_lanes[g];
      const double share = model.lane_group_spill_share[g];
      for (std::size_t b = block.begin; b < block.end; ++b) {
        double content = 0;
        for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
          content += state.movement_veh[m * batch + b];
        }
        const double spilled = std::clamp((content - storage) / lanes, 0.0, 1.0);
        open[b] = std::max(0.0, open[b] - share * spilled);
      }
    }
  }
}

// Yielding movements: HCM gap acceptance against the conflicting flow that discharges in this step
// (each conflicting movement's min(content, capacity), weighted); no gaps at all while a conflicting
// movement discharges a standing queue. New limits go to a scratch row first so that every yielding
// movement sees the conflicting capacities before any gap rule.
void gap_acceptance(const Model& model, State& state, const Block& block) noexcept {
  const std::size_t batch = state.batch;
  const double dt = model.dt_s;
  double* capacity = state.movement_capacity_veh.data();
  double* next = state.movement_send_veh.data();  // free until node_flows
  for (std::size_t k = 0; k < model.yield_movement.size(); ++k) {
    const auto m = model.yield_movement[k];
    const auto g = model.movement_lane_group[m];
    const double rate = model.lane_group_saturation_veh_per_s[g];
    const double lanes = model.lane_group_lanes[g];
    const double lane_rate = rate / lanes;
    const double gap_lanes = model.yield_gap_lanes[k];
    const hcm::GapHeadways headways{model.yield_critical_s[k], model.yield_follow_up_s[k]};
    const YieldRule rule = model.movement_yield[m];
    for (std::size_t b = block.begin; b < block.end; ++b) {
      const std::size_t i = m * batch + b;
      // Only a movement that may go in this step needs its gaps (a left on red, a right on green).
      const std::int32_t red = model.dt_tenths - state.green_tenths[i] - state.yellow_tenths[i];
      const bool on_red = state.indication[i] == Indication::red_turn_on_red && red > 0;
      // Sneakers clear when a permitted green ends, as its yellow starts.
      const bool yellow_onset = state.yellow_tenths[i] > 0 && state.yellow_elapsed_tenths[i] == state.yellow_tenths[i];
      const double sneakers = rule == YieldRule::permitted_green && yellow_onset ? model.yield_sneakers_veh[k] : 0.0;
      next[i] = capacity[i] + sneakers;
      if (rule == YieldRule::turn_on_red ? !on_red : !(capacity[i] > 0)) continue;
      double flow = 0;
      bool queue = false;
      for (auto c = model.yield_conflict_begin[k]; c < model.yield_conflict_begin[k + 1]; ++c) {
        const std::size_t o = model.conflict_movement[c] * batch + b;
        const double n = state.movement_veh[o];
        flow += model.conflict_weight[c] * std::min(n, capacity[o]);
        queue = queue || (capacity[o] > 0 && n > capacity[o] + kPresent);
      }
      const std::size_t y = k * batch + b;
      if (flow != state.yield_flow_veh[y]) {
        state.yield_flow_veh[y] = flow;
        state.yield_gap_rate_veh_per_s[y] =
            std::min(lane_rate, hcm::gap_capacity_veh_per_h(flow * 3600.0 / dt, headways) / 3600.0);
      }
      const double gap_rate = queue ? 0.0 : state.yield_gap_rate_veh_per_s[y];
      // The lanes its gaps govern run at the gap rate, the group's other lanes at saturation flow.
      const double group_rate = gap_lanes * gap_rate + (lanes - gap_lanes) * lane_rate;
      if (rule == YieldRule::turn_on_red) {
        next[i] += 0.1 * red * gap_lanes * gap_rate;  // the red part of the step, turning on red
      } else {
        next[i] = capacity[i] * group_rate / rate + sneakers;
      }
    }
  }
  for (const auto m : model.yield_movement) {
    for (std::size_t b = block.begin; b < block.end; ++b) capacity[m * batch + b] = next[m * batch + b];
  }
}

}  // namespace

void signal_capacity(const Model& model, State& state, const Block& block) noexcept {
  const std::size_t batch = state.batch;
  bay_blocking(model, state, block);
  for (std::size_t m = 0; m < model.movement_count(); ++m) {
    const auto group = model.movement_lane_group[m];
    const double rate = model.lane_group_saturation_veh_per_s[group];
    double* capacity = &state.movement_capacity_veh[m * batch];
    // Lane groups without a bay lose the lanes that full bays block (the last row is all ones).
    const bool has_bay = model.lane_group_bay_storage_veh[group] > 0;
    const double* open = &state.link_open_share[(has_bay ? model.link_count() : model.lane_group_link[group]) * batch];
    // Uncontrolled movements may use the whole step.
    if (model.movement_signal[m] == kNone) {
      for (std::size_t b = block.begin; b < block.end; ++b) capacity[b] = rate * model.dt_s * open[b];
      continue;
    }
    for (std::size_t b = block.begin; b < block.end; ++b) {
      const std::size_t i = m * batch + b;
      const std::int32_t effective =
          effective_tenths(state.indication[i], state.green_tenths[i], state.yellow_tenths[i],
                           state.green_elapsed_tenths[i], state.yellow_elapsed_tenths[i], model.startup_lost_tenths,
                           model.usable_yellow_tenths);
      capacity[b] = rate * (0.1 * effective) * open[b];
      state.indication[i] = state.command_indication[i];
    }
  }
  gap_acceptance(model, state, block);
}

}  // namespace itsc::detail

// Gap acceptance in the step: the discharge limit of yielding movements (HCM).
#include <algorithm>
#include <cstdint>

#include "itsc/hcm.hpp"
#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

// Yielding movements: HCM gap acceptance against the conflicting flow that discharges in this step
// (each conflicting movement's share of its stream's discharge, weighted); no gaps at all while a conflicting
// movement discharges a standing queue. New limits go to a scratch row first so that every yielding
// movement sees the conflicting capacities before any gap rule.
template <bool kOne>
void gap_acceptance(const Model& model, State& state, const Block& block) noexcept {
  const Members<kOne> members(state, block);
  const std::size_t batch = members.batch;
  const double dt = model.dt_s;
  double* capacity = state.movement_capacity_veh.data();
  double* next = state.movement_send_veh.data();  // free until node_flows
  std::uint8_t* permitted = state.yield_permitted.data();
  // A left at a signal yields while its indication is a permitted green, and keeps the kind of its last
  // green through yellow and red (its sneakers clear at the yellow after a permitted green only).
  for (std::size_t k = 0; k < model.yield_movement.size(); ++k) {
    const auto m = model.yield_movement[k];
    if (model.movement_yield[m] != YieldRule::permitted_green) continue;
    for (std::size_t b = members.begin; b < members.end; ++b) {
      const Indication shown = state.indication[m * batch + b];
      if (shown == Indication::permitted_green) permitted[k * batch + b] = 1;
      if (shown == Indication::protected_green) permitted[k * batch + b] = 0;
    }
  }
  // Whether a left of lane group g yields now (its stream then waits for gaps too).
  const auto left_yields = [&](std::uint32_t g, std::size_t b) {
    for (auto j = model.lane_group_left_yield_begin[g]; j < model.lane_group_left_yield_begin[g + 1]; ++j) {
      if (permitted[model.lane_group_left_yield[j] * batch + b] != 0) return true;
    }
    return false;
  };
  for (std::size_t k = 0; k < model.yield_movement.size(); ++k) {
    const auto m = model.yield_movement[k];
    const auto g = model.movement_lane_group[m];
    // Its saturation flow (the group's × its turn factor); the gap rate is HCM's permitted saturation
    // flow, which needs no turn factor.
    const double rate = model.lane_group_saturation_veh_per_s[g] * model.movement_saturation_factor[m];
    const double lanes = model.lane_group_lanes[g];
    const double lane_rate = model.lane_group_saturation_veh_per_s[g] / lanes;
    const double gap_lanes = model.yield_gap_lanes[k];
    const hcm::GapHeadways headways{model.yield_critical_s[k], model.yield_follow_up_s[k]};
    const YieldRule rule = model.movement_yield[m];
    for (std::size_t b = members.begin; b < members.end; ++b) {
      const std::size_t i = m * batch + b;
      double& waiting = state.yield_sneakers_veh[k * batch + b];
      if (rule == YieldRule::permitted_green && permitted[k * batch + b] == 0) {
        next[i] = capacity[i];  // protected: saturation flow
        waiting = 0;
        continue;
      }
      // Only a movement that may go in this step needs its gaps (a left on red, a right on green).
      const std::int32_t red = model.dt_tenths - state.green_tenths[i] - state.yellow_tenths[i];
      const bool on_red = state.indication[i] == Indication::red_turn_on_red && red > 0;
      // Sneakers: the lefts waiting in the intersection when a permitted green ends clear through its
      // yellow at their saturation flow, n_s per lane carrying them; none are left once it is red.
      double sneakers = 0;
      if (rule == YieldRule::permitted_green) {
        const bool yellow_onset = state.yellow_tenths[i] > 0 && state.yellow_elapsed_tenths[i] == state.yellow_tenths[i];
        if (yellow_onset) waiting = model.yield_sneakers_veh[k];
        sneakers = std::min(waiting, rate * 0.1 * state.yellow_tenths[i]);
        waiting = state.yellow_tenths[i] > 0 ? waiting - sneakers : 0.0;
      }
      next[i] = capacity[i] + sneakers;
      if (rule == YieldRule::turn_on_red ? !on_red : !(capacity[i] > 0)) continue;
      double flow = 0;
      bool queue = false;
      for (auto c = model.yield_conflict_begin[k]; c < model.yield_conflict_begin[k + 1]; ++c) {
        // Its share of its own (FIFO) stream's discharge: all of it, or the capacity split by content.
        const auto other = model.conflict_movement[c];
        const double content = state.group_demand_veh[model.movement_lane_group[other] * batch + b];
        const std::size_t o = other * batch + b;
        const double n = state.movement_veh[o];
        const bool saturated = capacity[o] > 0 && content > capacity[o] + kPresent;
        flow += model.conflict_weight[c] * (saturated ? n * capacity[o] / content : n);
        queue = queue || (model.conflict_can_block[c] != 0 && saturated && n > kPresent &&
                          !left_yields(model.movement_lane_group[other], b));
      }
      const std::size_t y = k * batch + b;
      if (flow != state.yield_flow_veh[y]) {
        state.yield_flow_veh[y] = flow;
        state.yield_gap_rate_veh_per_s[y] =
            std::min(lane_rate, hcm::gap_capacity_veh_per_h(flow * 3600.0 / dt, headways) / 3600.0);
      }
      // Pedestrians in the crosswalk it turns across take their share of the gaps (HCM f_Lpb).
      const double gap_rate = queue ? 0.0 : state.yield_gap_rate_veh_per_s[y] * model.yield_pedestrian_factor[k];
      // The lanes its gaps govern run at the gap rate, the group's other lanes at its saturation flow.
      const double group_rate = gap_lanes * gap_rate + (lanes - gap_lanes) * rate / lanes;
      if (rule == YieldRule::turn_on_red) {
        next[i] += 0.1 * red * gap_lanes * gap_rate;  // the red part of the step, turning on red
      } else {
        next[i] = capacity[i] * group_rate / rate + sneakers;
      }
    }
  }
  for (const auto m : model.yield_movement) {
    for (std::size_t b = members.begin; b < members.end; ++b) capacity[m * batch + b] = next[m * batch + b];
  }
}

template void gap_acceptance<false>(const Model&, State&, const Block&) noexcept;
template void gap_acceptance<true>(const Model&, State&, const Block&) noexcept;

}  // namespace itsc::detail::ITSC_KERNEL_ISA

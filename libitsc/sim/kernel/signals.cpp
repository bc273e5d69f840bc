// Signal capacity per movement and step: its saturation flow (the lane group's × its turn factor) times
// its effective green [green onset + l1, yellow onset + e] in tenths, times the open share of the lanes
// (bays.cpp), then gap acceptance (gaps.cpp).
#include <algorithm>

#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

namespace {

constexpr std::int32_t kSaturated = 1 << 30;

// Effective green (tenths) inside a step from what was shown before it and the command for it. Within
// a step green comes as one piece; yellow follows it, or (after a previous yellow) precedes a new green.
std::int32_t effective_in_step(Indication before, std::int32_t green, std::int32_t yellow, std::int32_t& green_elapsed,
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

// The same, and a step that showed no green (no yellow) restarts the green (yellow) clock: a controller
// whose command reports the state after its last tenth (the actuated one) may report a green or yellow
// that begins exactly at the step boundary, and it must then count from its onset, not from an old one.
// For a controller that reports its last tenth (fixed time) the restart changes nothing: it then reports
// green (yellow) only after a step that showed some.
std::int32_t effective_tenths(Indication before, std::int32_t green, std::int32_t yellow, std::int32_t& green_elapsed,
                              std::int32_t& yellow_elapsed, std::int32_t lost, std::int32_t usable) noexcept {
  const std::int32_t effective = effective_in_step(before, green, yellow, green_elapsed, yellow_elapsed, lost, usable);
  if (green == 0) green_elapsed = 0;
  if (yellow == 0) yellow_elapsed = 0;
  return effective;
}

}  // namespace

template <bool kOne>
void signal_capacity(const Model& model, State& state, const Block& block) noexcept {
  const Members<kOne> members(state, block);
  const std::size_t batch = members.batch;
  // Content of every lane group's stream, read by the bays, gap acceptance and the stop lines.
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    double* __restrict content = &state.group_demand_veh[g * batch];
    for (std::size_t b = members.begin; b < members.end; ++b) content[b] = 0;
    for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
      const double* __restrict veh = &state.movement_veh[m * batch];
      for (std::size_t b = members.begin; b < members.end; ++b) content[b] += veh[b];
    }
  }
  bay_blocking<kOne>(model, state, block);
  for (std::size_t m = 0; m < model.movement_count(); ++m) {
    const auto group = model.movement_lane_group[m];
    // Its vehicles' rate: the group's through-car rate over their through-car equivalent (HCM f_LT, f_RT).
    const double rate = model.lane_group_saturation_veh_per_s[group] * model.movement_saturation_factor[m];
    double* capacity = &state.movement_capacity_veh[m * batch];
    // Lane groups without a bay lose the lanes that full bays block (the last row is all ones).
    const bool has_bay = model.lane_group_bay_storage_veh[group] > 0;
    const double* open = &state.link_open_share[(has_bay ? model.link_count() : model.lane_group_link[group]) * batch];
    // Uncontrolled movements may use the whole step.
    if (model.movement_signal[m] == kNone) {
      for (std::size_t b = members.begin; b < members.end; ++b) capacity[b] = rate * model.dt_s * open[b];
      continue;
    }
    for (std::size_t b = members.begin; b < members.end; ++b) {
      const std::size_t i = m * batch + b;
      const std::int32_t effective =
          effective_tenths(state.indication[i], state.green_tenths[i], state.yellow_tenths[i],
                           state.green_elapsed_tenths[i], state.yellow_elapsed_tenths[i], model.startup_lost_tenths,
                           model.usable_yellow_tenths);
      capacity[b] = rate * (0.1 * effective) * open[b];
      state.indication[i] = state.command_indication[i];
    }
  }
  gap_acceptance<kOne>(model, state, block);
}

template void signal_capacity<false>(const Model&, State&, const Block&) noexcept;
template void signal_capacity<true>(const Model&, State&, const Block&) noexcept;

}  // namespace itsc::detail::ITSC_KERNEL_ISA

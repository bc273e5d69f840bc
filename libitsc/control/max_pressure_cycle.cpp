// Cycle-based max-pressure (docs/signals.md, "Max-pressure control"): at each cycle start the splits
// are shared in proportion to the phases' pressures within min and max greens; the cycle and the
// sequence stay, so the cycle start stays at the offset.
#include <algorithm>
#include <array>
#include <span>

#include "control/proportional_split.hpp"
#include "control/max_pressure_state.hpp"

namespace itsc {

void MaxPressureController::State::choose_splits(std::size_t b) noexcept {
  const std::size_t batch = batch_;
  const std::span<double> weight(split_weight_);
  const std::span<double> low(split_low_);
  const std::span<double> high(split_high_);
  const std::span<double> out(split_out_);
  // Negative pressures ask for nothing: the phase gets its minimum.
  auto phase_pressure = [&](std::uint32_t p) {
    return std::max(0.0, pressure_of(phase_movement_begin_, phase_movement_, p));
  };
  // Barrier groups: weight = the largest ring pressure in the group, minimum = its longest ring of
  // minimum splits. Without any pressure the plan's own group times are the weights.
  std::array<Tenths, 64> group_time{};
  const std::size_t groups = std::min<std::size_t>(timer_.groups, group_time.size());
  double pressure_total = 0;
  for (std::size_t g = 0; g < groups; ++g) {
    weight[g] = 0;
    low[g] = 0;
    high[g] = static_cast<double>(cycle_);
    for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
      double ring_pressure = 0;
      Tenths ring_low = 0;
      for (std::size_t k = 0; k < timer_.sequence[r].size(); ++k) {
        const std::uint32_t p = timer_.sequence[r][k];
        if (timer_.group_of[p] != g) continue;
        ring_pressure += phase_pressure(p);
        ring_low += min_green_[p] + timer_.yellow[p] + timer_.red[p];
      }
      weight[g] = std::max(weight[g], ring_pressure);
      low[g] = std::max(low[g], static_cast<double>(ring_low));
    }
    pressure_total += weight[g];
  }
  if (!(pressure_total > 0)) {
    for (std::size_t g = 0; g < groups; ++g) {
      weight[g] = 0;
      for (const std::uint32_t p : timer_.sequence[0]) {
        if (timer_.group_of[p] == g) weight[g] += static_cast<double>(plan_split_[p]);
      }
    }
  }
  detail::proportional_split(static_cast<double>(cycle_), weight.first(groups), low.first(groups),
                             high.first(groups), out.first(groups));
  detail::whole_tenths(out.first(groups), cycle_, std::span<Tenths>(group_time).first(groups));
  // In each ring and group: greens in proportion to the phases' pressures within min and max green.
  std::array<Tenths, 16> green{};
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
    for (std::size_t g = 0; g < groups; ++g) {
      std::size_t n = 0;
      Tenths clearance = 0;
      double pressure_sum = 0;
      for (std::size_t k = 0; k < timer_.sequence[r].size() && n < green.size(); ++k) {
        const std::uint32_t p = timer_.sequence[r][k];
        if (timer_.group_of[p] != g) continue;
        weight[n] = phase_pressure(p);
        low[n] = static_cast<double>(min_green_[p]);
        high[n] = static_cast<double>(std::min(max_green_[p], cycle_));
        clearance += timer_.yellow[p] + timer_.red[p];
        pressure_sum += weight[n];
        ++n;
      }
      if (!(pressure_sum > 0)) {
        std::size_t j = 0;
        for (std::size_t k = 0; k < timer_.sequence[r].size() && j < n; ++k) {
          const std::uint32_t p = timer_.sequence[r][k];
          if (timer_.group_of[p] == g) weight[j++] = static_cast<double>(plan_split_[p] - timer_.yellow[p] - timer_.red[p]);
        }
      }
      const Tenths available = group_time[g] - clearance;
      detail::proportional_split(static_cast<double>(available), weight.first(n), low.first(n), high.first(n),
                                 out.first(n));
      detail::whole_tenths(out.first(n), available, std::span<Tenths>(green).first(n));
      std::size_t j = 0;
      for (std::size_t k = 0; k < timer_.sequence[r].size() && j < n; ++k) {
        const std::uint32_t p = timer_.sequence[r][k];
        if (timer_.group_of[p] != g) continue;
        split_[p * batch + b] = green[j++] + timer_.yellow[p] + timer_.red[p];
      }
    }
  }
}

void MaxPressureController::State::place_in_cycle(std::size_t b, Tenths local) noexcept {
  // Each ring walks its sequence of chosen splits to the phase holding local time `local`.
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
    const std::size_t i = r * batch_ + b;
    Tenths from = 0;
    for (std::size_t k = 0; k < timer_.sequence[r].size(); ++k) {
      const std::uint32_t p = timer_.sequence[r][k];
      const Tenths split = split_[p * batch_ + b];
      if (local < from + split || k + 1 == timer_.sequence[r].size()) {
        const Tenths within = local - from;
        const Tenths green = split - timer_.yellow[p] - timer_.red[p];
        timer_.phase[i] = p;
        timer_.interval[i] = within < green                ? Interval::green
                       : within < green + timer_.yellow[p] ? Interval::yellow
                                                      : Interval::red_clearance;
        timer_.elapsed[i] = within;
        break;
      }
      from += split;
    }
  }
}

}  // namespace itsc

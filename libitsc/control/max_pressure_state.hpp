#pragma once
// The plan and state of MaxPressureController (include/itsc/max_pressure.hpp), kept out of the public
// header: max_pressure.cpp and max_pressure_cycle.cpp implement it, the controller forwards to it.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "control/phase_timer.hpp"
#include "itsc/max_pressure.hpp"

namespace itsc {

struct MaxPressureController::State {
  /// Builds the plan from `timing` and `layout` and starts every member (the controller's constructor).
  State(const Timing& timing, const IntersectionLayout& layout, std::size_t batch, MaxPressureMode mode);

  // What the controller forwards (see its declarations).
  bool copy_member(const State& other, std::size_t from, std::size_t to) noexcept;
  void step(Tenths start, Tenths length, const Observation& observation, const SignalCommand& command) noexcept;
  [[nodiscard]] std::vector<int> candidate_phases(std::size_t candidate) const;
  void candidate_pressures(const Observation& observation, std::size_t b, std::span<double> out) noexcept;
  [[nodiscard]] Tenths split_tenths(int number, std::size_t b) const noexcept;

  void compute_weights(const Observation& observation, std::size_t b) noexcept;
  [[nodiscard]] double pressure_of(const std::vector<std::uint32_t>& begin, const std::vector<std::uint32_t>& items,
                                   std::size_t i) const noexcept;
  // Both read the weights `compute_weights` left for member b.
  void tick_acyclic(std::size_t b) noexcept;
  void decide(std::size_t b) noexcept;
  void choose_splits(std::size_t b) noexcept;
  void place_in_cycle(std::size_t b, Tenths local) noexcept;

  // The phases in their rings, what they serve, and per ring and member the phase, interval and time in it.
  detail::PhaseTimer timer_;
  MaxPressureMode mode_;
  std::size_t batch_ = 1;
  std::size_t movement_count_ = 0;
  Tenths decision_interval_ = 50;
  Tenths cycle_ = 0;
  Tenths offset_ = 0;
  bool normalize_ = false;
  // Phases [phase]: min and max green, the plan's split
  std::vector<Tenths> min_green_, max_green_, plan_split_;
  std::vector<std::uint32_t> phase_movement_begin_, phase_movement_;  // movements a phase serves
  // Candidates [candidate × ring] phase index; their movements (each once)
  std::size_t candidate_count_ = 0;
  std::vector<std::uint32_t> candidate_phase_;
  std::vector<std::uint32_t> candidate_movement_begin_, candidate_movement_;
  // Movements [movement]
  std::vector<double> saturation_, inverse_storage_, inverse_receiving_storage_;
  // Scratch (one member at a time)
  std::vector<double> weight_;                       // [movement]
  std::vector<double> split_weight_, split_low_, split_high_, split_out_;  // [phase or group]
  // State [batch]
  std::vector<std::uint32_t> current_, target_;
  std::vector<Tenths> until_decision_;
  // Cycle mode: chosen splits [phase × batch]
  std::vector<Tenths> split_;
};

}  // namespace itsc

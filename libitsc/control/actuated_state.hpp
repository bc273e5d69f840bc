#pragma once
// The plan and state of ActuatedController (include/itsc/controller.hpp), kept out of the public
// header: actuated.cpp and actuated_spat.cpp implement it, the controller forwards to it.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "control/phase_timer.hpp"
#include "itsc/controller.hpp"
#include "itsc/ring_plan.hpp"

namespace itsc {

struct ActuatedController::State {
  /// Builds the plan from `timing` and `layout` and starts every member (the controller's constructor).
  State(const Timing& timing, const IntersectionLayout& layout, std::size_t batch);

  // What the controller forwards (see its declarations).
  bool copy_member(const State& other, std::size_t from, std::size_t to) noexcept;
  /// Carries every member's state of `other` over into this plan of the same phases in the same rings and
  /// barrier groups (a new pattern); false, nothing copied, when the phases differ.
  bool take_over(const State& other) noexcept;
  /// Copies member `from` of `other` into member `to`: every per-member column.
  void copy_columns(const State& other, std::size_t from, std::size_t to) noexcept;
  void step(Tenths start, Tenths length, const Observation& observation, const SignalCommand& command) noexcept;
  [[nodiscard]] bool spat(Tenths now, std::size_t b, std::span<MovementSpat> movements,
                          std::span<CrosswalkSpat> crosswalks) const noexcept;
  [[nodiscard]] bool phase_green(int number, std::size_t b) const noexcept;
  [[nodiscard]] std::optional<double> unit_extension_s(std::size_t movement) const noexcept;
  void select_max2(std::size_t b, bool selected) noexcept;

  void find_extensions(std::size_t b, Tenths length, const Observation& observation) noexcept;
  void count_initial(std::size_t b, const Observation& observation) noexcept;
  [[nodiscard]] Tenths maximum(std::size_t p, std::size_t b) const noexcept;
  [[nodiscard]] bool kept_gap_out(std::size_t p, std::size_t i) const noexcept;
  [[nodiscard]] Tenths passage_now(std::size_t p, Tenths conflict_green) const noexcept;
  [[nodiscard]] SpatEnd green_end(std::size_t p, std::size_t i, std::size_t b, Tenths now) const noexcept;
  void tick(std::size_t b, const Observation& observation, Tenths now) noexcept;
  void coordinate(const Timing& timing, const RingPlan& plan);
  [[nodiscard]] Tenths since_yield(Tenths now) const noexcept;
  [[nodiscard]] Tenths cycle_number(Tenths now) const noexcept;
  [[nodiscard]] bool may_start(std::size_t p, std::size_t b, Tenths now) const noexcept;
  [[nodiscard]] bool servable_call(std::size_t b, Tenths now) const noexcept;
  [[nodiscard]] bool any_call_except_green(std::size_t b) const noexcept;
  [[nodiscard]] bool ends_at_barrier(std::size_t r, std::size_t b) const noexcept;
  void find_ready(std::size_t b, bool conflicting) noexcept;
  void cross_barrier(std::size_t b, Tenths now) noexcept;
  void start_green(std::size_t r, std::size_t b, std::size_t position) noexcept;

  // The intersection (shared by copies: a new plan is compiled against it), the phases in their rings,
  // what they serve, and per ring and member the phase, interval and time in it.
  std::shared_ptr<const IntersectionLayout> layout_;
  detail::PhaseTimer timer_;
  std::size_t batch_ = 1;
  std::size_t movement_count_ = 0;
  // Phases [phase]: the actuated timing
  std::vector<Tenths> min_green_, max1_, max2_, passage_;
  std::vector<Tenths> minimum_gap_, reduce_after_, reduce_over_;  // volume-density gap reduction
  std::vector<double> added_initial_s_;                            // volume-density: per vehicle
  std::vector<std::uint8_t> dual_entry_;
  std::vector<std::uint8_t> rest_in_walk_;
  std::vector<std::uint8_t> simultaneous_gap_;
  // Coordination (cycle_ == 0: free): times in tenths, force-offs counted from the yield point
  std::vector<std::uint8_t> coordinated_phase_;
  std::vector<Tenths> force_off_, split_green_;
  Tenths cycle_ = 0, yield_ = 0, coordinated_window_ = 0;
  Tenths now_ = 0;                     // time of the tick being run (start_green reads it)
  std::vector<Tenths> served_cycle_;   // [phase × batch] cycle of its last green (coordinated)
  bool floating_ = false;
  std::vector<Recall> recall_;
  // Detectors: [detector] → phase indices
  std::vector<std::vector<std::size_t>> calls_, extends_;
  std::vector<Tenths> delay_, extend_;  // [detector] call delay, carry-over
  // State [phase × batch]
  std::vector<std::uint8_t> extended_;  // [phase] scratch: extended in this step
  std::vector<std::uint8_t> ready_;     // [ring] scratch: ready to cross the barrier in this tenth
  std::vector<double> extension_;       // [phase] scratch: Σ (flow · P + occupancy) of its extend detectors
  std::vector<std::uint8_t> call_;
  std::vector<Tenths> gap_;  // tenths since an extend detector last called, while green
  // State [ring × batch]
  std::vector<Tenths> max_elapsed_;  // green under a conflicting call (the Max timer)
  std::vector<std::uint8_t> gapped_out_;  // gapped out past min green, kept (without simultaneous gap-out)
  std::vector<Tenths> min_now_;      // min green of the current green (with the added initial)
  // State [phase × batch] and [batch]
  std::vector<double> initial_veh_;  // vehicles counted while not green (added initial)
  std::vector<std::uint8_t> pedestrian_call_;  // [phase × batch] a pedestrian waits for its walk
  std::vector<Tenths> walk_left_, clearance_left_;  // [ring × batch] pedestrian service of the green
  std::vector<std::uint8_t> max2_selected_;
  std::vector<Tenths> present_, carry_;  // [detector × batch] tenths present in a row; carry-over left
  std::vector<std::size_t> group_;   // [batch] current barrier group
};

}  // namespace itsc

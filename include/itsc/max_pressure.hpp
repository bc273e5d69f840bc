#pragma once
/// @file max_pressure.hpp
/// Max-pressure control (Varaiya 2013) of one intersection for a batch, in two modes
/// (docs/signals.md, "Max-pressure control"):
/// - acyclic (`controller: max-pressure`): at each decision instant the candidate of largest
///   weighted pressure gets the green; candidates are the stages of a stage plan, or the compatible
///   phase sets of a ring plan (one phase per ring, all in one barrier group);
/// - cycle-based (`controller: max-pressure-cycle`): the plan's cycle and sequence are kept and the
///   splits are re-chosen at each cycle start in proportion to the phases' pressures, within min and
///   max greens, so the cycle start stays at the offset (coordination holds).
/// The weight of movement l→m is x_lm − Σ_k r_mk·x_mk (vehicles bound for it on its approach minus the
/// vehicles on its receiving link weighted by their turning proportions), optionally each term divided
/// by the storage of its link; a candidate's pressure is Σ s_lm·weight over the movements it serves.
/// Min greens are never cut and yellow and red clearance never skipped. State is [ring × batch].

#include <cstdint>
#include <vector>

#include "itsc/controller.hpp"

namespace itsc {

/// Acyclic or cycle-based max-pressure.
enum class MaxPressureMode : std::uint8_t { acyclic, cycle };

class MaxPressureController final : public Controller {
 public:
  /// `timing` resolved (`resolve_timing`), the same for every member. Throws `itsc::Error`
  /// (invalid_input) for overlaps, a phase without yellow or red clearance, a barrier group without a
  /// phase in some ring, a movement not in the layout, batch == 0, a non-positive decision interval,
  /// or (cycle mode) minimum splits that do not fit in the cycle.
  MaxPressureController(const Timing& timing, const IntersectionLayout& layout, std::size_t batch,
                        MaxPressureMode mode);

  [[nodiscard]] std::unique_ptr<Controller> clone() const override;
  /// Copies the member's rings (phase, interval, elapsed), its decision state and (cycle mode) its
  /// chosen splits. False too when `source` runs the other mode or has other phases, rings, candidates
  /// or movements.
  bool copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept override;
  [[nodiscard]] std::size_t movement_count() const noexcept override { return movement_count_; }
  [[nodiscard]] std::size_t batch_size() const noexcept override { return batch_; }
  [[nodiscard]] bool uses_observation() const noexcept override { return true; }
  void step(Tenths start, Tenths length, const Observation& observation,
            const SignalCommand& command) noexcept override;

  /// Candidates: each a phase number per ring (stage numbers for a stage plan), in the order the
  /// acyclic mode breaks ties (lowest first, after the current one).
  [[nodiscard]] std::size_t candidate_count() const noexcept { return candidate_count_; }
  [[nodiscard]] std::vector<int> candidate_phases(std::size_t candidate) const;
  /// Weighted pressure of each candidate from this observation, member b (as the controller sees it).
  void candidate_pressures(const Observation& observation, std::size_t b, std::span<double> out) noexcept;
  /// The candidate green now (acyclic), or being cleared toward, for member b.
  [[nodiscard]] std::size_t serving(std::size_t b) const noexcept { return target_[b]; }
  /// Cycle mode: the split (tenths) of phase `number` chosen for member b's current cycle (0 if unknown).
  [[nodiscard]] Tenths split_tenths(int number, std::size_t b) const noexcept;

  using Interval = RingInterval;

 private:
  void compute_weights(const Observation& observation, std::size_t b) noexcept;
  [[nodiscard]] double pressure_of(const std::vector<std::uint32_t>& begin, const std::vector<std::uint32_t>& items,
                                   std::size_t i) const noexcept;
  // Both read the weights `compute_weights` left for member b.
  void tick_acyclic(std::size_t b) noexcept;
  void decide(std::size_t b) noexcept;
  void choose_splits(std::size_t b) noexcept;
  void place_in_cycle(std::size_t b, Tenths local) noexcept;
  void show(std::size_t b, const SignalCommand& command, bool count) noexcept;
  void settle(std::size_t i) noexcept;

  MaxPressureMode mode_;
  std::size_t batch_ = 1;
  std::size_t movement_count_ = 0;
  std::size_t rings_ = 1;
  std::size_t groups_ = 1;
  Tenths decision_interval_ = 50;
  Tenths cycle_ = 0;
  Tenths offset_ = 0;
  bool normalize_ = false;
  // Phases [phase]
  std::vector<int> number_;
  std::vector<Tenths> min_green_, max_green_, yellow_, red_, plan_split_;
  std::vector<std::uint32_t> ring_of_, group_of_;
  std::vector<std::uint32_t> phase_movement_begin_, phase_movement_;  // movements a phase serves
  // Rings: sequence_[ring_begin_[r] .. ring_begin_[r+1]) = phase indices in order
  std::vector<std::uint32_t> ring_begin_, sequence_;
  // Candidates [candidate × ring] phase index; their movements (each once)
  std::size_t candidate_count_ = 0;
  std::vector<std::uint32_t> candidate_phase_;
  std::vector<std::uint32_t> candidate_movement_begin_, candidate_movement_;
  // Movements [movement]
  std::vector<double> saturation_, inverse_storage_, inverse_receiving_storage_;
  std::vector<std::uint8_t> turn_on_red_;
  std::vector<std::uint32_t> served_begin_, served_phase_;  // phases serving each movement
  std::vector<std::uint8_t> served_protected_;
  // Scratch (one member at a time)
  std::vector<double> weight_;                       // [movement]
  std::vector<double> split_weight_, split_low_, split_high_, split_out_;  // [phase or group]
  // State [ring × batch]
  std::vector<std::uint32_t> phase_;
  std::vector<Interval> interval_;
  std::vector<Tenths> elapsed_;
  // State [batch]
  std::vector<std::uint32_t> current_, target_;
  std::vector<Tenths> until_decision_;
  // Cycle mode: chosen splits [phase × batch]
  std::vector<Tenths> split_;
};

}  // namespace itsc

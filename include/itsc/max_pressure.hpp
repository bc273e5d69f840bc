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
#include <memory>
#include <span>
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

  /// A copy of the plan and of every member's state (`clone`).
  MaxPressureController(const MaxPressureController& other);
  ~MaxPressureController() override;

  [[nodiscard]] std::unique_ptr<Controller> clone() const override;
  /// Copies the member's rings (phase, interval, elapsed), its decision state and (cycle mode) its
  /// chosen splits. False too when `source` runs the other mode or has other phases, rings, candidates
  /// or movements.
  bool copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept override;
  [[nodiscard]] std::size_t movement_count() const noexcept override;
  [[nodiscard]] std::size_t batch_size() const noexcept override;
  [[nodiscard]] bool uses_observation() const noexcept override { return true; }
  void step(Tenths start, Tenths length, const Observation& observation,
            const SignalCommand& command) noexcept override;

  [[nodiscard]] std::span<const int> phase_numbers() const noexcept override;
  [[nodiscard]] bool phase_green(int number, std::size_t b) const noexcept override;
  /// From the rings' phases and intervals (no pedestrian bits: max-pressure serves no pedestrian calls).
  [[nodiscard]] bool phase_status(std::size_t b, PhaseStatus& status) const noexcept override;

  /// Candidates: each a phase number per ring (stage numbers for a stage plan), in the order the
  /// acyclic mode breaks ties (lowest first, after the current one).
  [[nodiscard]] std::size_t candidate_count() const noexcept;
  [[nodiscard]] std::vector<int> candidate_phases(std::size_t candidate) const;
  /// Weighted pressure of each candidate from this observation, member b (as the controller sees it).
  void candidate_pressures(const Observation& observation, std::size_t b, std::span<double> out) noexcept;
  /// The candidate green now (acyclic), or being cleared toward, for member b.
  [[nodiscard]] std::size_t serving(std::size_t b) const noexcept;
  /// Cycle mode: the split (tenths) of phase `number` chosen for member b's current cycle (0 if unknown).
  [[nodiscard]] Tenths split_tenths(int number, std::size_t b) const noexcept;

  using Interval = RingInterval;

 private:
  // The plan and the state of every member (libitsc/control/max_pressure_state.hpp): step() only reads
  // and writes it, it never allocates.
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace itsc

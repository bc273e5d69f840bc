#pragma once
// One signal's decision variables for the optimizer (docs/optimizer.md, "Decision variables"): its
// cycle, offset and the split of every phase, in whole tenths of a second, with the rules a plan must
// keep — each split at least its minimum (minimum green or pedestrian times, plus the clearances), every
// ring reaching each barrier at the same time, the splits adding up to the cycle — and the closed-form
// degree of saturation of its lane groups under a plan.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "itsc/model.hpp"
#include "itsc/tenths.hpp"
#include "itsc/timing.hpp"
#include "model/signal_phases.hpp"

namespace itsc::detail {

struct SignalDecision {
  Tenths cycle = 0;
  Tenths offset = 0;          ///< in [0, cycle): internal convention (timing.hpp)
  std::vector<Tenths> split;  ///< [phase] in the plan's phase order
  /// [swap] whether each left-turn phase that may lead or lag (`SignalSpace::swaps`) runs after its
  /// neighbour instead of before it (or before instead of after) in the plan's order
  std::vector<std::uint8_t> swapped;
  friend bool operator==(const SignalDecision&, const SignalDecision&) = default;
};

/// Two neighbouring phases of a ring and barrier group whose order may change: a protected left-turn
/// phase and the phase after it (lead ↔ lag).
struct PhaseSwap {
  std::size_t ring = 0, group = 0, position = 0;  ///< the pair is at `position` and `position + 1`
};

/// A change of splits: tenths added to (or, negative, taken from) phases.
using SplitMove = std::vector<std::pair<std::size_t, Tenths>>;

class SignalSpace {
 public:
  /// Signal `signal` of `model` (which must outlive it) whose plan is `timing` (resolved), under the
  /// movements' demand volumes.
  SignalSpace(const Model& model, std::size_t signal, const Timing& timing, std::span<const double> movement_volume_veh_per_h);

  /// The decision `timing` (of this signal's plan structure) stands for.
  [[nodiscard]] SignalDecision decision_of(const Timing& timing) const;
  /// The fixed-time timing of a decision: the plan's structure with its cycle, offset and splits.
  [[nodiscard]] Timing timing(const SignalDecision& decision) const;
  /// Every split within its minimum and maximum, rings meeting at the barriers, splits adding up to the cycle.
  [[nodiscard]] bool feasible(const SignalDecision& decision) const;
  /// The shortest cycle the minimums allow: Σ over barrier groups of the longest ring's minimums.
  [[nodiscard]] Tenths minimum_cycle() const noexcept { return minimum_cycle_; }
  /// Webster's splits at `cycle` (`hcm::ring_barrier_splits_s`), the offset given; none when the
  /// minimums do not fit.
  [[nodiscard]] std::optional<SignalDecision> webster(Tenths cycle, Tenths offset) const;
  /// Webster's cycle C0 (none when Y ≥ 1).
  [[nodiscard]] std::optional<double> webster_cycle_s() const noexcept { return webster_cycle_s_; }
  /// The decision at another cycle: each barrier group's and each phase's time above its minimum scaled
  /// alike, the offset scaled too; none when the minimums do not fit.
  [[nodiscard]] std::optional<SignalDecision> rescaled(const SignalDecision& decision, Tenths cycle) const;
  /// The split moves worth trying: within a ring and barrier group, time from one phase to its
  /// neighbour and back; between neighbouring barrier groups, in every ring at once.
  [[nodiscard]] std::vector<SplitMove> moves(const SignalDecision& decision, Tenths step) const;
  /// `decision` with `move` applied; none when a split would fall below its minimum.
  [[nodiscard]] std::optional<SignalDecision> applied(const SignalDecision& decision, const SplitMove& move) const;
  /// The pairs of phases that may lead or lag: a phase serving only protected lefts (no crosswalk) and its
  /// neighbour in a ring. With several rings the left must not also run permitted anywhere: a lagging left
  /// whose opposing through ends first would trap the permitted lefts behind it in its yellow.
  [[nodiscard]] const std::vector<PhaseSwap>& swaps() const noexcept { return swaps_; }
  /// The largest degree of saturation of its lane groups with demand: v / (s · g / C), g the split of the
  /// phase it is analysed in less that phase's lost time.
  [[nodiscard]] double max_degree_of_saturation(const SignalDecision& decision) const;
  /// When the green of lane group `lane_group` (a model index) starts, in tenths after the start of green
  /// of the offset reference: the start of the phase it is analysed in. None for a group of another
  /// signal or one no phase serves.
  [[nodiscard]] std::optional<Tenths> green_start(const SignalDecision& decision, std::uint32_t lane_group) const;
  /// The phases (numbers) whose split is at its maximum.
  [[nodiscard]] std::vector<int> phases_at_maximum(const SignalDecision& decision) const;
  /// HCM's critical v/c Xc of the decision's cycle.
  [[nodiscard]] double critical_v_c(const SignalDecision& decision) const;
  /// The signalized node's id.
  [[nodiscard]] const std::string& node() const noexcept { return node_; }
  /// Σ of its lane groups' demand volumes (veh/h).
  [[nodiscard]] double volume_veh_per_h() const noexcept { return volume_veh_per_h_; }

 private:
  /// Moves time from splits above their maximum to phases with room: within the ring and barrier group
  /// first, else from the barrier group (in every ring) to the groups with room; false when nothing has
  /// room. The cycle and the barriers are kept.
  [[nodiscard]] bool fit_maximums(SignalDecision& decision) const;

  const Model* model_;               // outlives the space (the optimizer's compiled model)
  std::vector<double> movement_volume_;  // [movement] demand volumes
  std::string node_;
  Timing timing_;                    // resolved, ring form, fixed time
  SignalPhases phases_;
  std::vector<Tenths> min_split_;    // [phase]
  std::vector<Tenths> max_split_;    // [phase] (kNoMaximum: none)
  std::vector<PhaseSwap> swaps_;
  std::vector<double> flow_ratio_;   // [phase]
  std::vector<double> group_volume_, group_saturation_;  // [phases_.groups]
  Tenths minimum_cycle_ = 0;
  std::optional<double> webster_cycle_s_;
  double critical_y_ = 0, critical_lost_s_ = 0;
  double volume_veh_per_h_ = 0;
};

}  // namespace itsc::detail

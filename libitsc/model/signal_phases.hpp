#pragma once
// A signal's phases as HCM's critical-path method sees them (HCM 6th ed., section 19-4): the ring-barrier
// structure of its plan, each phase's lost time, and the phase each of its lane groups is analysed in.
// The results' critical v/c and `itsc analyze` both take them from here.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "itsc/hcm.hpp"
#include "itsc/model.hpp"
#include "itsc/timing.hpp"

namespace itsc::detail {

struct SignalPhases {
  RingPlan plan;                      ///< the timing's ring form
  hcm::RingBarrier rings;             ///< indices into plan.phases
  std::vector<double> lost_time_s;    ///< [phase] l1 + yellow + red clearance − e, at least 0
  std::vector<double> green_s;        ///< [phase] split − yellow − red clearance
  /// [phase] the shortest split it may have: its minimum green (`kDefaultMinGreenS` when none) or, when
  /// it serves a crosswalk, walk + pedestrian clearance if longer (both end by the yellow), + yellow + red
  std::vector<double> min_split_s;
  /// [phase] the longest split it may have: its Max1 (`max1_s`) plus yellow and red clearance, at least its
  /// minimum split; infinity when the plan gives no Max1 (a controller running the plan's splits as its
  /// coordination pattern would end a longer green by max-out)
  std::vector<double> max_split_s;
  std::vector<std::uint32_t> groups;  ///< the node's lane groups (model indices)
  /// [groups] the phase each is analysed in, the one that serves it longest (protected before
  /// permitted); plan.phases.size() when none serves it
  std::vector<std::size_t> group_phase;
  /// [groups] whether that phase serves it protected (false: permitted only, or no phase)
  std::vector<bool> group_protected;
  /// [groups] for a group analysed in a protected phase, the longest other phase that serves it permitted
  /// (a protected-permitted left); plan.phases.size() when none
  std::vector<std::size_t> group_permitted_phase;
};

/// Signal `signal` of `model` running `timing` (resolved: every clearance set).
[[nodiscard]] SignalPhases signal_phases(const Model& model, std::size_t signal, const Timing& timing);

/// [phase] the largest v / s of the lane groups analysed in it; `volume_veh_per_h` and
/// `saturation_veh_per_h` are indexed by the model's lane groups.
[[nodiscard]] std::vector<double> phase_flow_ratios(const SignalPhases& phases, std::span<const double> volume_veh_per_h,
                                                    std::span<const double> saturation_veh_per_h);

/// HCM's Xc of the signal: C / (C − L) · Σ over the critical path of the phases' flow ratios.
[[nodiscard]] double critical_v_c(const Model& model, std::size_t signal, const Timing& timing,
                                  std::span<const double> volume_veh_per_h,
                                  std::span<const double> saturation_veh_per_h);

}  // namespace itsc::detail

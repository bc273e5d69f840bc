#pragma once
// HCM's critical volume-to-capacity ratio of a signal (HCM 6th ed., Eq. 19-30):
// Xc = C / (C − L) · Σ over the critical path of the phases' flow ratios y = v / s, L the lost time of
// the phases on that path (l1 + yellow + red clearance − e each).
#include <cstddef>
#include <span>

#include "itsc/model.hpp"
#include "itsc/timing.hpp"

namespace itsc::detail {

/// Xc of signal `signal` running `timing` (resolved), from its lane groups' volumes (veh/h, ÷ PHF) and
/// saturation flows (veh/h), both indexed by the model's lane groups. A lane group counts in the phase that gives it the longest green (protected
/// before permitted); the critical path takes, in each barrier group, the ring with the largest Σ y.
[[nodiscard]] double critical_v_c(const Model& model, std::size_t signal, const Timing& timing,
                                  std::span<const double> volume_veh_per_h,
                                  std::span<const double> saturation_veh_per_h);

}  // namespace itsc::detail

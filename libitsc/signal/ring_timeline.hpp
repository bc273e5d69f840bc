#pragma once
// Where each phase of a ring plan lies in the cycle when every phase runs its split (fixed-time
// operation): rings run their phases in order, all rings cross each barrier together. Shared by the
// interval table and the offset conventions.

#include <cstddef>
#include <vector>

#include "itsc/interval_table.hpp"
#include "itsc/timing.hpp"

namespace itsc::detail {

/// One phase's place in the cycle, in tenths from the cycle start (start of ring 1's first phase).
struct PhaseWindow {
  const Phase* phase = nullptr;
  std::size_t ring = 0;
  Tenths start = 0;
  Tenths end = 0;        ///< start + split
  std::size_t next = 0;  ///< index (in the timeline) of the phase after it in its ring, cyclically
};

/// The phases of `plan` in ring order (ring 1 first). Throws `Error` (invalid_input) when a ring
/// names an undefined phase or is empty, or the rings reach a barrier at different times.
[[nodiscard]] std::vector<PhaseWindow> ring_timeline(const RingPlan& plan);

/// Index in `timeline` of the offset reference: the coordinated phase that turns green first in the
/// cycle, else ring 1's first phase.
[[nodiscard]] std::size_t reference_window(const RingPlan& plan, const std::vector<PhaseWindow>& timeline);

}  // namespace itsc::detail

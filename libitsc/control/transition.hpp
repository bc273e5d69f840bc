#pragma once
// Planning a change of fixed-time pattern: how long each transition cycle is, and the plan stretched
// or shortened to that length (docs/signals.md, "Time-of-day schedules").

#include <vector>

#include "itsc/interval_table.hpp"
#include "itsc/schedule.hpp"

namespace itsc::detail {

/// The shortest cycle `timing` (resolved) can run without cutting a min green or a pedestrian walk
/// and clearance: by barrier group, the longest ring of (that green + yellow + red clearance).
[[nodiscard]] Tenths shortest_cycle(const Timing& timing);

/// Lengths of the transition cycles that take a controller from a cycle start at `start` (the
/// reference's start of green) to the new plan (cycle, offset) in step: none when already in step.
[[nodiscard]] std::vector<Tenths> transition_cycles(Tenths start, Tenths cycle, Tenths offset, TransitionMethod method,
                                                    Tenths shortest);

/// `timing` (resolved, ring form) run in a cycle of `length`: the difference shared over the barrier
/// groups by their length and within each ring by green time (shortening stops at the greens
/// `shortest_cycle` keeps), or with `dwell` all given to the green of the reference phase and of the
/// phases concurrent with its start in the other rings.
[[nodiscard]] Timing stretched_timing(const Timing& timing, Tenths length, bool dwell);

}  // namespace itsc::detail

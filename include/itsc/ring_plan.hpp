#pragma once
/// @file ring_plan.hpp
/// One timing model: every plan is a NEMA ring-barrier plan. A stage plan is the one-ring case
/// (stage k is phase k of ring 1, in one barrier group, split = green + yellow + red clearance).
/// Values a file leaves out (yellow, red clearance, walk, pedestrian clearance) take the defaults of
/// clearance.hpp from the node's geometry; `resolve_timing` fills them in, so that controllers, the
/// interval table and validation all see the same numbers.

#include "itsc/network.hpp"
#include "itsc/timing.hpp"

namespace itsc {

/// The ring form of a timing: its ring plan as given, or its stage plan as one ring (stage k →
/// phase k with the stage's service, split, yellow and red clearance; walk and pedestrian clearance
/// left absent; no coordinated phase, so the reference is stage 1).
[[nodiscard]] RingPlan ring_plan_of(const Timing& timing);

/// `ring_plan_of(timing)` with every absent yellow, red clearance, walk and pedestrian clearance set
/// from the geometry of `node` (which must be the timing's node): ITE yellow and red clearance of
/// the approaches the phase serves (yellow at least 3 s), MUTCD walk and clearance of the crosswalks
/// it serves, each rounded up to 0.1 s; a phase serving no movement gets no yellow or red clearance, one serving no
/// crosswalk no walk. Ids the node does not have are skipped (validation reports them).
[[nodiscard]] RingPlan resolve_ring_plan(const Timing& timing, const Node& node, const Network& network);

/// `timing` in ring form with `resolve_ring_plan`'s values (stages cleared, offset unchanged).
[[nodiscard]] Timing resolve_timing(const Timing& timing, const Node& node, const Network& network);

}  // namespace itsc

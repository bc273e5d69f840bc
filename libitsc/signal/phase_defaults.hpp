#pragma once
// Default intervals of a phase from the geometry of the node it serves (formulas in clearance.hpp).

#include "itsc/network.hpp"
#include "itsc/timing.hpp"

namespace itsc::detail {

/// Rounds up to the next tenth of a second (signal time resolution), ignoring float noise.
[[nodiscard]] double ceil_tenth(double seconds) noexcept;

struct ChangeIntervals {
  double yellow_s = 0;
  double red_clearance_s = 0;
};

/// The largest ITE yellow and red clearance over the approaches of the movements `service` serves
/// (protected or permitted), unrounded: approach speed from the leg, else its in-link; grade from the
/// leg; width W from the leg, else 0. Zeros when it serves no movement with a known approach.
[[nodiscard]] ChangeIntervals ite_change_intervals(const Service& service, const Node& node, const Network& network);

struct PedestrianIntervals {
  double walk_s = 0;
  double clearance_s = 0;
};

/// Walk and pedestrian clearance for the crosswalks `service` serves, in tenths: the clearance of the
/// longest crossing (rounded up), unless `clearance_s` is given, then the walk that makes walk +
/// clearance reach the MUTCD minimum total of every crossing, at least 7 s (rounded up).
/// Zeros when it serves no crosswalk with a known length.
[[nodiscard]] PedestrianIntervals default_pedestrian_intervals(const Service& service, const Node& node,
                                                               std::optional<double> clearance_s);

}  // namespace itsc::detail

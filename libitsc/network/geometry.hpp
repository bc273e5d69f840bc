#pragma once
// Bearings of links at a node and the turn they make, for checking turn types and, later, for
// conflict matrices. Compass bearings: 0 = north, 90 = east; a right turn is clockwise.

#include <optional>

#include "itsc/network.hpp"

namespace itsc::detail {

/// Compass bearing in [0, 360) of the direction from (x0, y0) to (x1, y1).
[[nodiscard]] double bearing_deg(double x0, double y0, double x1, double y1) noexcept;

/// Bearing from `node` out along `link` (toward the link's other end): the leg's given bearing if
/// a leg of the node names the link, else from coordinates; nullopt when neither is known.
[[nodiscard]] std::optional<double> leg_bearing_deg(const Network& network, const Node& node,
                                                    const Link& link);

/// Signed turn angle in (-180, 180] of a movement arriving along a leg of bearing `in_bearing_deg`
/// and leaving along `out_bearing_deg`: 0 straight on, + right, - left, 180 a U-turn.
[[nodiscard]] double turn_angle_deg(double in_bearing_deg, double out_bearing_deg) noexcept;

/// The turn type a signed turn angle describes best (through within ±45°, U-turn beyond ±150°).
[[nodiscard]] TurnType classify_turn(double turn_angle_deg) noexcept;

/// Whether a declared turn type is plausible for the angle. The bands overlap so that skewed
/// intersections pass: through within ±60°, left/right from 20° to 165°, U-turn beyond ±135°.
[[nodiscard]] bool turn_agrees(TurnType turn, double turn_angle_deg) noexcept;

}  // namespace itsc::detail

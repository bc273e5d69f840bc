#pragma once
/// @file clearance.hpp
/// Default change and pedestrian intervals, in one place: the ITE kinematic yellow and red
/// clearance, and the MUTCD pedestrian walk and clearance. Timing plans take these when a value is
/// absent; the generators build their plans from the same formulas. Results are exact (not rounded);
/// callers round up to their resolution. See docs/signals.md for the sources.

namespace itsc {

/// Perception-reaction time t of the ITE yellow formula (ITE, Guidelines for Determining Traffic
/// Signal Change and Clearance Intervals, 2020): 1 s.
inline constexpr double kPerceptionReactionS = 1.0;
/// Comfortable deceleration a of the ITE yellow formula: 10 ft/s² = 3.05 m/s².
inline constexpr double kDecelerationMPerS2 = 3.05;
/// Gravity g used with the approach grade.
inline constexpr double kGravityMPerS2 = 9.81;
/// Vehicle length L of the ITE red clearance formula: 20 ft ≈ 6 m (a passenger car).
inline constexpr double kVehicleLengthM = 6.0;
/// Pedestrian clearance walking speed: 3.5 ft/s = 1.07 m/s (MUTCD 2009, Section 4E.06).
inline constexpr double kPedestrianClearanceSpeedMPerS = 1.07;
/// Walk + clearance walking speed, from 6 ft (1.8 m) behind the curb: 3 ft/s = 0.91 m/s (MUTCD 4E.06).
inline constexpr double kPedestrianTotalSpeedMPerS = 0.91;
/// Extra distance walked in the walk + clearance rule: 6 ft = 1.8 m (MUTCD 4E.06).
inline constexpr double kPedestrianDetectorSetbackM = 1.8;
/// Walk interval: 7 s (MUTCD 4E.06: normally at least 7 s).
inline constexpr double kDefaultWalkS = 7.0;
/// The usual range of yellow change intervals (ITE; MUTCD 4D.26 asks for 3 to 6 s).
inline constexpr double kMinUsualYellowS = 3.0;
inline constexpr double kMaxUsualYellowS = 6.0;
/// Red clearance above this is unusual (MUTCD 4D.26: at most 6 s).
inline constexpr double kMaxUsualRedClearanceS = 6.0;

/// ITE kinematic yellow Y = t + v / (2a + 2·g·G), with v the approach speed (m/s) and G the grade as
/// a decimal (+ uphill toward the stop line; given in percent here).
[[nodiscard]] double ite_yellow_s(double approach_speed_m_per_s, double grade_percent) noexcept;

/// ITE red clearance R = (W + L) / v: the time to cross the intersection width W (m, stop line to
/// the far side of the last conflicting lane) plus one vehicle length L at the approach speed v.
[[nodiscard]] double ite_red_clearance_s(double width_m, double approach_speed_m_per_s) noexcept;

/// Pedestrian clearance (flashing don't walk) for a crossing of this length at 1.07 m/s.
[[nodiscard]] double pedestrian_clearance_s(double crossing_length_m) noexcept;

/// Shortest walk + pedestrian clearance: (crossing length + 1.8 m) / 0.91 m/s.
[[nodiscard]] double pedestrian_min_total_s(double crossing_length_m) noexcept;

/// Default walk for a crossing with this pedestrian clearance: 7 s, longer where walk + clearance
/// would fall short of `pedestrian_min_total_s` (with the default clearance: crossings over ~31 m).
[[nodiscard]] double default_walk_s(double crossing_length_m, double pedestrian_clearance_s) noexcept;

}  // namespace itsc

#pragma once
/// @file timing.hpp
/// Signal timing as engineers write it: a `stages:` sequence (one ring) or a NEMA `rings:` plan.
/// The word "phase" is reserved for NEMA phases; stage k of a stage plan is phase k of ring 1, with
/// split = green + yellow + red clearance.
///
/// Offsets are held in one internal convention: `offset_s` is the time from system time zero
/// (t = 0 mod cycle) to the start of green of the reference, the first coordinated phase to turn green
/// in the cycle (for a stage plan: the first listed stage). Files may give other references
/// (`yield`, `cycle_start`); the loader converts them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itsc {

/// The offset conventions accepted on input (internally always `green_start`).
enum class OffsetReference {
  green_start,  ///< start of green of the first coordinated phase to turn green
  yield,        ///< start of yellow of that phase (end of its green)
  cycle_start,  ///< start of the first listed stage / first phase of ring 1 (SUMO's convention)
};

/// Movements and crosswalks served in a stage or phase.
struct Service {
  std::vector<std::string> protected_movements;  ///< movement ids with right of way
  std::vector<std::string> permitted_movements;  ///< movement ids that yield (permitted lefts, ...)
  std::vector<std::string> crosswalks;           ///< leg ids whose crosswalk shows walk
  friend bool operator==(const Service&, const Service&) = default;
};

/// One stage of a stage plan: green, then yellow, then red clearance.
struct Stage {
  Service serves;
  double green_s = 0;
  double yellow_s = 0;
  double red_clearance_s = 0;
  [[nodiscard]] double split_s() const noexcept { return green_s + yellow_s + red_clearance_s; }
  friend bool operator==(const Stage&, const Stage&) = default;
};

/// Recall modes (NTCIP 1202).
enum class Recall { none, min, max, pedestrian, soft };
/// Force-off modes of a coordination pattern.
enum class ForceOff { fixed, floating };

/// The minimum green (s) of a phase or stage that gives no `min_green_s`, wherever one is needed: the
/// actuated controller (capped by Max1), max-pressure (`MaxPressureSettings::min_green_s`) and the
/// transition cycles between patterns, which never shorten a green below it. 5 s is the default minimum
/// green common to NEMA controllers and MUTCD-based timing practice; no real controller times a vehicle
/// green shorter than its minimum.
inline constexpr double kDefaultMinGreenS = 5.0;

/// A NEMA phase (1–16) with its NTCIP 1202 parameters. Optional values take documented defaults.
struct Phase {
  int number = 0;
  Service serves;
  double split_s = 0;  ///< green + yellow + red clearance in the coordination pattern
  std::optional<double> min_green_s;
  std::optional<double> max1_s;
  std::optional<double> max2_s;
  std::optional<double> passage_s;
  std::optional<double> yellow_s;
  std::optional<double> red_clearance_s;
  std::optional<double> walk_s;
  std::optional<double> pedestrian_clearance_s;
  Recall recall = Recall::none;
  bool dual_entry = false;
  bool simultaneous_gap_out = false;  ///< ends by gap-out at a barrier only with the other rings (actuated)
  bool rest_in_walk = false;  ///< NTCIP rest in walk: walk held while no conflicting call (actuated)
  // volume-density
  std::optional<double> added_initial_s;
  std::optional<double> time_before_reduction_s;
  std::optional<double> time_to_reduce_s;
  std::optional<double> minimum_gap_s;
  friend bool operator==(const Phase&, const Phase&) = default;
};

/// An overlap (A–P): green while any parent phase is green (and through the transitions between them).
struct Overlap {
  std::string id;            ///< "A" .. "P"
  std::vector<int> parents;  ///< parent phase numbers
  Service serves;
  friend bool operator==(const Overlap&, const Overlap&) = default;
};

/// A NEMA ring-barrier plan.
struct RingPlan {
  std::vector<Phase> phases;
  /// rings[r][b] = phases of ring r between barrier b and b+1, in their order (lead/lag).
  std::vector<std::vector<std::vector<int>>> rings;
  std::vector<int> coordinated_phases;
  ForceOff force_off = ForceOff::fixed;
  std::vector<Overlap> overlaps;
  friend bool operator==(const RingPlan&, const RingPlan&) = default;
};

/// What max-pressure control divides pressures by (docs/signals.md, "Max-pressure control").
enum class PressureNormalization {
  none,     ///< vehicles (Varaiya 2013)
  storage,  ///< vehicles / storage of the link they are on: densities, so short links count fully
};

/// Parameters of the max-pressure controllers (`controller: max-pressure` and `max-pressure-cycle`).
struct MaxPressureSettings {
  double decision_interval_s = 5;  ///< acyclic: pressures are compared this often after min green
  PressureNormalization normalization = PressureNormalization::none;
  double min_green_s = kDefaultMinGreenS;  ///< for phases (stages) that give no `min_green_s`
  std::optional<double> max_green_s;    ///< cycle-based: for phases that give no `max1_s`; none: no cap
  friend bool operator==(const MaxPressureSettings&, const MaxPressureSettings&) = default;
};

/// The timing of one signalized node: exactly one of `stages` (non-empty) or `rings`.
struct Timing {
  double cycle_s = 0;
  double offset_s = 0;  ///< internal convention (see the file comment), in [0, cycle_s)
  std::string controller = "fixed";  ///< one of `kControllerNames` (controller.hpp)
  std::vector<Stage> stages;
  std::optional<RingPlan> rings;
  MaxPressureSettings max_pressure;  ///< read by the max-pressure controllers only
  friend bool operator==(const Timing&, const Timing&) = default;
};

/// Converts an offset given in `reference` into the internal convention (start of green of the
/// reference phase), modulo the cycle. For a stage plan the reference is the first stage. `yield`
/// needs the reference's yellow and red clearance: pass a plan from `resolve_timing` (ring_plan.hpp)
/// when they may be absent; otherwise throws `Error` (invalid_input). Throws too when the rings do not
/// line up at the barriers.
[[nodiscard]] double offset_to_internal(const Timing& timing, OffsetReference reference, double offset_s);
/// The inverse of `offset_to_internal`.
[[nodiscard]] double offset_from_internal(const Timing& timing, OffsetReference reference,
                                          double internal_offset_s);

[[nodiscard]] std::optional<OffsetReference> parse_offset_reference(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(OffsetReference reference) noexcept;

/// Text names used in files and messages ("min", "floating", ...).
[[nodiscard]] std::string_view to_string(Recall recall) noexcept;
[[nodiscard]] std::optional<Recall> parse_recall(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(ForceOff force_off) noexcept;
[[nodiscard]] std::optional<ForceOff> parse_force_off(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(PressureNormalization normalization) noexcept;
[[nodiscard]] std::optional<PressureNormalization> parse_pressure_normalization(std::string_view text) noexcept;

}  // namespace itsc

#pragma once
/// @file interval_table.hpp
/// The one fixed-time representation: a plan compiled into its cycle cut at every change of any
/// indication. Times are integer tenths of a second of local cycle time; local time 0 is the start of
/// green of the reference (the first coordinated phase to turn green; the first stage of a stage plan).
/// The offset is kept beside the table, not added into it. Ring-barrier and stage plans compile into it.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "itsc/tenths.hpp"
#include "itsc/timing.hpp"

namespace itsc {

/// A vehicle movement's signal indication.
enum class Indication : std::uint8_t {
  red,               ///< stop
  red_turn_on_red,   ///< red, turn on red allowed after stopping
  yellow,            ///< clearance
  permitted_green,   ///< green, yielding to conflicting flows
  protected_green,   ///< green with right of way
};

/// A crosswalk's pedestrian indication.
enum class PedestrianIndication : std::uint8_t { dont_walk, flashing_dont_walk, walk };

/// True for both kinds of green.
[[nodiscard]] constexpr bool is_green(Indication indication) noexcept {
  return indication == Indication::permitted_green || indication == Indication::protected_green;
}

/// A fixed-time plan as a cyclic table of intervals.
struct IntervalTable {
  Tenths cycle = 0;                            ///< cycle length
  Tenths offset = 0;                           ///< local time 0 happens at system time offset (mod cycle)
  std::size_t movement_count = 0;              ///< movements, in the order given at compile time
  std::size_t crosswalk_count = 0;             ///< crosswalks, in the order given at compile time
  std::vector<Tenths> start;                   ///< [interval] local start time; start[0] == 0, increasing
  std::vector<Indication> movement;            ///< [interval × movement]
  std::vector<PedestrianIndication> crosswalk; ///< [interval × crosswalk]

  [[nodiscard]] std::size_t interval_count() const noexcept { return start.size(); }
  /// End of interval i (the start of the next, or the cycle).
  [[nodiscard]] Tenths end(std::size_t i) const noexcept {
    return i + 1 < start.size() ? start[i + 1] : cycle;
  }
  /// The interval holding local time t (0 ≤ t < cycle).
  [[nodiscard]] std::size_t interval_at(Tenths local) const noexcept;
  /// Local cycle time of system time t (tenths): (t − offset) mod cycle.
  [[nodiscard]] Tenths local_time(Tenths system_time) const noexcept;
  [[nodiscard]] Indication indication(std::size_t interval, std::size_t movement_index) const noexcept {
    return movement[interval * movement_count + movement_index];
  }
  [[nodiscard]] PedestrianIndication pedestrian(std::size_t interval, std::size_t crosswalk_index) const noexcept {
    return crosswalk[interval * crosswalk_count + crosswalk_index];
  }
  friend bool operator==(const IntervalTable&, const IntervalTable&) = default;
};


/// Compiles a plan (ring form, or a stage plan as one ring; see ring_plan.hpp) for fixed-time
/// operation: every phase runs its split, rings in order, all rings crossing each barrier together.
/// Local time 0 is the start of green of the reference (the first coordinated phase to turn green,
/// else ring 1's first phase). Each phase shows green, then its yellow, then its red clearance; a
/// crosswalk it serves shows walk from the start of green, then flashing don't walk for the
/// pedestrian clearance, then don't walk (both cut at the yellow). A movement is protected green
/// while a phase protecting it is green, permitted green while one permitting it is green; overlaps
/// lend their parents. A server in its change interval keeps the movement green when the next phase
/// of its ring serves it too; a protected movement that goes on permitted shows yellow first.
/// Movements listed in `turn_on_red` show `red_turn_on_red` instead of `red`.
/// `movements` and `crosswalks` (leg ids) fix the column order. Throws `itsc::Error`
/// (invalid_input) when a phase lacks a value it needs (`resolve_timing` sets the defaults), rings
/// disagree at a barrier, the cycle differs from the ring time by more than 0.05 s, yellow and red
/// clearance exceed a split, or the plan references a movement or crosswalk not in the lists.
[[nodiscard]] IntervalTable compile_interval_table(const Timing& timing, std::span<const std::string> movements,
                                                   std::span<const std::string> crosswalks,
                                                   std::span<const std::string> turn_on_red = {});

}  // namespace itsc

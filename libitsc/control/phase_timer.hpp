#pragma once
// The phase-timer core of the controllers that run a ring-barrier plan phase by phase (actuated and
// max-pressure; an external controller drives the same): the plan's phases in their rings and barrier
// groups, what each serves, and per ring and member the phase in force, its interval and the time in it.
// A controller decides when a green ends and which phase starts next; the core checks the plan, runs the
// clearance intervals, and shows each movement the indication its serving phases give.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/controller.hpp"
#include "itsc/ring_plan.hpp"

namespace itsc::detail {

struct PhaseTimer {
  /// Checks and compiles `plan` (resolved: every phase has its yellow and red clearance) against the
  /// intersection's `layout`, for `batch` members, every ring idle in its first phase. Throws
  /// `itsc::Error` (invalid_input), the message starting with `controller`, for overlaps, no rings or
  /// barrier groups, rings with different numbers of groups, a ring without phases, a phase undefined,
  /// placed twice or in no ring, a phase without clearances, or a movement or crosswalk not in the
  /// layout; and for batch == 0.
  PhaseTimer(const RingPlan& plan, const IntersectionLayout& layout, std::size_t batch, std::string_view controller);

  /// Throws `itsc::Error` (invalid_input): "<controller>: <message>".
  [[noreturn]] void reject(const std::string& message) const;
  /// The index of phase `number`, or phase_count() when the plan has none.
  [[nodiscard]] std::size_t phase_index(int number) const noexcept;
  /// The index of movement `id` in the layout; rejects an unknown one.
  [[nodiscard]] std::uint32_t movement_index(const std::string& id) const;

  [[nodiscard]] std::size_t phase_count() const noexcept { return number.size(); }
  [[nodiscard]] std::size_t ring_count() const noexcept { return sequence.size(); }
  [[nodiscard]] std::size_t movement_count() const noexcept { return served_begin.size() - 1; }

  /// Phase p of ring r (its ring) is in green for member b.
  [[nodiscard]] bool green(std::size_t p, std::size_t b) const noexcept {
    const std::size_t i = ring_of[p] * batch + b;
    return phase[i] == p && interval[i] == RingInterval::green;
  }
  /// Ring r of member b starts the green of phase p (a phase of that ring).
  void start_green(std::size_t r, std::size_t b, std::uint32_t p) noexcept {
    const std::size_t i = r * batch + b;
    phase[i] = p;
    interval[i] = RingInterval::green;
    elapsed[i] = 0;
  }
  /// Ring r of member b ends its green: yellow, then red clearance (zero-length ones at once).
  void start_clearance(std::size_t r, std::size_t b) noexcept {
    const std::size_t i = r * batch + b;
    interval[i] = RingInterval::yellow;
    elapsed[i] = 0;
    end_clearance(r, b);
  }
  /// Ends the clearance intervals of ring r that are over; true when the ring has just become idle.
  bool end_clearance(std::size_t r, std::size_t b) noexcept {
    const std::size_t i = r * batch + b;
    return itsc::end_clearance(interval[i], elapsed[i], yellow[phase[i]], red[phase[i]]);
  }
  /// The strongest indication the phases serving movement m give member b: protected green, permitted
  /// green, yellow, red.
  [[nodiscard]] Indication shown(std::size_t m, std::size_t b) const noexcept;
  /// Counts the tenth's green and yellow of every movement of member b (`count`), or writes the
  /// indications in force (red as red_turn_on_red where the movement may turn on red).
  void show(std::size_t b, const SignalCommand& command, bool count) const noexcept;
  /// The vehicle bits of member b's phase status (`PhaseStatus`): each ring's phase in force by its
  /// interval, every other phase red.
  [[nodiscard]] PhaseStatus vehicle_status(std::size_t b) const noexcept;
  /// Built from the same plan for the same intersection (so every state column has the same rows).
  [[nodiscard]] bool same_plan(const PhaseTimer& other) const noexcept;
  /// The same phases in the same rings and barrier groups for the same intersection, in whatever order
  /// within the groups (so every state column has the same rows and means the same).
  [[nodiscard]] bool same_phases(const PhaseTimer& other) const noexcept;
  /// Member `to` takes the ring state of member `from` of `other` (`same_plan`).
  void copy_member(const PhaseTimer& other, std::size_t from, std::size_t to) noexcept;

  std::string controller;  ///< for messages: "actuated controller", ...
  std::size_t batch = 1;
  std::size_t groups = 1;
  // Phases [phase], in the plan's order
  std::vector<int> number;
  std::vector<Tenths> yellow, red;
  std::vector<Tenths> walk, pedestrian_clearance;  ///< 0 when the phase serves no pedestrians
  std::vector<std::uint32_t> ring_of, group_of;
  std::vector<std::uint32_t> position_of;          ///< its place in its ring's sequence
  std::vector<std::vector<std::uint32_t>> sequence;  ///< [ring] phase indices in order over all groups
  // Movements [movement]: the phases serving each (served_phase[served_begin[m] .. served_begin[m+1]))
  std::vector<std::string> movements;
  std::vector<std::uint32_t> served_begin, served_phase;
  std::vector<std::uint8_t> served_protected;
  std::vector<std::uint8_t> turn_on_red;               ///< shows red_turn_on_red instead of red
  std::vector<std::vector<std::uint32_t>> crosswalk_phases;  ///< [crosswalk] phases serving it
  // State [ring × batch]
  std::vector<std::uint32_t> phase;
  std::vector<RingInterval> interval;
  std::vector<Tenths> elapsed;  ///< in the current interval
};

}  // namespace itsc::detail

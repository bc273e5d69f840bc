#pragma once
/// @file schedule.hpp
/// Time-of-day control: named patterns (a timing per signalized node, like a plan file) switched in
/// at clock times, with the transition to the new pattern's offset simulated as controllers do it:
/// shortway, add-only or dwell (docs/signals.md, "Time-of-day schedules"). The scenario's data; the
/// switches compiled for a controller (`NodeSwitch`) and the transitions it runs are in controller.hpp.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/timing.hpp"

namespace itsc {

/// How a coordinated controller reaches a new pattern's offset.
enum class TransitionMethod {
  shortway,  ///< lengthen (≤ 20% of the new cycle) or shorten (≤ 17%) each cycle, whichever ends sooner
  add_only,  ///< lengthen only, ≤ 20% of the new cycle per cycle
  dwell,     ///< one cycle lengthened by the whole correction, all in the reference phase's green
};
[[nodiscard]] std::string_view to_string(TransitionMethod method) noexcept;
[[nodiscard]] std::optional<TransitionMethod> parse_transition_method(std::string_view text) noexcept;

/// Largest change of one transition cycle, as a share of the new cycle (docs/signals.md).
inline constexpr double kTransitionMaxLengthen = 0.20;
inline constexpr double kTransitionMaxShorten = 0.17;

/// One entry of the `schedule:` list: from clock time `at_s` the pattern `pattern` runs.
struct ScheduleEntry {
  double at_s = 0;          ///< seconds after midnight
  std::string pattern;      ///< a key of `Scenario::patterns`
  TransitionMethod transition = TransitionMethod::shortway;
  friend bool operator==(const ScheduleEntry&, const ScheduleEntry&) = default;
};

/// A pattern: timings by signalized node id (nodes it does not list keep the plan they run).
struct Pattern {
  std::map<std::string, Timing> timing;
  friend bool operator==(const Pattern&, const Pattern&) = default;
};

/// Simulation time (s) of clock time `at_s` for a run whose t = 0 is at clock time `start_time_s`:
/// the first such moment at or after t = 0 (a clock time before the start is on the next day).
[[nodiscard]] double schedule_time_s(double at_s, double start_time_s) noexcept;

}  // namespace itsc

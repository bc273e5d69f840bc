#pragma once
/// @file schedule.hpp
/// Time-of-day control: named patterns (a timing per signalized node, like a plan file) switched in
/// at clock times, with the transition to the new pattern's offset simulated as controllers do it:
/// shortway, add-only or dwell (docs/signals.md, "Time-of-day schedules").

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/controller.hpp"
#include "itsc/timing.hpp"

namespace itsc {

struct Scenario;

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

/// One node's change of pattern as it happens.
struct TransitionPeriod {
  std::string node;
  std::string pattern;              ///< the pattern switched to
  TransitionMethod method = TransitionMethod::shortway;
  double requested_s = 0;           ///< the switch time from the schedule (simulation time)
  double start_s = 0;               ///< the old plan's next cycle start (reference green) from then
  double end_s = 0;                 ///< the new plan runs in step with its offset from here
  int cycles = 0;                   ///< transition cycles between start and end
  double correction_s = 0;          ///< time added (> 0) or removed (< 0) over the transition
};

/// A switch as one node's controller sees it: its timing in the new pattern, resolved.
struct NodeSwitch {
  Tenths at = 0;                    ///< simulation time of the switch
  Timing timing;                    ///< resolved (`resolve_timing`); controller "fixed"
  std::string pattern;
  TransitionMethod method = TransitionMethod::shortway;
};

/// The switches of node `node` under `scenario`'s schedule, its timings resolved from the node's
/// geometry: one per schedule entry whose pattern lists the node. Empty without a schedule.
[[nodiscard]] std::vector<NodeSwitch> node_switches(const Scenario& scenario, const std::string& node);

/// Fixed-time control that follows a schedule: it plays the base plan, and at each switch finishes the
/// current cycle, runs the transition cycles, then the new plan at its offset. Everything is planned
/// when it is built; `step` only plays precomputed interval tables (no allocation).
class ScheduledController final : public Controller {
 public:
  /// `base` and each switch's timing resolved, per batch member (`base.size()` = B); `switches`
  /// ascending in time. Throws `itsc::Error` (invalid_input) for a plan that does not compile.
  ScheduledController(const std::vector<Timing>& base, const std::vector<NodeSwitch>& switches,
                      const IntersectionLayout& layout);

  [[nodiscard]] std::unique_ptr<Controller> clone() const override;
  bool copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept override;
  [[nodiscard]] std::size_t movement_count() const noexcept override { return movements_; }
  [[nodiscard]] std::size_t batch_size() const noexcept override { return members_.size(); }
  [[nodiscard]] bool uses_observation() const noexcept override { return false; }
  void step(Tenths start, Tenths length, const Observation& observation,
            const SignalCommand& command) noexcept override;

  /// The transitions of batch member b (node left empty), in time order.
  [[nodiscard]] const std::vector<TransitionPeriod>& transitions(std::size_t b = 0) const noexcept {
    return members_[b].transitions;
  }
  /// The interval table played at system time t by member b, and its local time there.
  [[nodiscard]] const IntervalTable& table_at(Tenths t, std::size_t b, Tenths& local) const noexcept;

 private:
  /// A stretch of time played from one table: local time = (t − anchor) mod the table's cycle.
  struct Segment {
    Tenths begin = 0;  ///< first tenth (the first segment starts at the smallest time)
    std::size_t table = 0;
    Tenths anchor = 0;
  };
  struct Member {
    std::vector<IntervalTable> tables;
    std::vector<Segment> segments;  ///< ascending begin
    std::vector<TransitionPeriod> transitions;
    std::size_t cursor = 0;         ///< segment of the last time seen
  };
  std::vector<Member> members_;
  std::size_t movements_ = 0;
};

}  // namespace itsc

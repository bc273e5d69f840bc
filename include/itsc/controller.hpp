#pragma once
/// @file controller.hpp
/// Signal controllers behind one small interface. A controller serves one intersection for a batch
/// of B runs; it sees only an `Observation` (what detectors and a connected-vehicle feed could tell)
/// and returns, per movement and batch member, what the signal shows. It is built from the
/// intersection's timing, movement list and detector map, not from a simulation Model, so the C API
/// can drive it from real detectors. Time is kept in integer tenths of a second.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/interval_table.hpp"
#include "itsc/layout.hpp"
#include "itsc/schedule.hpp"
#include "itsc/signal_plan.hpp"
#include "itsc/spat.hpp"
#include "itsc/timing.hpp"

namespace itsc {

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

/// A switch as one node's controller sees it: its plan in the new pattern.
struct NodeSwitch {
  Tenths at = 0;                    ///< simulation time of the switch
  SignalPlan plan;                  ///< compiled for fixed-time control
  std::string pattern;
  TransitionMethod method = TransitionMethod::shortway;
};

/// Every controller a timing may name (`Timing::controller`, `itsc simulate --controller`): the one list
/// that validation, the command line and `make_controller` agree on.
inline constexpr std::array<std::string_view, 4> kControllerNames{"fixed", "actuated", "max-pressure",
                                                                  "max-pressure-cycle"};
/// The names above, comma separated (for messages).
[[nodiscard]] std::string controller_names_text();

/// What a controller may see during one step. Every array is laid out [item × batch] (batch
/// innermost): element (i, b) is at i·batch + b. Read-only; valid for the duration of the call.
struct Observation {
  std::size_t batch = 1;  ///< B
  // Detectors, in the controller's detector order, over the last step of detection (the engine's
  // fluid detectors: docs/model.md, "Detectors"). The actuated controller places calls from
  // `detector_call` and extends from count and occupancy (docs/signals.md).
  std::span<const double> detector_call;       ///< [detector × B] 1 if occupied at any time in the step
  std::span<const double> detector_count;      ///< [detector × B] vehicles crossing it in the step (veh;
                                               ///< whole vehicles under the engine's random arrivals)
  std::span<const double> detector_occupancy;  ///< [detector × B] share of the step occupied, 0..1
  /// [crosswalk × B] 1 if a pedestrian called (pushed the button) in the step, in the layout's
  /// crosswalk order (the engine places them from the scenario's pedestrian demand: docs/signals.md,
  /// "Pedestrian calls").
  std::span<const double> pedestrian_call;
  // Movements, in the controller's movement order: vehicles on the approach bound for the movement.
  std::span<const double> queued_veh;  ///< [movement × B] those that have stopped and not yet left (veh)
  std::span<const double> moving_veh;  ///< [movement × B] the others (veh)
  // The links each movement feeds: feeds of movement m are entries feed_begin[m] .. feed_begin[m+1]−1,
  // one per movement leaving the receiving link at its downstream node (one entry with proportion 1
  // when the link leaves the network).
  std::span<const std::uint32_t> feed_begin;  ///< [movement + 1]
  std::span<const double> feed_queued_veh;    ///< [feed × B] stopped vehicles on the receiving link bound for it
  std::span<const double> feed_moving_veh;    ///< [feed × B] the others (veh)
  std::span<const double> feed_proportion;    ///< [feed × B] current turning proportion, 0..1
};

/// What the phases show (NTCIP 1202 phase status groups: phaseStatusGroupReds, Yellows, Greens,
/// DontWalks, PedClears, Walks), one member: bit n − 1 for phase n (1 to 16); a stage plan's stage k is
/// phase k. Red clearance counts as red. The pedestrian bits are those of the phases serving a crosswalk.
struct PhaseStatus {
  std::uint16_t reds = 0, yellows = 0, greens = 0;
  std::uint16_t dont_walks = 0, pedestrian_clears = 0, walks = 0;
  friend bool operator==(const PhaseStatus&, const PhaseStatus&) = default;
};

/// What a controller returns for one step, [movement × batch] like the observation.
struct SignalCommand {
  std::size_t batch = 1;                    ///< B
  std::span<Indication> indication;         ///< [movement × B] indication in force in the step's last tenth
  std::span<std::int32_t> green_tenths;     ///< [movement × B] green (either kind) shown inside the step
  std::span<std::int32_t> yellow_tenths;    ///< [movement × B] yellow shown inside the step
};

/// One intersection's controller for a batch of B runs.
class Controller {
 public:
  Controller() = default;
  Controller& operator=(const Controller&) = delete;
  virtual ~Controller() = default;

  /// A copy of this controller: its plans and the state of every member (for saved states).
  [[nodiscard]] virtual std::unique_ptr<Controller> clone() const = 0;
  /// Member `to` continues from the state of member `from` of `source`, a controller of the same kind
  /// built for the same intersection (a `clone`, or one of another batch); member `to` keeps its own
  /// plan. False (nothing changed) when `source` is of another kind or the members are out of range.
  virtual bool copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept = 0;

  [[nodiscard]] virtual std::size_t movement_count() const noexcept = 0;
  [[nodiscard]] virtual std::size_t batch_size() const noexcept = 0;
  /// False when the controller ignores the observation (the engine then skips filling it).
  [[nodiscard]] virtual bool uses_observation() const noexcept = 0;
  /// Advances the controller over [start, start + length) (tenths) and writes the command.
  /// Within one step a movement's green comes as one piece, followed or preceded by its yellow.
  virtual void step(Tenths start, Tenths length, const Observation& observation,
                    const SignalCommand& command) noexcept = 0;
  /// SPaT of member b at time `now` (the end of the last step): what each movement (and crosswalk,
  /// in the layout's order) shows from `now` and when that ends (spat.hpp). Spans shorter than the
  /// columns are filled as far as they go. False when the controller gives no SPaT (the default).
  [[nodiscard]] virtual bool spat(Tenths now, std::size_t b, std::span<MovementSpat> movements,
                                  std::span<CrosswalkSpat> crosswalks) const noexcept;
  /// The unit extension (passage time, s) of the actuated phase that serves `movement` (layout order),
  /// which sets HCM's incremental-delay factor k (hcm::actuated_k); none for a movement that is not
  /// actuated (pretimed, coordinated, on max recall, without extend detectors: k = 0.5). The default: none.
  [[nodiscard]] virtual std::optional<double> unit_extension_s(std::size_t /*movement*/) const noexcept {
    return std::nullopt;
  }
  /// The phase status of member b from the end of the last step on, as the SPaT of that instant shows it
  /// (`PhaseStatus`): what the next step starts with. False when the controller
  /// cannot tell (the default; a fixed-time controller built from tables alone). It may allocate: it is an
  /// answer for a caller, never part of a step.
  [[nodiscard]] virtual bool phase_status(std::size_t /*b*/, PhaseStatus& /*status*/) const noexcept { return false; }
  /// Phase numbers of a controller that times phases (ring-barrier), in its phase order; none for one
  /// that plays interval tables (the default).
  [[nodiscard]] virtual std::span<const int> phase_numbers() const noexcept { return {}; }
  /// True while phase `number` shows green for member b (false for an unknown number; the default).
  [[nodiscard]] virtual bool phase_green(int /*number*/, std::size_t /*b*/) const noexcept { return false; }
  /// Member b runs `plan` (compiled for this intersection) from `now` on: at once when `method` is
  /// empty (the new plan in step with its offset, mid-cycle if so), else from the running plan's next
  /// cycle start through the transition cycles of `method` (as a time-of-day switch). Switches of b not
  /// yet begun are dropped. False (nothing changed) when the controller cannot change one member's
  /// plan (the default; actuated and max-pressure members share one timing) or b is out of range.
  /// At once it allocates nothing once b has run a plan of as many intervals; a transition compiles
  /// its stretched cycles.
  virtual bool set_plan(std::size_t b, const SignalPlan& plan, Tenths now, std::optional<TransitionMethod> method);

 protected:
  /// For `clone`: derived controllers copy their state.
  Controller(const Controller&) = default;
};

/// Fixed-time control: plays interval tables, one plan per batch member, with the time-of-day switches
/// and `set_plan` changes of each member planned ahead as segments of time, each played from one table
/// (the transition cycles of a switch are tables of their own, docs/signals.md, "Time-of-day
/// schedules"). `step` only plays the tables: no allocation.
class FixedTimeController final : public Controller {
 public:
  /// One table per batch member, all with the same movement count, each played at its offset. The
  /// layout's columns (those the tables were compiled for) compile the transition cycles of a switch.
  /// Throws `itsc::Error` (invalid_input) when `tables` is empty or the tables disagree.
  explicit FixedTimeController(std::vector<IntervalTable> tables, IntersectionLayout layout = {});
  /// One plan per member (compiled for `layout`), following `switches` (ascending in time; every
  /// member the same). Throws `itsc::Error` (invalid_input) for plans without tables or that disagree.
  FixedTimeController(std::span<const SignalPlan> plan_per_member, const IntersectionLayout& layout,
                      std::span<const NodeSwitch> switches = {});

  [[nodiscard]] std::unique_ptr<Controller> clone() const override;
  /// Only a position hint is kept per member: the plan (and so the indication) follows from the time.
  bool copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept override;
  [[nodiscard]] std::size_t movement_count() const noexcept override { return movements_; }
  [[nodiscard]] std::size_t batch_size() const noexcept override { return members_.size(); }
  [[nodiscard]] bool uses_observation() const noexcept override { return false; }
  void step(Tenths start, Tenths length, const Observation& observation,
            const SignalCommand& command) noexcept override;
  /// Exact within the table in force: min = max = likely = its next change (kUnknownEnd for one that
  /// never changes), or the start of the next segment when that comes first.
  [[nodiscard]] bool spat(Tenths now, std::size_t b, std::span<MovementSpat> movements,
                          std::span<CrosswalkSpat> crosswalks) const noexcept override;
  bool set_plan(std::size_t b, const SignalPlan& plan, Tenths now, std::optional<TransitionMethod> method) override;
  /// From the timing of the table in force (its phases' windows at the local time); false for members built
  /// from tables alone.
  [[nodiscard]] bool phase_status(std::size_t b, PhaseStatus& status) const noexcept override;

  /// The table member b plays at its base plan (before any switch).
  [[nodiscard]] const IntervalTable& table(std::size_t b) const noexcept { return members_[b].tables.front(); }
  /// The interval table played at system time t by member b, and its local time there.
  [[nodiscard]] const IntervalTable& table_at(Tenths t, std::size_t b, Tenths& local) const noexcept;
  /// The plan changes of member b (node left empty), in time order.
  [[nodiscard]] const std::vector<TransitionPeriod>& transitions(std::size_t b = 0) const noexcept {
    return members_[b].transitions;
  }

 private:
  /// A stretch of time played from one table: local time = (t − anchor) mod the table's cycle.
  struct Segment {
    Tenths begin = 0;  ///< first tenth (the first segment starts at the smallest time)
    std::size_t table = 0;
    Tenths anchor = 0;
  };
  struct Member {
    std::vector<IntervalTable> tables;
    std::vector<Timing> timings;    ///< [table] the timing each was compiled from (empty: tables alone)
    std::vector<Segment> segments;  ///< ascending begin
    std::vector<TransitionPeriod> transitions;
    std::size_t segment = 0;        ///< segment of the last time seen
    std::size_t interval = 0;       ///< interval of the last time seen
  };
  /// The member switches to `plan` from its running plan's next cycle start at or after `at` (and
  /// after the last transition), through the transition cycles of `method`.
  void switch_to(Member& member, Tenths at, const SignalPlan& plan, TransitionMethod method,
                 const std::string& pattern);
  [[nodiscard]] const Segment& segment_at(const Member& member, Tenths t) const noexcept;

  std::vector<Member> members_;
  IntersectionLayout layout_;
  std::size_t movements_ = 0;
  Tenths now_ = 0;  ///< the end of the last step
};

/// The interval a ring is in under a controller that times phase by phase (actuated, max-pressure).
enum class RingInterval : std::uint8_t { green, yellow, red_clearance, idle };

/// Ends the clearance intervals that are over, zero-length ones at once: yellow after `yellow` tenths,
/// then red clearance after `red` (the elapsed time restarts at each). Returns whether the ring has just
/// become idle.
inline bool end_clearance(RingInterval& interval, Tenths& elapsed, Tenths yellow, Tenths red) noexcept {
  if (interval == RingInterval::yellow && elapsed >= yellow) {
    interval = RingInterval::red_clearance;
    elapsed = 0;
  }
  if (interval == RingInterval::red_clearance && elapsed >= red) {
    interval = RingInterval::idle;
    elapsed = 0;
    return true;
  }
  return false;
}

/// NEMA actuated control (docs/signals.md, "Actuated operation") of one intersection for a batch:
/// min green, extension while Σ (flow · passage + occupancy) ≥ 1 over a phase's extend detectors,
/// gap-out, max-out (Max1, or Max2 when selected), recalls (none, min, max), phase skipping without a
/// call, dual entry, volume-density (added initial, gap reduction), pedestrian calls (walk + pedestrian
/// clearance), yellow and red clearance; rings run concurrently and cross barriers together. Movements
/// in the layout's `turn_on_red` show `red_turn_on_red` while red, as under fixed time. With
/// coordinated phases in the plan it runs coordinated-actuated: force-offs (fixed or floating) from
/// the splits hold the cycle and offset.
/// State is [phase × batch]; each member reads its own detector columns. Time in tenths; every step is
/// advanced a tenth at a time, so 0.1 s and 1 s steps take the same decisions for the same input.
class ActuatedController final : public Controller {
 public:
  /// `timing` resolved (`resolve_timing`; a stage plan is the one-ring case), the same for every
  /// member. Throws `itsc::Error` (invalid_input) for plans with overlaps, a phase without yellow or
  /// red clearance, a movement (served or turning on red), crosswalk or detector phase not in the layout /
  /// plan, a coordinated plan without a cycle, or batch == 0.
  ActuatedController(const Timing& timing, const IntersectionLayout& layout, std::size_t batch);
  /// A copy of the plan and of every member's state (`clone`).
  ActuatedController(const ActuatedController& other);
  ~ActuatedController() override;

  [[nodiscard]] std::unique_ptr<Controller> clone() const override;
  /// Copies every per-member column (ring timers, calls, gaps, pedestrian service, Max2 selection,
  /// detector timers, barrier group, coordination). False too when `source` has other phases, rings,
  /// movements, detectors or crosswalks.
  bool copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept override;
  [[nodiscard]] std::size_t movement_count() const noexcept override;
  [[nodiscard]] std::size_t batch_size() const noexcept override;
  [[nodiscard]] bool uses_observation() const noexcept override { return true; }
  void step(Tenths start, Tenths length, const Observation& observation,
            const SignalCommand& command) noexcept override;
  /// Green: min end from the remaining min green and passage (at the minimum gap), max end from the
  /// max-out (while a conflicting call runs its timer) and the force-off; yellow and red clearance:
  /// exact; red: min end only. Crosswalks: walk and flashing don't walk exact. docs/signals.md, "SPaT".
  [[nodiscard]] bool spat(Tenths now, std::size_t b, std::span<MovementSpat> movements,
                          std::span<CrosswalkSpat> crosswalks) const noexcept override;

  [[nodiscard]] std::span<const int> phase_numbers() const noexcept override;
  [[nodiscard]] bool phase_green(int number, std::size_t b) const noexcept override;
  /// From the rings' phases and intervals; walk and pedestrian clearance as the pedestrian service runs.
  [[nodiscard]] bool phase_status(std::size_t b, PhaseStatus& status) const noexcept override;
  /// The longest passage time of the actuated phases serving `movement`: phases that detectors extend,
  /// not on max recall and not coordinated.
  [[nodiscard]] std::optional<double> unit_extension_s(std::size_t movement) const noexcept override;
  /// Puts Max2 in force for member b (NTCIP 1202 Max II; Max1 again with false). Phases without
  /// `max2_s` keep Max1. docs/signals.md, "Max2".
  void select_max2(std::size_t b, bool selected) noexcept;
  /// A controller of one member takes a new plan of the same phases in the same rings and barrier groups
  /// (cycle, offset, splits, order within the groups, coordination, recalls, ...) at once: its rings carry
  /// on where they are and the new force-offs, maximums and recalls rule from the next tenth (a green past
  /// its new force-off ends then, once its pedestrian intervals are over). `method` is not read: the
  /// force-offs bring the rings to the new offset. False for a batch of several members (they share one
  /// timing) or other phases.
  /// Throws `itsc::Error` (invalid_input) as the constructor does.
  bool set_plan(std::size_t b, const SignalPlan& plan, Tenths now, std::optional<TransitionMethod> method) override;

  using Interval = RingInterval;

 private:
  // The plan and the state of every member (libitsc/control/actuated_state.hpp): step() only reads
  // and writes it, it never allocates.
  struct State;
  std::unique_ptr<State> state_;
};

/// Builds the controller that `timing.controller` names (`kControllerNames`; max-pressure.hpp for the
/// max-pressure ones) with one timing per batch member (all members must name the same controller;
/// all but "fixed" need one timing shared by all members). Throws `itsc::Error` (invalid_input) for an
/// unknown controller or a plan that does not compile.
/// A fixed-time controller follows `switches` (a time-of-day schedule; the others ignore it).
[[nodiscard]] std::unique_ptr<Controller> make_controller(std::span<const Timing> timing_per_member,
                                                          const IntersectionLayout& layout,
                                                          std::span<const NodeSwitch> switches = {});

}  // namespace itsc

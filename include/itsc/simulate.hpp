#pragma once
/// @file simulate.hpp
/// The engine's entry points for the command line and the bindings: run a scenario (or a batch of
/// variants of it) and get network, intersection and lane-group results.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "itsc/controller.hpp"
#include "itsc/model.hpp"
#include "itsc/plan.hpp"
#include "itsc/scenario.hpp"
#include "itsc/schedule.hpp"
#include "itsc/sim.hpp"
#include "itsc/units.hpp"

namespace itsc {

/// Options of `simulate` and `Simulation`. Zeros mean "from the scenario".
class Simulation;

struct SimulateOptions {
  double duration_s = 0;              ///< run length; 0: the scenario's (or its demand profile's)
  double dt_s = 0;                    ///< step; 0: the scenario's
  int threads = 1;                    ///< OpenMP threads over batch members
  double timeseries_interval_s = 0;   ///< > 0: record a time series every this many seconds
  bool detectors = false;             ///< keep the detectors up to date even under controllers that
                                      ///< do not read them (`StepOptions::detectors`)
  Isa isa = Isa::best;                ///< instruction set of the step's passes (`isa_supported`);
                                      ///< results do not depend on it
  std::string controller;             ///< not empty: every signalized node runs this controller
                                      ///< (one of `kControllerNames`) instead of its timing's
  CompileOptions compile;             ///< lost times; `compile.dt_s` is overridden by `dt_s` when set
  /// Called after every step that `run_until` (so `run` and `simulate`) takes, e.g. to log SPaT
  /// (`SpatLog`); empty: nothing.
  std::function<void(const Simulation&)> after_step;
};

/// Per-member variations of a batch; empty vectors mean "the scenario's for every member".
struct BatchSpec {
  std::size_t size = 1;                                     ///< B
  std::vector<std::map<std::string, Timing>> timing;        ///< [B] timing by signalized node id
  std::vector<Demand> demand;                               ///< [B]
  /// [B] seeds of the random detector arrivals: replications of one scenario (`simulation.seed` and
  /// its arrivals for every member when empty, so that members differ only by what else varies).
  std::vector<int> seeds{};
};

/// Results of one turning movement over the measured period. Its delay and queue are its share of its
/// approach: its own vehicles in the last cell (and bay) plus its turning proportion of the vehicles held
/// upstream (FIFO); the overflow term and the queue length are its lane group's (one queue per group).
struct MovementResult {
  std::string id;
  double volume_veh_per_h = 0;           ///< arrivals on its approach by turning proportion (÷ PHF)
  double uniform_delay_s_per_veh = 0;    ///< simulated delay of its vehicles
  double overflow_delay_s_per_veh = 0;   ///< its lane group's HCM overflow term
  double delay_s_per_veh = 0;            ///< the sum
  char los = 'A';                        ///< from its delay and its lane group's X
  double stops = 0, stops_per_veh = 0;
  double queue_mean_veh = 0, queue_max_veh = 0;  ///< its vehicles held on the approach
  double queue_mean_m = 0, queue_max_m = 0;      ///< back of its lane group's queue: bay + congested length
  double arrivals_veh = 0, departures_veh = 0;
};

/// Results of one lane group over the measured period (after the warm-up).
struct LaneGroupResult {
  std::string id;
  std::vector<MovementResult> movements;  ///< those it serves, in the scenario's order
  double volume_veh_per_h = 0;           ///< demand measured upstream of its queue (÷ PHF)
  double saturation_flow_veh_per_h = 0;  ///< s = s0 × lanes × its factors × turn_factor × pedestrian factors
  hcm::SaturationFactors saturation_factors;  ///< its HCM factors (all 1 off signals)
  double turn_factor = 1;                ///< 1 / (P_T + P_L·E_L + P_R·E_R) of its measured traffic
  /// HCM f_Rpb for its measured traffic: 1 / (P_T + P_L·E_L + P_R·E_R) over
  /// 1 / (P_T + P_L·E_L + P_R·E_R / f_Rpb) (an exclusive right group: its right's f_Rpb)
  double pedestrian_right_factor = 1;
  /// HCM f_Lpb: a permitted left's over its permitted green (it scales the left's gap rate, not s), else
  /// the protected lefts' in s as f_Rpb's for the rights
  double pedestrian_left_factor = 1;
  double capacity_veh_per_h = 0;         ///< s × average effective green / average cycle
  double degree_of_saturation = 0;       ///< X = volume / capacity
  double effective_green_share = 0;      ///< average effective green / time
  double uniform_delay_s_per_veh = 0;    ///< simulated deterministic delay
  double overflow_delay_s_per_veh = 0;   ///< HCM d2 − 1800·T·max(0, X − 1)
  double delay_s_per_veh = 0;            ///< the sum: control delay
  double delay_veh_h = 0;                ///< control delay × arrivals: its part of the network total
  char los = 'A';                        ///< LOS (F whenever X > 1; '-' where HCM defines none)
  double stops = 0;                      ///< stops on its approach (veh)
  double stops_per_veh = 0;
  double queue_mean_veh = 0, queue_max_veh = 0, queue_p95_veh = 0;  ///< vehicles held on its approach
  double queue_mean_m = 0, queue_max_m = 0, queue_p95_m = 0;        ///< back of queue: in its bay for a
                                                                    ///< bay group, else on its link
  double storage_veh = 0;                                           ///< its share of the approach + its bay
  double storage_m = 0;                   ///< where its queue is held: its bay's length, else its link's
  bool spills = false;                    ///< its queue reached the end of that storage (queue_max_m)
  /// HCM's cycle-based back of queue (docs/model.md, "Queues"): its signal cycles that ended in the measured
  /// period, and the 95th percentile of their longest back of queue (all 0 without a cycle: off signals).
  int cycles = 0;
  double queue_cycle_p95_veh = 0;         ///< at the jam density of its storage
  double queue_cycle_p95_m = 0;           ///< from the stop line; in its bay for a bay group
  double queue_storage_ratio = 0;         ///< queue_cycle_p95_m / storage_m (HCM's R_Q)
  bool cycle_p95_spills = false;          ///< queue_cycle_p95_m reached storage_m
  double arrivals_veh = 0, departures_veh = 0;
};

/// Results of one signalized or two-way-stop intersection. At a two-way stop the movements that give
/// way carry HCM's stop-control delay (`hcm::stop_control_delay_s`, as their overflow term) and its LOS
/// A phase of a controller that times phases (actuated, max-pressure), over the measured period.
struct PhaseResult {
  int number = 0;
  double greens = 0;            ///< whole greens (begun and ended in the measured period)
  double average_green_s = 0;   ///< their average (s, to the step)
};

/// scale; the free major street has LOS '-', and so has the intersection (HCM grades movements only).
struct IntersectionResult {
  std::string id;
  NodeControl control = NodeControl::signalized;
  double uniform_delay_s_per_veh = 0;   ///< volume-weighted over its lane groups
  double overflow_delay_s_per_veh = 0;
  double delay_s_per_veh = 0;
  double delay_veh_h = 0;               ///< Σ of its lane groups' delay_veh_h
  char los = 'A';                       ///< from the volume-weighted control delay
  double max_queue_veh = 0;             ///< largest lane-group queue
  double degree_of_saturation = 0;      ///< largest lane-group X
  double critical_v_c = 0;              ///< signals: HCM's Xc = C/(C − L) · Σ critical v/s, of the plan in force
  /// Signals: the plan's cycle under fixed time; under a controller that times phases, the mean time
  /// between the measured greens of its most often served phase (a phase is served at most once a cycle).
  double average_cycle_s = 0;
  std::vector<PhaseResult> phases;      ///< a controller that times phases: each phase, in its order
  std::vector<LaneGroupResult> lane_groups;
};

/// One through route (an arterial in one direction: `Model::route_*`) over the measured period, by HCM's
/// urban street facility method (docs/model.md, "Arterial routes"): it runs from its first signal to its
/// last; each link's running time at its free-flow speed plus the control delay of the through movement at
/// the node it ends at make its travel time.
struct RouteResult {
  std::string id;                      ///< "<first signal>-><last signal>"
  std::vector<std::string> nodes;      ///< the nodes it passes in order, its first and last signal included
  std::vector<std::string> links;      ///< its links in order, from its first signal to its last
  double length_m = 0;                 ///< Σ L of its links
  double running_time_s = 0;           ///< Σ L / v: its links at their free-flow speeds
  double control_delay_s = 0;          ///< Σ delay_s_per_veh of its through movements after the first signal
  double travel_time_s = 0;            ///< running time + control delay
  double free_flow_speed_kmh = 0;      ///< base free-flow speed: length / running time (HCM chapter 16)
  double speed_kmh = 0;                ///< travel speed: length / travel time
  double speed_share = 0;              ///< speed / free-flow speed
  double through_volume_veh_per_h = 0; ///< its through movements' volumes after the first signal, weighted by
                                       ///< the lengths of the links arriving at them
  double critical_v_c = 0;             ///< largest X of its through movements' lane groups at its signals
                                       ///< after the first (the segments' downstream boundaries)
  bool over_capacity = false;          ///< critical_v_c > 1: LOS F whatever the speed
  char los = 'A';                      ///< HCM urban street LOS (`hcm::urban_street_los`)
};

/// Wall-clock figures: the only part that may differ between identical runs.
struct RunInfo {
  double wall_time_s = 0;
  double steps_per_s = 0;
  double cell_updates_per_s = 0;        ///< cells × steps × B per second
  double simulated_hours_per_s = 0;     ///< simulated hours × B per second
  int threads = 1;
};

/// A recorded time series of one member: per sample and signalized lane group.
struct TimeSeries {
  std::vector<std::string> lane_groups;      ///< "<node>/<group>"
  std::vector<double> time_s;                ///< [sample] end of the sampled interval
  std::vector<double> queue_veh;             ///< [sample × group] held vehicles at the sample time
  std::vector<double> flow_veh_per_h;        ///< [sample × group] discharge over the interval
  std::vector<Indication> indication;        ///< [sample × group] first movement's indication
  std::vector<double> vehicles_inside;       ///< [sample]
};

/// Everything one run reports.
struct SimulationResult {
  double duration_s = 0, dt_s = 0, measured_from_s = 0, analysis_period_h = 0;
  /// What every rate (volumes, capacities, X, throughput) is taken over: the measured period up to the end
  /// of a demand profile of several intervals (what a run drains after it dilutes nothing), s.
  double rate_period_s = 0;
  double vehicles_entered = 0;   ///< since t = 0 (with the counts below: conservation)
  double vehicles_exited = 0;
  double vehicles_inside = 0;
  double vehicles_waiting = 0;   ///< at the entries
  double measured_entered = 0;   ///< after the warm-up: the delays' denominator
  double measured_exited = 0;
  /// Network delay, simulated + overflow (`objective`): Σ intersections' delay_veh_h + other_delay_veh_h
  /// + entry_delay_veh_h.
  double total_delay_veh_h = 0;
  double delay_s_per_veh = 0;
  double uniform_delay_s_per_veh = 0;
  double overflow_delay_s_per_veh = 0;
  double entry_delay_veh_h = 0;  ///< part of the simulated delay spent waiting at entries
  double other_delay_veh_h = 0;  ///< part at uncontrolled nodes and on links leaving the network
  double total_stops = 0;
  double stops_per_veh = 0;
  double average_travel_time_s = 0;
  double vehicle_hours = 0;
  double vehicle_km = 0;
  double throughput_veh_per_h = 0;  ///< measured exits per hour of `rate_period_s`
  std::vector<IntersectionResult> intersections;
  std::vector<RouteResult> routes;            ///< its through routes, in `Model::route_*` order
  std::vector<TransitionPeriod> transitions;  ///< pattern changes of the time-of-day schedule (by `simulate`)
  TimeSeries timeseries;
  RunInfo run;
};

/// A batch of B runs over one compiled model: its demand, plans, controllers and state together.
/// The model is shared, never copied (by every part of a batch run on several threads, and by other
/// simulations of it). Between steps, members may change plans (`set_plan`), the batch may go back to
/// time zero (`reset`) or to a saved state (`save_state`, `restore_state`): one warm-up copied into
/// every member, then a run per candidate plan, is how plans are evaluated.
class Simulation {
 public:
  /// A saved state of every member: the engine's and every controller's (`save_state`). Move-only.
  struct Snapshot {
    State state;                                                  ///< the whole batch
    std::vector<std::size_t> part_begin;                          ///< first member of each part
    std::vector<std::vector<std::unique_ptr<Controller>>> controllers;  ///< [part][signal] clones
  };

  /// A batch of `demand.batch` members (`plans.batch` must agree) over `model`. The plans carry their
  /// controllers (`SimulateOptions::controller` is not read); the run length is `options.duration_s`,
  /// else the model's. Throws `itsc::Error` (invalid_input) for a batch mismatch, plans of another
  /// model, a plan its controller cannot run, or an unsupported instruction set.
  Simulation(std::shared_ptr<const Model> model, BatchDemand demand, PlanSet plans,
             const SimulateOptions& options = {});
  /// Compiles the scenario's model, demand and plans (`BatchSpec` varies them per member); throws
  /// `itsc::Error` for what cannot be compiled.
  explicit Simulation(const Scenario& scenario, const SimulateOptions& options = {}, const BatchSpec& batch = {});

  /// One step of every member.
  void step() noexcept;
  /// Steps until the clock reaches `time_s` (rounded to whole steps), calling `after_step` after each.
  void run_until(double time_s);
  /// Steps to the configured duration, recording the time series when asked.
  void run();

  /// Member b runs `plans` (one per signal, `Model::signalized_nodes` order) from now on: at once when
  /// `method` is empty (each signal in step with its new offset, mid-cycle if so), else from each
  /// running plan's next cycle start through the transition cycles of `method`, as a time-of-day
  /// switch does. Allocates nothing once b has run plans of as many intervals (at once). Throws
  /// `itsc::Error` (invalid_input) when b is out of range, the count differs from the signals, or a
  /// controller cannot change one member's plan (actuated and max-pressure members share one timing).
  void set_plan(std::size_t b, std::span<const SignalPlan> plans, std::optional<TransitionMethod> method = {});
  /// Member b's signal `signal` runs `plan` from now on, as `set_plan` above; the other signals keep
  /// theirs. False (nothing changed) when its controller cannot change this member's plan. Throws
  /// `itsc::Error` (invalid_input) when b or `signal` is out of range.
  [[nodiscard]] bool set_plan(std::size_t b, std::size_t signal, const SignalPlan& plan,
                              std::optional<TransitionMethod> method = {});
  /// Back to time zero with the plans in force (those `set_plan` gave), as a new Simulation of them.
  void reset();
  /// The state of every member now.
  [[nodiscard]] Snapshot save_state() const;
  /// Every member continues from the same member of `snapshot` (saved by a simulation of this model and
  /// batch size), clock included; each keeps the plan it runs. Throws `itsc::Error` (invalid_input) when
  /// the batch differs or a controller cannot copy its members.
  void restore_state(const Snapshot& snapshot);
  /// Members [begin, begin + count) continue from member `from` of `snapshot` (of any batch size over this
  /// model), each keeping its plan: one warm-up copied into many members. Unless every member is restored,
  /// the snapshot's clock must be this simulation's. Throws `itsc::Error` (invalid_input) otherwise.
  void restore_state(const Snapshot& snapshot, std::size_t from, std::size_t begin, std::size_t count);
  /// Every member b continues from member `from[b]` of `snapshot` (of any batch size over this model), clock
  /// included, each keeping its plan: several warm-ups (one per demand, say) copied into many members.
  /// Throws `itsc::Error` (invalid_input) when `from` does not have one entry per member or one is out of range.
  void restore_state(const Snapshot& snapshot, std::span<const std::size_t> from);

  [[nodiscard]] const Model& model() const noexcept { return *model_; }
  [[nodiscard]] const std::shared_ptr<const Model>& shared_model() const noexcept { return model_; }
  /// The whole batch. A batch run on several threads keeps one state per part: this gathers them into
  /// one copy first (only when they have stepped since), so it costs a copy of the state then.
  [[nodiscard]] const State& state() const noexcept;
  [[nodiscard]] const BatchDemand& demand() const noexcept { return demand_; }
  /// The plans in force (as `set_plan` left them).
  [[nodiscard]] const PlanSet& plans() const noexcept { return plans_; }
  [[nodiscard]] std::size_t batch_size() const noexcept { return demand_.batch; }
  [[nodiscard]] double time_s() const noexcept {
    return static_cast<double>(parts_.front().state.time_tenths) / 10.0;
  }
  [[nodiscard]] double duration_s() const noexcept { return duration_s_; }
  /// Results of member b, its time series included (run info filled by `simulate`).
  [[nodiscard]] SimulationResult result(std::size_t b = 0) const;
  /// Member b's time series, recorded by `run` every `SimulateOptions::timeseries_interval_s` (empty
  /// otherwise).
  [[nodiscard]] const TimeSeries& timeseries(std::size_t b = 0) const noexcept { return timeseries_[b]; }
  /// The controller of signal `signal` that runs member b, and b's member index in it (`local`).
  [[nodiscard]] const Controller& controller(std::size_t signal, std::size_t b, std::size_t& local) const noexcept;
  /// The controllers of the first part, one per signal (`Model::signalized_nodes` order): the whole
  /// batch when it runs as one part (one thread, or fewer than 2 × 4 members), to drive `itsc::step` directly.
  [[nodiscard]] std::span<Controller* const> controllers() const noexcept { return parts_.front().views; }

 private:
  /// Members [begin, begin + state.batch) of the batch: a batch of its own with its own demand,
  /// controllers and state. A batch on several threads runs in parts, one per thread, so that no thread
  /// writes a cache line another one uses (the rows of the whole batch's arrays are not aligned to cache
  /// lines) and the threads need not meet between steps. Members never interact, so the parts give the
  /// same bits as the whole batch.
  struct Part {
    std::size_t begin = 0;
    BatchDemand demand;  ///< empty when the batch runs as one part (it runs `demand_` then)
    std::vector<std::unique_ptr<Controller>> controllers;
    std::vector<Controller*> views;
    State state;
  };
  /// What the scenario constructor compiles.
  struct Compiled;
  static Compiled compile_batch(const Scenario& scenario, const SimulateOptions& options, const BatchSpec& spec);
  Simulation(Compiled&& compiled, const SimulateOptions& options);
  void check_snapshot(const Snapshot& snapshot) const;
  /// Member `local` of `part` continues from the controllers' state of member `from` of `snapshot`.
  void copy_controllers(const Snapshot& snapshot, std::size_t from, Part& part, std::size_t local);
  /// The part holding member b, and b's index in it.
  [[nodiscard]] std::size_t part_of(std::size_t b, std::size_t& local) const noexcept;
  /// Builds the parts' controllers and states from the plans, at time zero.
  void build_parts();
  std::vector<std::uint64_t> seeds_;  ///< [member] of the random detector arrivals
  /// Departures so far of member b's signalized lane groups (the time series' columns).
  void departures(std::size_t b, std::vector<double>& out) const;
  /// Appends a sample of every member, its flows since `since_s` from `departures_before` [member][column].
  void sample(double since_s, const std::vector<std::vector<double>>& departures_before);
  /// Steps every member (every part, each on its own thread) until the clock reaches `end`.
  void advance(Tenths end) noexcept;

  std::shared_ptr<const Model> model_;
  BatchDemand demand_;
  PlanSet plans_;
  std::vector<Part> parts_;
  mutable State gathered_;      ///< the whole batch, gathered from several parts
  mutable bool stale_ = true;   ///< the parts have changed since `gathered_` was gathered
  StepOptions step_options_;
  double duration_s_ = 0;
  double timeseries_interval_s_ = 0;
  std::vector<TimeSeries> timeseries_;  ///< [member]
  std::function<void(const Simulation&)> after_step_;
};

/// Runs a scenario once. Throws `itsc::Error` for what cannot be compiled.
[[nodiscard]] SimulationResult simulate(const Scenario& scenario, const SimulateOptions& options = {});

/// The result as JSON: the network figures (`vehicles_entered`, ...), `intersections[]` with
/// `lane_groups[]`, `routes[]`, and a `run` object with every wall-clock figure.
/// `units`: lengths in metres and km (keys `*_m`, `vehicle_km`, speeds `*_kmh`) or feet and miles (`*_ft`,
/// `vehicle_mi`, `*_mph`).
[[nodiscard]] std::string to_json(const SimulationResult& result, Units units = Units::si);
/// The result as a readable text table.
[[nodiscard]] std::string to_text(const SimulationResult& result, Units units = Units::si);
/// The time series as CSV: time_s, lane_group, queue_veh, flow_veh_per_h, indication.
[[nodiscard]] std::string timeseries_csv(const TimeSeries& series);
/// "red", "yellow", "permitted_green", ...
[[nodiscard]] std::string_view to_string(Indication indication) noexcept;

}  // namespace itsc

#pragma once
/// @file optimize.hpp
/// Signal timing optimization (docs/optimizer.md): the cycle, splits and offsets of every fixed-time
/// signal of a scenario that minimize a network objective of the simulation, under the timing rules
/// (minimum greens, pedestrian times, clearances, ring-barrier structure) and a maximum degree of
/// saturation. Candidates are evaluated in batches over one compiled model from a saved warm state
/// (`Simulation::save_state`, `restore_state`, `set_plan`), over a short periodic horizon; the plan
/// returned is re-evaluated over the scenario's whole run and is never worse there than the scenario's own.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/demand.hpp"
#include "itsc/objective.hpp"
#include "itsc/scenario.hpp"
#include "itsc/simulate.hpp"
#include "itsc/timing.hpp"

namespace itsc {

/// What the optimizer minimizes.
enum class OptimizeObjective {
  delay,              ///< network control delay, simulated + HCM overflow (veh·h)
  performance_index,  ///< delay + K · stops (TRANSYT's performance index)
  throughput,         ///< vehicles leaving the network (maximized), delay breaking ties: oversaturated networks
};
/// How cycles are chosen.
enum class CyclePolicy {
  common,    ///< one cycle for every signal: they can be coordinated (offsets are optimized)
  per_node,  ///< each signal its own cycle, uncoordinated (offsets are kept)
  /// signals grouped by Hook and Albers' rule (`OptimizeOptions::coupling_index_min`): each group of
  /// several signals one cycle, coordinated; a signal alone its own cycle, offset kept
  groups,
};
/// Why the search stopped.
enum class StopReason { converged, max_evaluations, time_limit, cancelled };

[[nodiscard]] std::string_view to_string(OptimizeObjective objective) noexcept;
[[nodiscard]] std::optional<OptimizeObjective> parse_optimize_objective(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(CyclePolicy policy) noexcept;
[[nodiscard]] std::optional<CyclePolicy> parse_cycle_policy(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(StopReason reason) noexcept;

/// Where the search is, for a progress display.
struct OptimizeProgress {
  std::size_t evaluations = 0;  ///< candidate plans evaluated so far
  double best_objective = 0;    ///< the best candidate's objective per hour of the search horizon
  double elapsed_s = 0;
  std::string_view stage;       ///< "start", "cycle", "splits and offsets"
};

struct OptimizeOptions {
  OptimizeObjective objective = OptimizeObjective::delay;
  double stop_penalty_s = 10;         ///< K of the performance index: seconds of delay one stop counts as
  CyclePolicy cycle_policy = CyclePolicy::common;
  /// The cycles searched, in whole seconds; never below what the minimum splits need. 20 s is the lower
  /// bound of SUMO's tlsCycleAdaptation; agencies often set a practical minimum (40 or 60 s) here.
  double cycle_min_s = 20;
  double cycle_max_s = 180;
  /// Cycle groups (`CyclePolicy::groups`): signals within 2,500 ft (762 m) of each other share a cycle,
  /// links of 5,000 ft (1,524 m) or more separate them, and between the two a link joins its signals when
  /// its coupling index — two-way volume in 1,000 veh/h over the distance in miles squared — is at least
  /// this (Hook and Albers, as in FHWA's "Signal Timing on a Shoestring", 2005: 50 links, 1 to 50 may).
  double coupling_index_min = 50;
  /// The largest degree of saturation of any lane group at a signal under a plan: the larger of the closed
  /// form (its demand volume over its capacity under the plan, `analyze_signal`) and what the simulation
  /// measures (volume over the capacity served: a bay that overflows or a queue that blocks shows there). A
  /// plan above it is taken only when none meets it, and then the one with the smallest largest X.
  double max_degree_of_saturation = 0.95;
  bool optimize_cycle = true;
  bool optimize_splits = true;
  bool optimize_offsets = true;       ///< common cycle only
  /// Whether protected left-turn phases may lead or lag their neighbour in the ring (not for a left that
  /// also runs permitted in a plan of several rings: the yellow trap).
  bool optimize_sequence = false;
  /// Search horizon: each candidate runs from a warm state through `settle_cycles` of its cycle, then is
  /// measured over `measure_cycles` (TRANSYT's periodic steady state, a few cycles long).
  double settle_cycles = 1;
  double measure_cycles = 3;
  /// The measured part of the horizon lasts at least this long (s): short cycles still show the queues
  /// they build.
  double least_measure_s = 240;
  /// Robust optimization: the plan is scored over several demands at once — the scenario's, `demands`,
  /// and `demand_samples` more drawn from the scenario's with every entry flow and turning count scaled
  /// by its own lognormal factor of mean 1 and coefficient of variation `demand_cv` — and the score is
  /// their mean, or the `demand_percentile` of them when set (100: the worst). Counts are uncertain and
  /// the plan must hold next year too.
  std::vector<Demand> demands;
  std::size_t demand_samples = 0;
  double demand_cv = 0.1;
  std::optional<double> demand_percentile;
  /// After the search converges it starts again this many times from its plan with every offset drawn at
  /// random, each searched to convergence; the best over the whole run is returned (a reference search
  /// for the default's quality: many restarts under a time limit).
  std::size_t restarts = 0;
  std::uint64_t seed = 1;             ///< of the demand samples and the restarts' offsets
  std::size_t max_evaluations = 0;    ///< 0: no limit
  double time_limit_s = 0;            ///< 0: no limit (checked between batches)
  /// A round over every signal that improves the objective by less than this share of it ends the search.
  double tolerance = 2e-3;
  int threads = 1;                    ///< the batch's members are split among them (results do not depend on it)
  std::size_t batch = 16;             ///< candidates per simulation batch
  /// Called after every batch; returning false stops the search (`StopReason::cancelled`).
  std::function<bool(const OptimizeProgress&)> progress;

  /// Empty when the options are valid, else what is wrong with them.
  [[nodiscard]] std::string check() const;
};

/// One point of the improvement-versus-time curve: the best objective (per hour of the search horizon then
/// in use) once so many evaluations were done.
struct OptimizePoint {
  double elapsed_s = 0;
  std::size_t evaluations = 0;
  double objective = 0;
};

/// One signal of the returned plan.
struct OptimizedSignal {
  std::string node;
  double cycle_s = 0;
  double offset_s = 0;
  double max_degree_of_saturation = 0;  ///< closed form, its lane groups' largest X
  double critical_v_c = 0;              ///< closed form Xc
  /// Phases (NEMA numbers; stage k is phase k) whose split is at its Max1 plus clearances: a longer green
  /// there needs a larger Max1.
  std::vector<int> phases_at_maximum;
};

struct OptimizeSummary {
  OptimizeObjective objective = OptimizeObjective::delay;
  /// The objective's index per hour of the search's final horizon (from the best plan's warm state): the
  /// scenario's plan, Webster's (the common cycle the longest of the signals' Webster cycles, Webster
  /// splits, zero offsets) and the best found.
  double scenario_search_objective = 0;
  double webster_search_objective = 0;
  double best_search_objective = 0;
  /// Over the scenario's whole run: its own plan and the returned one, under the scenario's demand.
  Objective before;
  Objective after;
  /// The robust score (mean or percentile over the demands, as in the search) over the whole run; equal to
  /// before.index and after.index with the scenario's demand alone.
  double robust_before = 0;
  double robust_after = 0;
  std::size_t demands = 1;                 ///< demand scenarios the plan was scored over
  SimulationResult before_result;
  SimulationResult after_result;
  /// Whether every lane group of the returned plan is within `max_degree_of_saturation`.
  bool degree_of_saturation_met = true;
  double max_degree_of_saturation = 0;     ///< the returned plan's largest lane-group X: closed form or
                                           ///< measured over the whole run, whichever is larger
  bool kept_scenario_plan = false;         ///< the search found nothing better over the whole run
  /// Signals whose scenario runs another controller: they were timed, and are returned, as fixed-time
  /// plans (their "before" is the scenario's plan under fixed time too).
  std::vector<std::string> timed_as_fixed;
  std::vector<OptimizedSignal> signals;
  std::size_t evaluations = 0;
  std::size_t restarts = 0;                ///< restarts searched
  double wall_time_s = 0;
  StopReason stop_reason = StopReason::converged;
  std::vector<OptimizePoint> curve;        ///< one point per improvement, and the last
};

struct OptimizeResult {
  std::map<std::string, Timing> timing;    ///< the plan, by signalized node id (a plan file's `timing:`)
  OptimizeSummary summary;
};

/// Optimizes the plans of `scenario`'s signals. Every signal is timed, evaluated and returned as a
/// fixed-time plan (`OptimizeSummary::timed_as_fixed` names those that ran another controller). Throws `itsc::Error` (invalid_input) for invalid options or a scenario that does not compile.
[[nodiscard]] OptimizeResult optimize(const Scenario& scenario, const OptimizeOptions& options = {});

/// The summary as JSON, and as a readable report (before and after, per intersection, the search).
[[nodiscard]] std::string to_json(const OptimizeSummary& summary);
[[nodiscard]] std::string to_text(const OptimizeSummary& summary);

}  // namespace itsc

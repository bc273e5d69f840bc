#pragma once
/// @file analyze.hpp
/// Closed-form analysis of signalized intersections, as a signal engineer does it by hand (HCM 6th ed.
/// chapter 19, Webster 1958): the demand volumes of every lane group, their flow ratios y = v/s, the
/// critical path over the ring-barrier plan with Y and L, the critical v/c Xc = Y·C/(C − L), Webster's
/// cycle C0 = (1.5·L + 5)/(1 − Y), the minimum cycle for a target v/c, Webster's splits, and per lane
/// group the capacity, X, HCM's control delay d1 + d2 (pretimed: k = 0.5, I = 1, PF = 1) and LOS. No
/// simulation runs: `itsc analyze` and the optimizer's starting plan come from here.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "itsc/model.hpp"
#include "itsc/scenario.hpp"
#include "itsc/sim.hpp"
#include "itsc/timing.hpp"

namespace itsc {

/// Demand volumes of the movements of member b (veh/h, `Model::movement_*` order, divided by the peak
/// hour factor): the entry flows carried through the network by the turning proportions, in the demand
/// profile's busiest interval (the largest total entry flow).
[[nodiscard]] std::vector<double> demand_volumes(const Model& model, const BatchDemand& demand, std::size_t b = 0);

struct LaneGroupAnalysis {
  std::string id;
  double volume_veh_per_h = 0;           ///< v: demand ÷ PHF
  double saturation_flow_veh_per_h = 0;  ///< s: the model's, for the mix of its movements' volumes
  /// y = v / s; for a permitted or protected-permitted left, v over the rate its phase must serve it at
  /// (its capacity over the phase's green: the permitted part served in the gaps is not asked of it)
  double flow_ratio = 0;
  int phase = 0;                         ///< the NEMA phase it is analysed in (0: none serves it)
  bool critical = false;                 ///< its phase is on the critical path and its y is the phase's
  double effective_green_s = 0;          ///< g = split − lost time of its phase
  /// c = s · g / C; a permitted left: s_p · (g − g_q) / C + sneakers, its gaps after the opposing queue
  /// clears (HCM's permitted-left model); a protected-permitted left: both parts
  double capacity_veh_per_h = 0;
  double degree_of_saturation = 0;       ///< X = v / c
  double uniform_delay_s = 0;            ///< d1
  double incremental_delay_s = 0;        ///< d2
  double delay_s = 0;                    ///< control delay d1 + d2 (s/veh)
  char los = 'A';                        ///< F whenever X > 1
};

struct PhaseAnalysis {
  int number = 0;
  double flow_ratio = 0;        ///< the largest y of its lane groups
  double lost_time_s = 0;       ///< l1 + yellow + red clearance − e
  double min_split_s = 0;       ///< minimum green (or walk + pedestrian clearance) + yellow + red clearance
  double split_s = 0;           ///< the plan's
  bool critical = false;        ///< on the critical path
  std::optional<double> webster_split_s;  ///< Webster's split at the plan's cycle (none: the minimums do not fit)
};

struct SignalAnalysis {
  std::string node;
  double cycle_s = 0;                 ///< the plan's C
  double critical_flow_ratio_sum = 0; ///< Y
  double lost_time_s = 0;             ///< L of the critical path
  double critical_v_c = 0;            ///< Xc = Y · C / (C − L)
  /// Webster's optimum cycle C0 = (1.5 · L + 5) / (1 − Y); none when Y ≥ 1 (no cycle serves the demand)
  std::optional<double> webster_cycle_s;
  std::optional<double> minimum_cycle_s;     ///< L / (1 − Y): Xc = 1; none when Y ≥ 1
  double target_v_c = 0.95;                  ///< the target Xc of `target_cycle_s`
  std::optional<double> target_cycle_s;      ///< L · X / (X − Y): the shortest cycle with Xc ≤ X; none when Y ≥ X
  std::vector<PhaseAnalysis> phases;         ///< in the plan's order
  std::vector<LaneGroupAnalysis> lane_groups;
  double delay_s_per_veh = 0;                ///< volume-weighted control delay of its lane groups
  char los = 'A';                            ///< from that delay
};

struct AnalyzeOptions {
  double target_v_c = 0.95;  ///< Xc of `SignalAnalysis::target_cycle_s`, in (0, 1]
};

struct Analysis {
  double analysis_period_h = 0.25;     ///< T of d2
  std::vector<SignalAnalysis> signals; ///< `Model::signalized_nodes` order
};

/// Signal `signal` of `model` running `timing` (resolved: every clearance set) under the movements'
/// `movement_volume_veh_per_h` (`demand_volumes`). Throws `itsc::Error` (invalid_input) for a target v/c
/// outside (0, 1].
[[nodiscard]] SignalAnalysis analyze_signal(const Model& model, std::size_t signal, const Timing& timing,
                                            std::span<const double> movement_volume_veh_per_h,
                                            const AnalyzeOptions& options = {});

/// Every signal of `scenario` under its own plans and demand. Throws `itsc::Error` for what does not compile.
[[nodiscard]] Analysis analyze(const Scenario& scenario, const AnalyzeOptions& options = {});

/// The analysis as JSON, and as readable tables per signal.
[[nodiscard]] std::string to_json(const Analysis& analysis);
[[nodiscard]] std::string to_text(const Analysis& analysis);

}  // namespace itsc

#pragma once
/// @file hcm.hpp
/// HCM (Highway Capacity Manual, signalized intersections) and Webster formulas as pure functions.
/// Units: seconds, veh/h, hours as named. The engine and `itsc analyze` use these and nothing else.

#include <cstddef>
#include <span>
#include <vector>

namespace itsc::hcm {

/// Level of service A..F.
enum class Los { A, B, C, D, E, F };

/// Lane-group capacity c = s × g / C (veh/h), with s the saturation flow of the whole group (veh/h),
/// g the effective green and C the cycle (s).
[[nodiscard]] double capacity_veh_per_h(double saturation_flow_veh_per_h, double effective_green_s,
                                        double cycle_s) noexcept;

/// Degree of saturation X = v / c; 0 when both are 0, +infinity when only c is 0.
[[nodiscard]] double degree_of_saturation(double volume_veh_per_h, double capacity_veh_per_h) noexcept;

/// Uniform delay d1 = 0.5·C·(1 − g/C)² / (1 − min(1, X)·g/C) (s/veh).
[[nodiscard]] double uniform_delay_s(double cycle_s, double effective_green_s, double x) noexcept;

/// Incremental delay d2 = 900·T·[(X − 1) + sqrt((X − 1)² + 8·k·I·X / (c·T))] (s/veh), with T the
/// analysis period (h), c the capacity (veh/h), k = 0.5 for pretimed control, I = 1 for an isolated
/// intersection. 0 when c = 0 and X = 0.
[[nodiscard]] double incremental_delay_s(double x, double capacity_veh_per_h, double analysis_period_h,
                                         double k = 0.5, double upstream_filtering = 1.0) noexcept;

/// HCM's incremental-delay factor k for a lane group under actuated control (HCM 2000, Exhibit 16-13):
/// k_min from the unit extension (passage time) UE — 0.04 at UE ≤ 2 s, then 0.08, 0.11, 0.13, 0.15,
/// 0.19 and 0.23 at 5 s in steps of 0.5 s, linear in between and extrapolated beyond 5 s — and
/// k = (1 − 2·k_min)(X − 0.5) + k_min, kept within [k_min, 0.5]. (Pretimed or non-actuated: k = 0.5.)
[[nodiscard]] double actuated_k(double x, double unit_extension_s) noexcept;

/// The deterministic oversaturation limit of d2: 1800·T·max(0, X − 1) (s/veh).
[[nodiscard]] double deterministic_overflow_delay_s(double x, double analysis_period_h) noexcept;

/// The overflow (random) term a fluid simulation adds to its own delay:
/// d2 − 1800·T·max(0, X − 1) (s/veh), because the simulated queue already holds the deterministic part.
[[nodiscard]] double overflow_delay_s(double x, double capacity_veh_per_h, double analysis_period_h,
                                     double k = 0.5, double upstream_filtering = 1.0) noexcept;

/// Saturation flow adjustment (HCM 6th ed., Eq. 19-8): s = s0 · N · f_w · f_HVg · f_p · f_bb · f_a · f_LU ·
/// f_LT · f_RT · f_Lpb · f_Rpb. The turn and pedestrian–bicycle factors belong to the turning vehicles
/// (below); the factors of a lane group's geometry and traffic mix, each in (0, ~1.04], are these:
struct SaturationFactors {
  double lane_width = 1;        ///< f_w
  double heavy_vehicles_grade = 1;  ///< f_HVg
  double parking = 1;           ///< f_p
  double bus_blockage = 1;      ///< f_bb
  double area_type = 1;         ///< f_a
  double lane_utilization = 1;  ///< f_LU
  /// Their product: the group's saturation flow per lane is s0 times this (turns aside).
  [[nodiscard]] double product() const noexcept;
};

/// f_w (HCM 6th ed., Exhibit 19-20): 0.96 below 10 ft (3.05 m), 1.00 up to 12.9 ft (3.93 m), 1.04 above.
[[nodiscard]] double lane_width_factor(double lane_width_m) noexcept;
/// f_HVg, heavy vehicles and grade together (HCM 6th ed., Eq. 19-9 and 19-10), P_HV the heavy vehicles
/// (%) and P_g the approach grade (%, positive uphill toward the stop line):
/// (100 − 0.78·P_HV − 0.31·P_g²) / 100 uphill or level, (100 − 0.79·P_HV − 2.07·P_g) / 100 downhill;
/// P_g taken within HCM's −6 % to +10 %, the factor at least 0.05.
[[nodiscard]] double heavy_vehicle_grade_factor(double heavy_vehicle_percent, double grade_percent) noexcept;
/// f_p = (N − 0.1 − 18·N_m/3600) / N for a parking lane next to the group with N_m manoeuvres per hour
/// (0 to 180), at least 0.05.
[[nodiscard]] double parking_factor(int lanes, double parking_maneuvers_per_h) noexcept;
/// f_bb = (N − 14.4·N_B/3600) / N for N_B buses stopping per hour (0 to 250), at least 0.05.
[[nodiscard]] double bus_blockage_factor(int lanes, double buses_stopping_per_h) noexcept;
/// f_a: 0.90 in a central business district, 1.00 elsewhere.
[[nodiscard]] double area_type_factor(bool central_business_district) noexcept;

/// What a lane group serves, for the default lane utilization.
enum class GroupKind { through_or_shared, exclusive_left, exclusive_right };
/// Default f_LU (HCM 2010 Exhibit 18-30): through or shared 1.000 / 0.952 / 0.908 for 1 / 2 / 3+ lanes;
/// exclusive left 1.000 / 0.971 (2+ lanes); exclusive right 1.000 / 0.885 (2+ lanes).
[[nodiscard]] double default_lane_utilization(GroupKind kind, int lanes) noexcept;

/// Through-car equivalents of a turning vehicle: f_LT = 1/E_L for a protected left, f_RT = 1/E_R for a
/// right (HCM 6th ed., Eq. 19-10 and 19-11). A shared group serves each vehicle at its own rate, which is
/// HCM's shared-lane factor 1 / (P_T + P_L·E_L + P_R·E_R).
inline constexpr double kLeftTurnEquivalent = 1.05;
inline constexpr double kRightTurnEquivalent = 1.18;

/// Pedestrian–bicycle adjustment of turns (HCM 6th/7th ed. chapter 31, Eqs. 31-74 to 31-88): a turn
/// loses the share of its green in which pedestrians (and bicycles) occupy the conflict zone it crosses.
/// v_pedg = min(v_ped · C / g_ped, 5000) (p/h): the pedestrians of a crosswalk (v_ped, both directions, p/h)
/// crossing during their service time g_ped (walk + pedestrian clearance, s) of a cycle C (s); 0 when
/// there are none or no service time (Eq. 31-74).
[[nodiscard]] double pedestrian_flow_in_service(double pedestrians_per_h, double cycle_s, double service_s) noexcept;
/// OCC_pedg, the pedestrians' occupancy of the conflict zone during their service time: v_pedg / 2000 up to
/// 1000 p/h, else min(0.4 + v_pedg / 10000, 0.9) (Eqs. 31-75, 31-76).
[[nodiscard]] double pedestrian_occupancy(double pedestrian_flow_in_service) noexcept;
/// v_bicg = min(v_bic · C / g, 1900) (bicycles/h): the bicycles beside a right turn during its effective
/// green g (Eq. 31-77); 0 when there are none.
[[nodiscard]] double bicycle_flow_in_green(double bicycles_per_h, double cycle_s, double green_s) noexcept;
/// OCC_bicg = 0.02 + v_bicg / 2700, 0 without bicycles (Eq. 31-78).
[[nodiscard]] double bicycle_occupancy(double bicycle_flow_in_green) noexcept;
/// OCC_r of a right turn (or a left turn from a one-way street, Eq. 31-84) over its effective green g:
/// the pedestrians' (g_ped / g) · OCC_pedg — they are there during g_ped of it (at most g) — combined
/// with the bicycles' OCC_bicg as independent occupancies, a + b − a·b (Eqs. 31-79, 31-80).
[[nodiscard]] double right_turn_conflict_occupancy(double pedestrian_occupancy, double service_in_green_s,
                                                   double green_s, double bicycle_occupancy = 0) noexcept;
/// OCC_r of a permitted left turn over its permitted effective green g_p, while the opposing queue holds
/// it for the first g_q of it and the opposing flow v_o (veh/h) blocks it afterwards (Eqs. 31-85 to 31-87):
/// OCC_pedu = OCC_pedg · (1 − 0.5 · g_q / g_ped) if g_q < g_ped, else 0 (the pedestrians have cleared by the
/// time the left may go); OCC_r = (g_ped − g_q) / (g_p − g_q) · OCC_pedu · e^(−5 · v_o / 3600). g_ped is at
/// most g_p; 0 when g_q ≥ g_p.
[[nodiscard]] double permitted_left_conflict_occupancy(double pedestrian_occupancy, double service_in_green_s,
                                                       double permitted_green_s, double opposing_queue_s,
                                                       double opposing_flow_veh_per_h) noexcept;
/// A_pbT, the turn's saturation flow under that occupancy, which is f_Rpb (Eq. 31-83) or f_Lpb (Eq. 31-88):
/// 1 − OCC_r when the turn has as many receiving lanes as turning lanes, 1 − 0.6 · OCC_r when it has more
/// (turning drivers move over to another lane) (Eqs. 31-81, 31-82).
[[nodiscard]] double turn_pedestrian_bicycle_factor(double conflict_occupancy, bool more_receiving_lanes) noexcept;

/// Queue service time g_s = v · r / (s − v) (s) of a lane with random arrivals v (veh/h) and saturation
/// flow s (veh/h) after an effective red r (s): the queue of the red cleared while more arrive (HCM 7th ed.
/// Eq. 31-9 with the arrival rate in red equal to that in green). +infinity when s ≤ v; 0 without arrivals.
[[nodiscard]] double queue_service_time_s(double flow_veh_per_h, double saturation_veh_per_h, double red_s) noexcept;

/// Critical headway t_c and follow-up time t_f of a movement that crosses or joins a flow in its gaps.
struct GapHeadways {
  double critical_s;   ///< t_c: the smallest gap a driver accepts (s)
  double follow_up_s;  ///< t_f: headway between drivers using the same gap (s)
};

/// A permitted left at a signal (HCM permitted-left saturation flow).
inline constexpr GapHeadways kPermittedLeftHeadways{4.5, 2.5};
/// Base values of the HCM two-way stop-control model (HCM 2010 Exhibit 19-10, two-lane major street):
/// left turn from the major street, right, through and left turn from the minor street. A right turn
/// on red is a stop-controlled right turn and uses `kMinorRightHeadways`.
inline constexpr GapHeadways kMajorLeftHeadways{4.1, 2.2};
inline constexpr GapHeadways kMinorRightHeadways{6.2, 3.3};
inline constexpr GapHeadways kMinorThroughHeadways{6.5, 4.0};
inline constexpr GapHeadways kMinorLeftHeadways{7.1, 3.5};

/// Gap-acceptance capacity of one lane against a conflicting flow v (veh/h), HCM's potential capacity
/// c = v·e^(−v·t_c/3600) / (1 − e^(−v·t_f/3600)) (veh/h); the permitted-left saturation flow s_p is the
/// same formula. Tends to 3600/t_f as v → 0 (returned for v ≤ 0).
[[nodiscard]] double gap_capacity_veh_per_h(double conflicting_flow_veh_per_h, GapHeadways headways) noexcept;

/// HCM two-way stop-control delay of a movement that gives way (HCM 2010 Eq. 19-64):
/// d = 3600/c + 900·T·[(X − 1) + sqrt((X − 1)² + (3600/c)·X / (450·T))] + 5 (s/veh), c its capacity
/// (veh/h), T the analysis period (h); the 5 s are the deceleration to and acceleration from the stop.
/// +infinity when c = 0.
[[nodiscard]] double stop_control_delay_s(double x, double capacity_veh_per_h, double analysis_period_h) noexcept;

/// The part of `stop_control_delay_s` a fluid simulation adds to its own delay: all of it but the
/// deterministic oversaturation limit 1800·T·max(0, X − 1), which the simulated queue holds (s/veh).
[[nodiscard]] double stop_control_overflow_delay_s(double x, double capacity_veh_per_h,
                                                   double analysis_period_h) noexcept;

/// LOS of a movement at a two-way stop from its control delay: A ≤ 10, B ≤ 15, C ≤ 25, D ≤ 35, E ≤ 50,
/// F > 50 s/veh; F whenever X > 1 (HCM defines no LOS for the whole intersection).
[[nodiscard]] Los stop_control_los(double control_delay_s, double x) noexcept;

/// LOS from control delay: A ≤ 10, B ≤ 20, C ≤ 35, D ≤ 55, E ≤ 80, F > 80 s/veh.
[[nodiscard]] Los los_from_delay(double control_delay_s) noexcept;
/// Lane-group LOS: F whenever X > 1, otherwise by delay.
[[nodiscard]] Los los(double control_delay_s, double x) noexcept;
/// Urban street segment and facility LOS of the motorized vehicle mode (HCM 6th ed. Exhibit 18-1; chapter
/// 16 grades a facility by the same thresholds) from the through vehicles' travel speed as a share of the
/// base free-flow speed: A > 0.80,
/// B > 0.67, C > 0.50, D > 0.40, E > 0.30, F ≤ 0.30; F whenever the critical v/c (the largest
/// through-movement v/c at the segments' downstream boundary intersections) exceeds 1.0.
[[nodiscard]] Los urban_street_los(double speed_share, double critical_v_c) noexcept;
/// "A".."F".
[[nodiscard]] char to_char(Los los) noexcept;

/// Webster's optimum cycle C0 = (1.5·L + 5) / (1 − Y) (s), L the total lost time per cycle (s), Y the
/// sum of critical flow ratios. Throws `itsc::Error` (invalid_input) when Y ≥ 1 or L < 0.
[[nodiscard]] double webster_cycle_s(double lost_time_s, double critical_flow_ratio_sum);

/// Webster's effective greens g_i = (C − L)·y_i / Y (s) for the critical flow ratios y_i.
/// Throws `itsc::Error` (invalid_input) when C ≤ L or a ratio is negative or all are zero.
[[nodiscard]] std::vector<double> webster_effective_greens_s(double cycle_s, double lost_time_s,
                                                             std::span<const double> critical_flow_ratios);

/// What one stage (or phase sequence) needs from the cycle.
struct StageDemand {
  double flow_ratio = 0;   ///< critical v/s of the stage
  double min_green_s = 0;  ///< vehicle or pedestrian minimum green
  double clearance_s = 0;  ///< yellow + red clearance (taken as the stage's lost time)
};

/// Webster's split rule under minimum greens: the cycle less the clearances is shared in proportion
/// to the critical flow ratios (equally when all are zero); a stage the rule would give less than its
/// minimum is held there and the rest shared again. Greens are whole tenths of a second and, with the
/// clearances, add up to the cycle exactly. Without binding minimums this is
/// `webster_effective_greens_s` rounded to tenths. Throws `itsc::Error` (invalid_input) when the
/// minimums and clearances do not fit in the cycle or there is no stage.
[[nodiscard]] std::vector<double> webster_greens_s(double cycle_s, std::span<const StageDemand> stages);

/// The phases of a signal in NEMA ring-barrier order: rings[r][b] lists the phases (indices into the
/// caller's per-phase arrays) of ring r between barrier b and b + 1, in their order. A stage plan is
/// one ring with one barrier group.
using RingBarrier = std::vector<std::vector<std::vector<std::size_t>>>;

/// The critical path of a ring-barrier signal (HCM 6th ed., section 19-4 "critical path"): in each
/// barrier group, the ring whose phases have the largest Σ of flow ratios (the larger Σ of lost times
/// on a tie). Its phases, Y = Σ of their flow ratios and L = Σ of their lost times.
struct CriticalPath {
  std::vector<std::size_t> phases;  ///< the critical phases, barrier group by barrier group
  double flow_ratio_sum = 0;        ///< Y
  double lost_time_s = 0;           ///< L
};
/// The critical path through `rings` for the phases' flow ratios y_i (their critical lane groups' v/s)
/// and lost times l_i (s). Indices outside the arrays are skipped.
[[nodiscard]] CriticalPath critical_path(const RingBarrier& rings, std::span<const double> flow_ratio,
                                         std::span<const double> lost_time_s);

/// HCM's critical v/c ratio Xc = Y · C / (C − L) (HCM 6th ed., Eq. 19-30); Y when C ≤ L.
[[nodiscard]] double critical_v_c(double critical_flow_ratio_sum, double cycle_s, double lost_time_s) noexcept;

/// The shortest cycle at which the critical v/c is at most `target_x`: C = L · X / (X − Y) (s), Eq. 19-30
/// solved for C (`target_x` = 1: the minimum cycle L / (1 − Y)). +infinity when Y ≥ X.
[[nodiscard]] double cycle_for_critical_v_c_s(double lost_time_s, double critical_flow_ratio_sum,
                                              double target_x) noexcept;

/// What one phase needs from the cycle, for the split rule of a ring-barrier plan.
struct PhaseDemand {
  double flow_ratio = 0;     ///< critical v/s of the phase
  double lost_time_s = 0;    ///< the split less its effective green
  double min_split_s = 0;    ///< the shortest split it may have (min green or pedestrian times + clearance)
};

/// Webster's split rule over a ring-barrier plan: the cycle less the critical path's lost time is shared
/// among the barrier groups in proportion to their critical rings' Σ y, and each group's time among the
/// phases of each ring in proportion to their y (equally where all y are zero); a group or phase the
/// rule would give less than its minimum is held there and the rest shared again. Splits are whole
/// tenths of a second; every ring reaches each barrier at the same time and the splits add up to the
/// cycle exactly. Throws `itsc::Error` (invalid_input) when the minimums do not fit in the cycle.
[[nodiscard]] std::vector<double> ring_barrier_splits_s(double cycle_s, const RingBarrier& rings,
                                                        std::span<const PhaseDemand> phases);

}  // namespace itsc::hcm

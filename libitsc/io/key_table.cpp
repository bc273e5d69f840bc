#include "io/key_table.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "itsc/units.hpp"

namespace itsc::detail {

namespace {

constexpr double kFoot = kMetresPerFoot;
constexpr double kMile = kKmPerMile;
constexpr bool kRequired = true;
constexpr bool kOptional = false;
using enum KeyType;

constexpr std::array kTopKeys{
    KeySpec{"schema_version", integer, "", "", "", 0, kRequired, "Version of this format; this build reads 1 (informational: no traffic effect)."},
    KeySpec{"name", string, "", "\"\"", "", 0, kOptional, "Free-text name of the scenario."},
    KeySpec{"simulation", map, "", "all defaults", "", 0, kOptional, "Simulation settings (section `simulation`)."},
    KeySpec{"nodes", list, "", "", "", 0, kRequired, "Intersections and boundary nodes (section `nodes[]`)."},
    KeySpec{"links", list, "", "", "", 0, kRequired, "Directed road sections (section `links[]`)."},
    KeySpec{"detectors", list, "", "none", "", 0, kOptional, "Vehicle detectors (section `detectors[]`)."},
    KeySpec{"demand", map, "", "no demand", "", 0, kOptional, "Entry flows, turns, pedestrians (section `demand`)."},
    KeySpec{"demand_scenarios", map, "", "none", "", 0, kOptional, "Further demands by name, each with the keys of section `demand`: `itsc optimize` scores plans under them beside `demand` (robust optimization); a run uses `demand` only."},
    KeySpec{"timing", map, "", "none", "", 0, kOptional, "Signal timing per signalized node id (section `timing.<node>`)."},
    KeySpec{"patterns", map, "", "none", "", 0, kOptional, "Time-of-day patterns by name (section `patterns.<name>`)."},
    KeySpec{"schedule", list, "", "none", "", 0, kOptional, "Pattern switches by clock time (section `schedule[]`)."},
    KeySpec{"sumo", map, "", "none", "", 0, kOptional, "What the SUMO import keeps for the export (section `sumo`)."},
    KeySpec{"utdf", map, "", "none", "", 0, kOptional, "What the UTDF (Synchro) import keeps for the export (section `utdf`); present: the scenario came from UTDF."},
};

constexpr std::array kSimulationKeys{
    KeySpec{"dt_s", number, "s", "1", "", 0, kOptional, "Simulation step; a positive multiple of 0.1 s."},
    KeySpec{"duration_s", number, "s", "demand profile length", "", 0, kOptional, "Length of the run."},
    KeySpec{"warmup_s", number, "s", "900", "", 0, kOptional, "Metrics start after this time."},
    KeySpec{"analysis_period_h", number, "h", "0.25", "", 0, kOptional, "Analysis period T of the HCM delay formulas."},
    KeySpec{"start_time", clock_time, "HH:MM[:SS]", "\"00:00\"", "", 0, kOptional, "Clock time of t = 0 (demand intervals, SPaT time marks)."},
    KeySpec{"sneakers_per_cycle", number, "veh/lane", "2", "", 0, kOptional, "Permitted lefts that clear at the end of each permitted green, per lane carrying them."},
    KeySpec{"startup_lost_time_s", number, "s", "2", "", 0, kOptional, "Start-up lost time l1: effective green starts this long after the green onset."},
    KeySpec{"usable_yellow_s", number, "s", "2", "", 0, kOptional, "Extension of effective green e: effective green ends this long after the yellow onset."},
    KeySpec{"detector_arrivals", choice, "", "random", "", 0, kOptional, "How detectors see the traffic: `random`, free-flowing vehicles at HCM's bunched-exponential headways and queues discharging at even ones; `uniform`, every vehicle at even headways.", "random, uniform"},
    KeySpec{"seed", integer, "", "1", "", 0, kOptional, "Seed of the random detector arrivals: the same seed gives the same run."},
};

constexpr std::array kNodeKeys{
    KeySpec{"id", string, "", "", "", 0, kRequired, "Unique node id."},
    KeySpec{"control", choice, "", "uncontrolled", "", 0, kOptional, "How the node controls traffic (`all_way_stop` is rejected until modelled).",
            "signalized, uncontrolled, two_way_stop, all_way_stop, boundary"},
    KeySpec{"x_m", number, "m", "none", "x_ft", kFoot, kOptional, "East coordinate in a local metric frame."},
    KeySpec{"y_m", number, "m", "none", "y_ft", kFoot, kOptional, "North coordinate."},
    KeySpec{"legs", list, "", "none", "", 0, kOptional, "Arms of the intersection (section `nodes[].legs[]`)."},
    KeySpec{"movements", list, "", "none", "", 0, kOptional, "Turning movements (section `nodes[].movements[]`)."},
    KeySpec{"lane_groups", list, "", "none", "", 0, kOptional, "Lane groups per approach (section `nodes[].lane_groups[]`)."},
    KeySpec{"major_links", id_list, "", "none", "", 0, kOptional, "Two-way stop: links of the major street; movements arriving on them do not stop (required there)."},
    KeySpec{"area_type", choice, "", "other", "", 0, kOptional, "`cbd` for a central business district: saturation flow × 0.90 (HCM f_a).", "other, cbd"},
};

constexpr std::array kLegKeys{
    KeySpec{"id", string, "", "", "", 0, kRequired, "Leg id, unique within the node; also names its crosswalk."},
    KeySpec{"in", string, "", "none", "", 0, kOptional, "Link arriving at the node from this side."},
    KeySpec{"out", string, "", "none", "", 0, kOptional, "Link leaving the node to this side."},
    KeySpec{"bearing_deg", number, "deg", "from coordinates", "", 0, kOptional, "Compass direction from the node out along the leg."},
    KeySpec{"crosswalk_length_m", number, "m", "no crosswalk", "crosswalk_length_ft", kFoot, kOptional, "Length of the pedestrian crossing across this leg."},
    KeySpec{"grade_percent", number, "%", "0", "", 0, kOptional, "Approach grade, positive uphill toward the node (yellow interval; with the heavy vehicles HCM's f_HVg)."},
    KeySpec{"approach_speed_kmh", number, "km/h", "in-link speed", "approach_speed_mph", kMile, kOptional, "Approach speed (clearance intervals)."},
    KeySpec{"width_m", number, "m", "none", "width_ft", kFoot, kOptional, "Intersection width crossed by vehicles from this leg."},
};

constexpr std::array kMovementKeys{
    KeySpec{"id", string, "", "", "", 0, kRequired, "Movement id, unique within the node (e.g. NBL)."},
    KeySpec{"from", string, "", "", "", 0, kRequired, "Arriving link."},
    KeySpec{"to", string, "", "", "", 0, kRequired, "Leaving link."},
    KeySpec{"turn", choice, "", "", "", 0, kRequired, "Turn type, checked against the bearings.", "left, through, right, u_turn"},
    KeySpec{"saturation_flow_veh_per_h_per_lane", number, "veh/h/lane", "the link's", "", 0, kOptional, "Saturation flow override."},
    KeySpec{"right_turn_on_red", boolean, "", "false", "", 0, kOptional, "A right turn that may go on red, yielding to the through flow it joins."},
    KeySpec{"closed", boolean, "", "false", "", 0, kOptional, "Closed to traffic: no phase serves it and no turning data may send vehicles into it."},
};

constexpr std::array kLaneGroupKeys{
    KeySpec{"id", string, "", "", "", 0, kRequired, "Lane group id, unique within the node."},
    KeySpec{"link", string, "", "", "", 0, kRequired, "The arriving link (the approach)."},
    KeySpec{"movements", id_list, "", "", "", 0, kRequired, "Movement ids it serves (one: exclusive; several: shared)."},
    KeySpec{"lanes", integer, "lanes", "1", "", 0, kOptional, "Number of lanes."},
    KeySpec{"bay_length_m", number, "m", "0 (no bay)", "bay_length_ft", kFoot, kOptional, "Turn bay storage ahead of the link's full lanes."},
    KeySpec{"lane_width_m", number, "m", "3.6", "lane_width_ft", kFoot, kOptional, "Average lane width (HCM f_w: 0.96 below 10 ft, 1.04 above 12.9 ft)."},
    KeySpec{"parking_maneuvers_per_h", number, "1/h", "none (no parking lane)", "", 0, kOptional, "A parking lane next to the group: manoeuvres per hour, 0 to 180 (HCM f_p)."},
    KeySpec{"buses_stopping_per_h", number, "bus/h", "0", "", 0, kOptional, "Local buses stopping within 75 m (250 ft) of the stop line, 0 to 250 (HCM f_bb)."},
    KeySpec{"lane_utilization_factor", number, "", "HCM's by lanes", "", 0, kOptional, "f_LU in (0, 1]; default 1 / 0.952 / 0.908 for 1 / 2 / 3+ through or shared lanes, 0.971 for 2+ exclusive left lanes, 0.885 for 2+ exclusive right lanes."},
};

constexpr std::array kLinkKeys{
    KeySpec{"id", string, "", "", "", 0, kRequired, "Unique link id."},
    KeySpec{"from", string, "", "", "", 0, kRequired, "Upstream node id."},
    KeySpec{"to", string, "", "", "", 0, kRequired, "Downstream node id."},
    KeySpec{"length_m", number, "m", "", "length_ft", kFoot, kRequired, "Length."},
    KeySpec{"lanes", integer, "lanes", "1", "", 0, kOptional, "Number of lanes."},
    KeySpec{"speed_kmh", number, "km/h", "50", "speed_mph", kMile, kOptional, "Free-flow speed."},
    KeySpec{"saturation_flow_veh_per_h_per_lane", number, "veh/h/lane", "1900", "", 0, kOptional, "Base saturation flow (HCM: 1900 pc/h/lane)."},
    KeySpec{"jam_spacing_m", number, "m", "7.5", "jam_spacing_ft", kFoot, kOptional, "Front-to-front spacing in a standing queue."},
};

constexpr std::array kDetectorKeys{
    KeySpec{"id", string, "", "", "", 0, kRequired, "Unique detector id."},
    KeySpec{"link", string, "", "", "", 0, kRequired, "Link it lies on."},
    KeySpec{"lanes", integer_list, "", "all lanes", "", 0, kOptional, "Lane numbers, 1-based from the median across the cross-section at the detector: within a turn bay's length the bay's lanes count too, left-turn bays on the median side (docs/model.md, \"Detectors\")."},
    KeySpec{"setback_m", number, "m", "0", "setback_ft", kFoot, kOptional, "Stop bar to the detector's downstream edge."},
    KeySpec{"length_m", number, "m", "1.8", "length_ft", kFoot, kOptional, "Detection zone length."},
    KeySpec{"calls", integer_list, "", "none", "", 0, kOptional, "Phases (stages) it calls, of the signal its link leads to."},
    KeySpec{"extends", integer_list, "", "none", "", 0, kOptional, "Phases (stages) it extends, of the signal its link leads to."},
    KeySpec{"delay_s", number, "s", "0", "", 0, kOptional, "Call delay."},
    KeySpec{"extend_s", number, "s", "0", "", 0, kOptional, "Call extension (carry-over)."},
};

constexpr std::array kDemandKeys{
    KeySpec{"interval_s", number, "s", "3600", "", 0, kOptional, "Length of each profile interval."},
    KeySpec{"peak_hour_factor", number, "", "none", "", 0, kOptional, "PHF in (0, 1]; only with a one-interval profile (see the PHF rule)."},
    KeySpec{"normalize_turns", boolean, "", "false", "", 0, kOptional, "Rescale turning proportions whose sum is off instead of rejecting them."},
    KeySpec{"balance", choice, "", "entries", "", 0, kOptional, "Where an entry link's turning counts do not add up to its entry flow: which wins (the counts are scaled, or replace the entry flow), or an error. Reported either way; counts alone give the entry flow.",
            "entries, counts, error"},
    KeySpec{"unit", choice, "", "veh_per_h", "", 0, kOptional, "How entry flows and turning counts are given: hourly rates, or vehicles counted in each interval_s (raw counts).",
            "veh_per_h, veh_per_interval"},
    KeySpec{"entries", list, "", "none", "", 0, kOptional, "Entry flows at boundary links (section `demand.entries[]`)."},
    KeySpec{"sources", list, "", "none", "", 0, kOptional, "Trips that start on links inside the network (section `demand.sources[]`)."},
    KeySpec{"sinks", list, "", "none", "", 0, kOptional, "Trips that end on links inside the network (section `demand.sinks[]`)."},
    KeySpec{"turns", list, "", "none", "", 0, kOptional, "Turning counts or proportions (section `demand.turns[]`)."},
    KeySpec{"pedestrians", list, "", "none", "", 0, kOptional, "Pedestrian flows (section `demand.pedestrians[]`)."},
};

constexpr std::array kEntryKeys{
    KeySpec{"link", string, "", "", "", 0, kRequired, "Entry link (its upstream node is a boundary node)."},
    KeySpec{"flow_veh_per_h", number_or_list, "veh/h", "", "", 0, kRequired, "Flow; a list gives one value per interval."},
    KeySpec{"heavy_vehicle_percent", number, "%", "0", "", 0, kOptional, "Share of heavy vehicles; carried downstream in the turning proportions (with the grade HCM's f_HVg)."},
};

constexpr std::array kSourceKeys{
    KeySpec{"link", string, "", "", "", 0, kRequired, "A link whose upstream node is not a boundary node."},
    KeySpec{"flow_veh_per_h", number_or_list, "veh/h", "", "", 0, kRequired, "Trips starting on it; a list gives one value per interval."},
    KeySpec{"heavy_vehicle_percent", number, "%", "0", "", 0, kOptional, "Share of heavy vehicles among them."},
};

constexpr std::array kSinkKeys{
    KeySpec{"link", string, "", "", "", 0, kRequired, "A link whose downstream node is not a boundary node."},
    KeySpec{"share", number_or_list, "", "", "", 0, kRequired, "Share (0 to 1) of the vehicles reaching its end whose trips end there; a list gives one value per interval."},
    KeySpec{"at_stop_line", boolean, "", "false", "", 0, kOptional, "The trips end at the stop line itself (SUMO's default arrival at the end of the edge): their vehicles queue with the movements and leave as they cross it, instead of ahead of the queue."},
};

constexpr std::array kTurnKeys{
    KeySpec{"node", string, "", "", "", 0, kRequired, "Node id."},
    KeySpec{"link", string, "", "", "", 0, kRequired, "Arriving link (the approach)."},
    KeySpec{"counts", map, "veh/h", "none (give this or `proportions`)", "", 0, kOptional, "Movement id to count (number or profile list); give this or `proportions`."},
    KeySpec{"proportions", map, "", "none (give this or `counts`)", "", 0, kOptional, "Movement id to share (number or profile list), summing to 1; give this or `counts`."},
};

constexpr std::array kPedestrianKeys{
    KeySpec{"node", string, "", "", "", 0, kRequired, "Node id."},
    KeySpec{"leg", string, "", "", "", 0, kRequired, "Leg id whose crosswalk is crossed."},
    KeySpec{"flow_ped_per_h", number, "ped/h", "", "", 0, kRequired, "Pedestrian flow."},
    KeySpec{"flow_bic_per_h", number, "bicycles/h", "0", "", 0, kOptional, "Bicycles going straight beside the right turns that cross this crosswalk: they share its conflict zone (HCM f_Rpb)."},
};

constexpr std::array kTimingKeys{
    KeySpec{"cycle_s", number, "s", "", "", 0, kRequired, "Cycle length."},
    KeySpec{"offset_s", number, "s", "0", "", 0, kOptional, "Offset from system time zero to the reference point."},
    KeySpec{"offset_reference", choice, "", "green_start", "", 0, kOptional, "Which point `offset_s` refers to (see offset conventions).",
            "green_start, yield, cycle_start"},
    KeySpec{"controller", string, "", "fixed", "", 0, kOptional, "Controller: fixed, actuated, max-pressure, max-pressure-cycle (docs/signals.md)."},
    KeySpec{"sequence", map, "", "", "", 0, kRequired, "`stages:` or the ring form (section `timing.<node>.sequence`)."},
    KeySpec{"max_pressure", map, "", "all defaults", "", 0, kOptional, "Max-pressure parameters (section `timing.<node>.max_pressure`)."},
};

constexpr std::array kMaxPressureKeys{
    KeySpec{"decision_interval_s", number, "s", "5", "", 0, kOptional, "Acyclic mode: pressures are compared at min green, then this often."},
    KeySpec{"normalization", choice, "", "none", "", 0, kOptional, "Divide vehicles by the storage of their link (`storage`) or not.", "none, storage"},
    KeySpec{"min_green_s", number, "s", "5", "", 0, kOptional, "Minimum green of stages and of phases without `min_green_s`."},
    KeySpec{"max_green_s", number, "s", "none", "", 0, kOptional, "Cycle-based mode: maximum green of stages and of phases without `max1_s`."},
};

constexpr std::array kSequenceKeys{
    KeySpec{"stages", list, "", "none (give this or `rings`)", "", 0, kOptional, "Stage form: ordered stages (section `...sequence.stages[]`)."},
    KeySpec{"rings", rings, "", "none (give this or `stages`)", "", 0, kOptional, "Ring form: ring -> barrier groups -> phase numbers in order."},
    KeySpec{"phases", list, "", "none (required with `rings`)", "", 0, kOptional, "Ring form: NEMA phases (section `...sequence.phases[]`)."},
    KeySpec{"coordinated_phases", integer_list, "", "none", "", 0, kOptional, "Ring form: coordinated phases (offset reference)."},
    KeySpec{"force_off", choice, "", "fixed", "", 0, kOptional, "Ring form: force-off mode.", "fixed, floating"},
    KeySpec{"overlaps", list, "", "none", "", 0, kOptional, "Ring form: overlaps (section `...sequence.overlaps[]`)."},
};

constexpr std::array kStageKeys{
    KeySpec{"protected", id_list, "", "none", "", 0, kOptional, "Movement ids with right of way."},
    KeySpec{"permitted", id_list, "", "none", "", 0, kOptional, "Movement ids that yield (permitted lefts)."},
    KeySpec{"crosswalks", id_list, "", "none", "", 0, kOptional, "Leg ids whose crosswalk shows walk."},
    KeySpec{"green_s", number, "s", "", "", 0, kRequired, "Green time."},
    KeySpec{"yellow_s", number, "s", "", "", 0, kRequired, "Yellow change interval."},
    KeySpec{"red_clearance_s", number, "s", "0", "", 0, kOptional, "Red clearance interval."},
};

constexpr std::array kPhaseKeys{
    KeySpec{"phase", integer, "", "", "", 0, kRequired, "NEMA phase number (1-16) (informational: names the phase)."},
    KeySpec{"protected", id_list, "", "none", "", 0, kOptional, "Movement ids with right of way."},
    KeySpec{"permitted", id_list, "", "none", "", 0, kOptional, "Movement ids that yield."},
    KeySpec{"crosswalks", id_list, "", "none", "", 0, kOptional, "Leg ids whose crosswalk shows walk."},
    KeySpec{"split_s", number, "s", "", "", 0, kRequired, "Split: green + yellow + red clearance."},
    KeySpec{"min_green_s", number, "s", "none", "", 0, kOptional, "Minimum green (the split must hold it with yellow and red clearance)."},
    KeySpec{"max1_s", number, "s", "none", "", 0, kOptional, "Maximum green 1."},
    KeySpec{"max2_s", number, "s", "none", "", 0, kOptional, "Maximum green 2 (informational in a scenario run, which times Max1: in force when a controller is told to select Max2)."},
    KeySpec{"passage_s", number, "s", "none", "", 0, kOptional, "Passage (vehicle extension) time."},
    KeySpec{"yellow_s", number, "s", "ITE t + v/(2a + 2gG)", "", 0, kOptional, "Yellow change interval (default: docs/signals.md)."},
    KeySpec{"red_clearance_s", number, "s", "ITE (W + L)/v", "", 0, kOptional, "Red clearance interval (default: docs/signals.md)."},
    KeySpec{"walk_s", number, "s", "7 (MUTCD)", "", 0, kOptional, "Walk interval; longer where a long crossing needs it."},
    KeySpec{"pedestrian_clearance_s", number, "s", "crossing / 1.07 m/s", "", 0, kOptional, "Pedestrian clearance (flashing don't walk)."},
    KeySpec{"recall", choice, "", "none", "", 0, kOptional, "Recall mode.", "none, min, max, pedestrian, soft"},
    KeySpec{"dual_entry", boolean, "", "false", "", 0, kOptional, "Dual entry."},
    KeySpec{"simultaneous_gap_out", boolean, "", "false", "", 0, kOptional, "Actuated: gap out at a barrier only together with the other rings."},
    KeySpec{"rest_in_walk", boolean, "", "false", "", 0, kOptional, "Rest in walk: actuated, walk held while no conflicting call."},
    KeySpec{"added_initial_s", number, "s", "none", "", 0, kOptional, "Volume-density: added initial per actuation."},
    KeySpec{"time_before_reduction_s", number, "s", "none", "", 0, kOptional, "Volume-density: time before gap reduction."},
    KeySpec{"time_to_reduce_s", number, "s", "none", "", 0, kOptional, "Volume-density: time to reduce the gap."},
    KeySpec{"minimum_gap_s", number, "s", "none", "", 0, kOptional, "Volume-density: minimum gap."},
};

constexpr std::array kOverlapKeys{
    KeySpec{"id", string, "", "", "", 0, kRequired, "Overlap letter A-P."},
    KeySpec{"parents", integer_list, "", "", "", 0, kRequired, "Parent phase numbers."},
    KeySpec{"protected", id_list, "", "none", "", 0, kOptional, "Movement ids with right of way."},
    KeySpec{"permitted", id_list, "", "none", "", 0, kOptional, "Movement ids that yield."},
    KeySpec{"crosswalks", id_list, "", "none", "", 0, kOptional, "Not supported (pedestrian overlaps): rejected; give crosswalks to the parent phases."},
};

constexpr std::array kPatternKeys{
    KeySpec{"timing", map, "", "", "", 0, kRequired, "Timing per signalized node id, as in a scenario's `timing`; nodes left out keep their plan."},
};

constexpr std::array kScheduleKeys{
    KeySpec{"at", clock_time, "HH:MM[:SS]", "", "", 0, kRequired, "Clock time of the switch (before `start_time`: the next day)."},
    KeySpec{"pattern", string, "", "", "", 0, kRequired, "Name of the pattern switched to (a key of `patterns`)."},
    KeySpec{"transition", choice, "", "shortway", "", 0, kOptional, "How the new offset is reached (docs/signals.md).", "shortway, add_only, dwell"},
};

constexpr std::array kSumoKeys{
    KeySpec{"begin_s", number, "s", "0", "", 0, kOptional, "SUMO time of t = 0 (the import's --begin; the export adds it back) (informational: no traffic effect)."},
    KeySpec{"signals", list, "", "none", "", 0, kOptional, "SUMO traffic lights of signalized nodes (section `sumo.signals[]`)."},
};

constexpr std::array kSumoSignalKeys{
    KeySpec{"node", string, "", "", "", 0, kRequired, "Signalized node id."},
    KeySpec{"tls", string, "", "", "", 0, kRequired, "SUMO traffic light (`tlLogic`) id."},
    KeySpec{"link_count", integer, "", "", "", 0, kRequired, "Length of its programs' state strings (informational: the SUMO export's)."},
    KeySpec{"link_indices", map, "", "none", "", 0, kOptional, "Movement id to the SUMO `linkIndex` list of its connections."},
    KeySpec{"foes", map, "", "none", "", 0, kOptional, "Movement id to the movements SUMO's junction logic makes it a foe of (`<request foes>`): validation checks plans only against the conflicts of the legs' bearings that SUMO confirms. Absent: the bearings alone decide."},
};

constexpr std::array kUtdfKeys{
    KeySpec{"metric", boolean, "", "false", "", 0, kOptional, "The UTDF file's units: metres and km/h (`true`) or feet and mph (informational: values are converted on import; the export writes these units)."},
    KeySpec{"signals", list, "", "none", "", 0, kOptional, "Synchro settings of signalized nodes (section `utdf.signals[]`)."},
};

constexpr std::array kUtdfSignalKeys{
    KeySpec{"node", string, "", "", "", 0, kRequired, "Signalized node id (its UTDF INTID)."},
    KeySpec{"referenced_to", integer, "", "3", "", 0, kOptional, "Synchro's offset reference code, 0 begin of green, 1 begin of yellow, 2 begin of red, 3 TS2 first green, 4 170 style (informational: the offset in `timing` is already converted; the export writes it in this convention)."},
    KeySpec{"control_type", integer, "", "0", "", 0, kOptional, "Synchro's Control Type code, 0 pretimed, 1 semi-actuated, 2 actuated, 3 actuated-coordinated (informational: written back by the export; `timing.controller` runs)."},
};

constexpr std::array kPlanKeys{
    KeySpec{"schema_version", integer, "", "", "", 0, kRequired, "Version of this format; this build reads 1 (informational: no traffic effect)."},
    KeySpec{"timing", map, "", "", "", 0, kRequired, "Timing per signalized node id, as in a scenario's `timing`."},
};

}  // namespace

namespace sections {
const Section top{"(top level)", "The keys of a scenario file.", kTopKeys};
const Section simulation{"simulation", "Simulation settings; command-line options override them.", kSimulationKeys};
const Section node{"nodes[]", "A node: intersection or boundary.", kNodeKeys};
const Section leg{"nodes[].legs[]", "One arm of an intersection.", kLegKeys};
const Section movement{"nodes[].movements[]", "A turning movement from an arriving to a leaving link.", kMovementKeys};
const Section lane_group{"nodes[].lane_groups[]", "Lanes of one approach serving a set of movements.", kLaneGroupKeys};
const Section link{"links[]", "A directed road section between two nodes.", kLinkKeys};
const Section detector{"detectors[]", "A vehicle detector (NTCIP 1202 terms).", kDetectorKeys};
const Section demand{"demand", "All demand of the scenario.", kDemandKeys};
const Section entry{"demand.entries[]", "Flow entering on a boundary link.", kEntryKeys};
const Section source{"demand.sources[]",
                     "Trips that start on a link inside the network (parking, driveways, side streets not modelled): "
                     "they wait for room and join its traffic at its upstream end.",
                     kSourceKeys};
const Section sink{"demand.sinks[]",
                   "Trips that end on a link inside the network: that share of its vehicles leaves as it reaches the "
                   "end of the link, ahead of the queue at its stop line (or at the stop line); the others turn by "
                   "the approach's turning data.",
                   kSinkKeys};
const Section turns{"demand.turns[]", "Turning counts (preferred) or proportions of one approach.", kTurnKeys};
const Section pedestrians{"demand.pedestrians[]",
                          "Pedestrians crossing one crosswalk (both directions): they call the phases serving it "
                          "under actuated control and lower the saturation flow of the turns across it (HCM f_Rpb, "
                          "f_Lpb; docs/model.md, \"Saturation flow\"), with the bicycles beside them.",
                          kPedestrianKeys};
const Section timing{"timing.<node>", "Timing of one signalized node.", kTimingKeys};
const Section max_pressure{"timing.<node>.max_pressure", "Parameters of the max-pressure controllers.", kMaxPressureKeys};
const Section sequence{"timing.<node>.sequence", "Exactly one form: `stages`, or `rings` with `phases`.", kSequenceKeys};
const Section stage{"timing.<node>.sequence.stages[]", "A stage: green, then yellow, then red clearance.", kStageKeys};
const Section phase{"timing.<node>.sequence.phases[]", "A NEMA phase with its NTCIP 1202 parameters.", kPhaseKeys};
const Section overlap{"timing.<node>.sequence.overlaps[]", "An overlap: green while a parent phase is green.", kOverlapKeys};
const Section pattern{"patterns.<name>", "A time-of-day pattern: a plan file's `timing` map.", kPatternKeys};
const Section schedule{"schedule[]", "A switch to another pattern; transitions in docs/signals.md.", kScheduleKeys};
const Section sumo{"sumo", "Kept by the SUMO import (`itsc convert sumo`) for the export; SUMO's ids are the scenario's ids.", kSumoKeys};
const Section sumo_signal{"sumo.signals[]", "The SUMO traffic light of one signalized node.", kSumoSignalKeys};
const Section utdf{"utdf", "Kept by the UTDF import (`itsc convert utdf`) for the export; UTDF's INTIDs and movement columns are the scenario's ids.", kUtdfKeys};
const Section utdf_signal{"utdf.signals[]", "The Synchro settings of one signalized node.", kUtdfSignalKeys};
const Section plan{"(plan file)", "The keys of a plan file.", kPlanKeys};
}  // namespace sections

namespace {
constexpr std::array<const Section*, 27> kAllSections{
    &sections::top,        &sections::simulation, &sections::node,     &sections::leg,
    &sections::movement,   &sections::lane_group, &sections::link,     &sections::detector,
    &sections::demand,     &sections::entry,      &sections::source,   &sections::sink,
    &sections::turns,      &sections::pedestrians,
    &sections::timing,     &sections::max_pressure, &sections::sequence,   &sections::stage,    &sections::phase,
    &sections::overlap,    &sections::pattern,    &sections::schedule, &sections::sumo,       &sections::sumo_signal,
    &sections::utdf,       &sections::utdf_signal, &sections::plan};

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// neighbours ("mhp" for "mph") each count one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t width = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * width);
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * width + j]; };
  for (std::size_t i = 0; i <= a.size(); ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= b.size(); ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(a.size(), b.size());
}

std::string_view type_text(KeyType type) {
  switch (type) {
    case integer: return "integer";
    case number: return "number";
    case string: return "string";
    case boolean: return "true/false";
    case choice: return "word";
    case clock_time: return "clock time";
    case number_or_list: return "number or list of numbers";
    case id_list: return "list of ids";
    case integer_list: return "list of integers";
    case map: return "map";
    case list: return "list of maps";
    case rings: return "list of lists of lists of integers";
  }
  return "?";
}
}  // namespace

const KeySpec* Section::find(std::string_view key_name) const noexcept {
  for (const KeySpec& key : keys) {
    if (key.name == key_name || (!key.us_name.empty() && key.us_name == key_name)) return &key;
  }
  return nullptr;
}

std::size_t Section::index_of(std::string_view metric_name) const noexcept {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].name == metric_name) return i;
  }
  return keys.size();
}

std::span<const Section* const> all_sections() noexcept { return kAllSections; }

std::optional<std::string_view> us_alternative(std::string_view metric_name) noexcept {
  for (const Section* section : kAllSections) {
    for (const KeySpec& key : section->keys) {
      if (key.name == metric_name && !key.us_name.empty()) return key.us_name;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> suggest_key(const Section& section, std::string_view unknown) {
  // Close enough: at most a third of the word changed (a typo), never more than 3 edits.
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, unknown.size() / 3));
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (const KeySpec& key : section.keys) {
    for (std::string_view name : {key.name, key.us_name}) {
      if (name.empty()) continue;
      const std::size_t distance = edit_distance(unknown, name);
      if (distance < best_distance) {
        best_distance = distance;
        best = name;
      }
    }
  }
  return best;
}

std::string render_key_reference_markdown() {
  std::string text;
  for (const Section* section : kAllSections) {
    text += "### `" + std::string(section->name) + "`\n\n";
    text += std::string(section->description) + "\n\n";
    text += "| key | type | unit | default | US alternative | description |\n";
    text += "| --- | --- | --- | --- | --- | --- |\n";
    for (const KeySpec& key : section->keys) {
      std::string type(type_text(key.type));
      if (key.type == choice) type = "one of: " + std::string(key.choices);
      text += "| `" + std::string(key.name) + "` | " + type + " | " +
              (key.unit.empty() ? "-" : std::string(key.unit)) + " | " +
              (key.required ? "**required**" : std::string(key.default_text)) + " | " +
              (key.us_name.empty() ? "-" : "`" + std::string(key.us_name) + "`") + " | " +
              std::string(key.description) + " |\n";
    }
    text += "\n";
  }
  return text;
}

}  // namespace itsc::detail

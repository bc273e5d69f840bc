#pragma once
/// @file model.hpp
/// The compiled, immutable form of a Scenario's network: flat arrays (structure of arrays) of cells,
/// links, lane groups, movements, nodes, entries and exits, shared read-only by every run and thread.
/// Indices are dense and 0-based. Per-link parameters are kept per link (cells of a link are equal);
/// a link's cells are contiguous, a node's movements are contiguous and ordered by arriving link, then
/// lane group, so a link's outgoing movements and a lane group's movements are contiguous too.
/// Demand (entry profiles, turning proportions) is not part of the Model: see `BatchDemand` in sim.hpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "itsc/hcm.hpp"
#include "itsc/layout.hpp"
#include "itsc/scenario.hpp"

namespace itsc {

/// Options of `compile`.
struct CompileOptions {
  double dt_s = 0;                    ///< time step (s), a positive multiple of 0.1 s; 0: the scenario's
  std::optional<double> startup_lost_time_s;  ///< l1; unset: the scenario's (`simulation.startup_lost_time_s`)
  std::optional<double> usable_yellow_s;      ///< e; unset: the scenario's (`simulation.usable_yellow_s`)
};

/// Cells of a link: max(1, round(L / (v·Δt))), the cell transmission model's discretization.
[[nodiscard]] std::size_t cell_count(double length_m, double speed_kmh, double dt_s) noexcept;

/// Sentinel for "none" in index arrays.
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

/// When a movement gives way and runs by gap acceptance (HCM) instead of at its saturation flow.
enum class YieldRule : std::uint8_t {
  none,             ///< protected, uncontrolled, or major street of a two-way stop: saturation flow
  permitted_green,  ///< a left at a signal: while its indication is a permitted green (and its yellow after
                    ///< one), against the opposing through and right flow; protected otherwise
  turn_on_red,      ///< a right turn on red: during red, against the through flow it joins
  always,           ///< two-way stop: a minor-street movement, or a major-street left
};

/// The compiled network.
struct Model {
  // --- time -----------------------------------------------------------------------------------
  double dt_s = 1;                      ///< step length (s)
  std::int32_t dt_tenths = 10;          ///< step length (tenths of a second)
  std::int32_t startup_lost_tenths = 20;///< l1 (tenths)
  std::int32_t usable_yellow_tenths = 20;///< e (tenths)

  // --- cells [cell] -----------------------------------------------------------------------------
  std::size_t cell_count = 0;           ///< total cells over all links
  std::vector<std::uint32_t> cell_link; ///< [cell] owning link

  // --- links [link] -----------------------------------------------------------------------------
  std::vector<std::string> link_id;             ///< [link] scenario id
  std::vector<std::uint32_t> link_first_cell;   ///< [link] index of its first (upstream) cell
  std::vector<std::uint32_t> link_cell_count;   ///< [link] n_cells = max(1, round(L / (v·Δt)))
  std::vector<double> link_length_m;            ///< [link] L (m)
  std::vector<double> link_cell_length_m;       ///< [link] Δx = L / n_cells (m)
  std::vector<std::int32_t> link_lanes;         ///< [link] lanes
  std::vector<double> link_free_speed_m_per_s;  ///< [link] v as given (m/s)
  std::vector<double> link_capacity_veh_per_s;  ///< [link] Q = lanes × saturation flow (veh/s)
  std::vector<double> link_step_capacity_veh;   ///< [link] Q·Δt (veh per step)
  std::vector<double> link_wave_ratio;          ///< [link] w′/v′, w′ = Q/(kj − Q/v′), v′ = Δx/Δt (≤ 1)
  std::vector<double> link_cell_jam_veh;        ///< [link] N = kj·Δx, jam content of one cell (veh)
  std::vector<double> link_jam_spacing_m;       ///< [link] metres per vehicle per lane in a jam
  std::vector<double> link_free_flow_time_s;    ///< [link] discretized free-flow time n_cells·Δt (s)
  std::vector<std::uint32_t> link_movement_begin; ///< [link] first movement leaving its last cell
  std::vector<std::uint32_t> link_movement_end;   ///< [link] one past its last leaving movement
  std::vector<std::uint32_t> link_entry;        ///< [link] entry index when traffic enters on it (below), else kNone
  std::vector<std::uint32_t> link_exit;         ///< [link] exit index when it ends at a boundary, else kNone
  std::vector<std::uint32_t> link_sink;         ///< [link] sink index when trips end on it (below), else kNone
  std::vector<std::uint32_t> link_merge_begin;  ///< [link + 1] range in merge_movement of movements feeding it
  std::vector<std::uint32_t> merge_movement;    ///< [feeding entry] movement index, grouped by receiving link
  std::vector<std::uint32_t> link_bay_begin;    ///< [link + 1] range in bay_lane_group: its groups with a bay
  std::vector<std::uint32_t> bay_lane_group;    ///< [bay] lane group with a bay, grouped by link

  // --- lane groups [lane group] ------------------------------------------------------------------
  std::vector<std::string> lane_group_id;            ///< [group] scenario id (synthesized: "<link>")
  std::vector<std::uint32_t> lane_group_node;        ///< [group] node
  std::vector<std::uint32_t> lane_group_link;        ///< [group] arriving link
  std::vector<std::int32_t> lane_group_lanes;        ///< [group] lanes
  std::vector<double> lane_group_saturation_veh_per_s; ///< [group] discharge rate of its through cars:
                                                     ///< s0 × lanes × its HCM factors (veh/s)
  std::vector<hcm::SaturationFactors> lane_group_factors; ///< [group] those factors (all 1 off signals)
  std::vector<std::uint32_t> lane_group_movement_begin;///< [group] first movement
  std::vector<std::uint32_t> lane_group_movement_end;  ///< [group] one past the last movement
  std::vector<double> lane_group_storage_veh;        ///< [group] its link's storage × lanes share + its bay (veh)
  std::vector<double> lane_group_bay_length_m;       ///< [group] as given (0: no bay)
  std::vector<double> lane_group_storage_m;          ///< [group] where its queue is held: its bay's length,
                                                     ///< else its link's (m)
  std::vector<double> lane_group_queue_m_per_veh;    ///< [group] length of its queue per vehicle at jam spacing:
                                                     ///< over its bay's lanes, else its lanes on the link (m)
  std::vector<double> lane_group_bay_storage_veh;    ///< [group] bay storage: length × lanes / jam spacing (veh)
  std::vector<double> lane_group_spill_share;        ///< [group] share of its link's lanes a full bay blocks:
                                                     ///< min(1, bay lanes / link lanes); 0 without a bay
  std::vector<std::uint8_t> lane_group_signalized;   ///< [group] 1 at a signalized node

  // --- movements [movement] ---------------------------------------------------------------------
  std::vector<std::string> movement_id;          ///< [movement] scenario id (synthesized: "<from>-><to>")
  std::vector<std::uint32_t> movement_node;      ///< [movement] node
  std::vector<std::uint32_t> movement_from_link; ///< [movement] arriving link
  std::vector<std::uint32_t> movement_to_link;   ///< [movement] leaving link
  std::vector<std::uint32_t> movement_lane_group;///< [movement] lane group
  std::vector<double> movement_saturation_factor;///< [movement] 1/E_L, 1/E_R at signals (HCM f_LT, f_RT)
                                                 ///< times `movement_pedestrian_factor`: its vehicles
                                                 ///< discharge at the group's rate × this
  std::vector<double> movement_pedestrian_factor;///< [movement] HCM f_Rpb of a right, f_Lpb of a left's
                                                 ///< protected green, at signals (1 elsewhere): the share
                                                 ///< of its rate the pedestrians in the crosswalk it
                                                 ///< turns across leave it (docs/model.md)
  std::vector<std::uint32_t> movement_signal;    ///< [movement] signalized node index (kNone: uncontrolled)
  std::vector<TurnType> movement_turn;           ///< [movement] declared turn (through when synthesized)
  std::vector<YieldRule> movement_yield;         ///< [movement] when it gives way (see YieldRule)

  // --- yielding movements [yield]: gap acceptance, see docs/model.md -----------------------------
  std::vector<std::uint32_t> yield_movement;     ///< [yield] movement index (ascending)
  std::vector<double> yield_critical_s;          ///< [yield] critical headway t_c (s)
  std::vector<double> yield_follow_up_s;         ///< [yield] follow-up time t_f (s)
  std::vector<double> yield_gap_lanes;           ///< [yield] lanes of its group that its gaps govern
                                                 ///< (all of an exclusive group, one of a shared group)
  std::vector<double> yield_sneakers_veh;        ///< [yield] sneakers per permitted green (veh)
  std::vector<double> yield_pedestrian_factor;   ///< [yield] HCM f_Lpb of a permitted left over its permitted
                                                 ///< green, multiplying its gap rate (1 for other rules)
  std::vector<std::uint32_t> yield_conflict_begin; ///< [yield + 1] range in conflict_movement
  std::vector<std::uint32_t> conflict_movement;  ///< [conflict] a movement whose flow it crosses or joins
  std::vector<double> conflict_weight;           ///< [conflict] weight of that flow in v_o or v_c (HCM)
  std::vector<std::uint8_t> conflict_can_block;  ///< [conflict] 1 if its standing queue leaves no gaps: its
                                                 ///< lane group has no turn on red or at a stop, and no left
                                                 ///< yielding at the time (a shared stream with one stops
                                                 ///< for its own gaps, which opens gaps)
  std::vector<std::uint32_t> lane_group_left_yield_begin; ///< [group + 1] range in lane_group_left_yield
  std::vector<std::uint32_t> lane_group_left_yield;  ///< yields (rule permitted_green) of each lane group

  // --- nodes [node] -----------------------------------------------------------------------------
  std::vector<std::string> node_id;              ///< [node] scenario id
  std::vector<NodeControl> node_control;         ///< [node]
  std::vector<std::uint32_t> node_movement_begin;///< [node] first movement
  std::vector<std::uint32_t> node_movement_end;  ///< [node] one past the last
  std::vector<std::uint32_t> uncontrolled_nodes; ///< node indices with CTM diverge/merge logic
  std::vector<std::uint32_t> signalized_nodes;   ///< [signal] node index, in the order of `signal_*`

  // --- signals [signal]: the signalized nodes -----------------------------------------------------
  std::vector<std::uint32_t> signal_movement_begin; ///< [signal] = its node's first movement
  std::vector<std::uint32_t> signal_movement_end;   ///< [signal]
  /// [signal] what its controller is built for: movement, crosswalk (legs with one) and detector
  /// (on its approaches) columns, the detectors' calls and extends, right turns on red, and the
  /// saturation flows and storages max-pressure weighs.
  std::vector<IntersectionLayout> signal_layout;
  std::vector<std::uint32_t> signal_crosswalk_begin; ///< [signal + 1] its crosswalks' range in the flat
                                                     ///< crosswalk order (layouts' crosswalks concatenated)
  std::vector<std::uint32_t> signal_detector_begin; ///< [signal + 1] its detectors' range in `detector_*`
                                                    ///< (in the layouts' detector order)

  // --- detectors [detector]: those of the signals, grouped by signal (docs/model.md, "Detectors") ----
  std::vector<std::uint32_t> detector_zone_begin;   ///< [detector + 1] range in zone_cell / zone_share
  std::vector<std::uint32_t> zone_cell;             ///< [zone entry] a cell the detection zone overlaps
  std::vector<double> zone_share;                   ///< [zone entry] share of that cell's vehicles over the
                                                    ///< zone: overlap / Δx × covered lanes / link lanes
  std::vector<std::uint32_t> detector_point_cell;   ///< [detector] cell holding its downstream edge
  std::vector<double> detector_point_upstream;      ///< [detector] that edge's distance from the cell's
                                                    ///< downstream end / Δx: weight of the cell's inflow
  std::vector<std::uint32_t> detector_link;         ///< [detector] its link
  std::vector<double> detector_lane_share;          ///< [detector] covered lanes / link lanes
  std::vector<double> detector_occupancy_factor;    ///< [detector] 1 + jam spacing / zone length
  // Where a link has turn bays and the detector's edge lies within one, its lanes are numbered across
  // the stop-bar cross-section (left-turn bays on the median side); it sees the bays it covers apart
  // from the link's lanes, whose share `detector_lane_share` then is.
  std::vector<std::uint32_t> detector_bay_begin;    ///< [detector + 1] range in detector_bay_*
  std::vector<std::uint32_t> detector_bay_group;    ///< [bay entry] a bay lane group it covers
  std::vector<double> detector_bay_lane_share;      ///< [bay entry] covered lanes / the bay's lanes
  std::vector<double> detector_near_m;              ///< [detector] its zone from the stop bar: downstream edge
  std::vector<double> detector_far_m;               ///< [detector] and upstream edge (m)
  std::vector<double> detector_last_cell_share;     ///< [detector] its zone's share of the link's last cell
                                                    ///< when the link has bays in reach (0: none), for
                                                    ///< taking out the vehicles stored in the bays
  std::vector<std::uint8_t> detector_edge_in_bays;  ///< [detector] its edge lies in the last cell beside
                                                    ///< bays: the bays' discharge does not cross it
  // Random arrivals (HCM 7th ed. Eqs. 31-4, 31-5: a bunched exponential per the lanes it covers).
  std::vector<double> detector_bunched_headway_s;   ///< [detector] Δ: 1.5 s over one lane, 0.5 s over more
  std::vector<double> detector_bunching_factor;     ///< [detector] b: 0.6 (1 lane), 0.5 (2), 0.8 (3 or more)
  DetectorArrivals detector_arrivals = DetectorArrivals::random;
  std::uint64_t seed = 1;                           ///< every member's seed of the random arrivals

  // --- through routes [route]: the arterials the urban street figures cover (docs/model.md) --------
  // A route is a maximal chain of links joined by through movements that passes two signals or more,
  // one direction of travel; it is kept from its first signal to its last.
  std::vector<std::string> route_id;                ///< [route] "<first signal>-><last signal>"
  std::vector<std::uint32_t> route_movement_begin;  ///< [route + 1] range in route_movement
  std::vector<std::uint32_t> route_movement;        ///< [route entry] its through movements in the order of
                                                    ///< travel, from its first signal's to its last's

  // --- where traffic enters and leaves ------------------------------------------------------------
  // Entries are the links that start at a boundary node, then the links on which trips start (a source
  // of the scenario's demand or of one of its demand scenarios): each has a queue outside the network
  // whose vehicles enter its first cell, at a source after the traffic the movements bring.
  std::vector<std::uint32_t> entry_link;      ///< [entry] link whose first cell receives the entry queue
  std::vector<std::uint8_t> entry_is_source;  ///< [entry] 1: trips that start on a link inside the network
  std::vector<std::uint32_t> exit_link;       ///< [exit] link whose last cell empties out of the network
  /// [sink] link on which trips end (of any of the scenario's demands): a share of the vehicles reaching
  /// its last cell leaves the network there instead of joining a movement.
  std::vector<std::uint32_t> sink_link;
  std::vector<std::uint8_t> sink_at_stop_line;  ///< [sink] 1: its trips end at the stop line, queued with the
                                                ///< movements: that share of their discharge leaves there
  std::vector<std::uint32_t> movement_stop_line_sink; ///< [movement] its arriving link's sink when at the stop
                                                      ///< line, else kNone
  std::vector<std::uint8_t> link_fed_by_stop_line_sink; ///< [link] 1: a movement into it has one

  // --- settings carried for the metrics -----------------------------------------------------------
  double analysis_period_h = 0.25;  ///< T of the HCM delay formulas
  double warmup_s = 0;              ///< metrics start after this time
  double duration_s = 0;            ///< the scenario's run length (`Scenario::duration_s`; 0: none)

  [[nodiscard]] std::size_t link_count() const noexcept { return link_id.size(); }
  [[nodiscard]] std::size_t lane_group_count() const noexcept { return lane_group_id.size(); }
  [[nodiscard]] std::size_t movement_count() const noexcept { return movement_id.size(); }
  [[nodiscard]] std::size_t node_count() const noexcept { return node_id.size(); }
  [[nodiscard]] std::size_t signal_count() const noexcept { return signalized_nodes.size(); }
  [[nodiscard]] std::size_t detector_count() const noexcept { return detector_point_cell.size(); }
  [[nodiscard]] std::size_t entry_count() const noexcept { return entry_link.size(); }
  [[nodiscard]] std::size_t exit_count() const noexcept { return exit_link.size(); }
  [[nodiscard]] std::size_t sink_count() const noexcept { return sink_link.size(); }
  [[nodiscard]] std::size_t route_count() const noexcept { return route_id.size(); }
  /// Index of the movement with this id at this node, or kNone.
  [[nodiscard]] std::uint32_t find_movement(std::uint32_t node, const std::string& id) const noexcept;
  /// Index of the node / link with this id, or kNone.
  [[nodiscard]] std::uint32_t find_node(const std::string& id) const noexcept;
  [[nodiscard]] std::uint32_t find_link(const std::string& id) const noexcept;
};

/// Compiles the network and settings of a scenario. Throws `itsc::Error` (invalid_input) for what it
/// cannot compile: dangling references, a link arriving at a node with no movement leaving it, a
/// diverge without movements, w′ > v′ (the CTM would be unstable; the message names the link and
/// the numbers), a Δt that is not a positive multiple of 0.1 s, a signal without a stage plan, a
/// stage naming an unknown movement, an all-way stop (not modelled yet), a two-way stop without its
/// major street, a yielding movement whose opposing flow cannot be found from the bearings.
/// Bays add storage; permitted lefts, right turns on red and two-way stops run by gap acceptance
/// against conflicting movements derived here (see docs/model.md).
[[nodiscard]] Model compile(const Scenario& scenario, const CompileOptions& options = {});

}  // namespace itsc

#pragma once
/// @file sim.hpp
/// The traffic-flow kernel: a batch of B independent runs of one `Model`, advanced one step at a time.
/// Every per-item array is laid out [item × batch] (batch innermost, contiguous), so the inner loops
/// run across the batch. A single run is a batch of one through the same kernel, and member b of a
/// batch evolves bit for bit as a single run with member b's timing and demand, with any thread count.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "itsc/controller.hpp"
#include "itsc/demand.hpp"
#include "itsc/model.hpp"

namespace itsc {

/// Demand of a batch, compiled against a Model and held outside it so members may differ.
struct BatchDemand {
  std::size_t batch = 1;            ///< B
  std::size_t interval_count = 1;   ///< profile intervals; the last one holds beyond its end
  double interval_s = 3600;         ///< length of one profile interval (s)
  std::vector<double> entry_veh_per_s;  ///< [interval × entry × B] arrival rate at each entry (veh/s)
  std::vector<double> turn_proportion;  ///< [interval × movement × B] share of its arriving link, 0..1, of
                                        ///< the vehicles that do not end their trip on it
  std::vector<double> end_share;        ///< [interval × sink × B] share of a sink link's vehicles ending there
  std::vector<double> peak_hour_factor; ///< [B] divides the volumes of the HCM terms (1 when none)
  std::vector<double> crosswalk_ped_per_s; ///< [crosswalk × B] pedestrian arrival rate at each crosswalk of
                                           ///< a signal (flat order: `Model::signal_crosswalk_begin`)
};

/// Compiles one Demand per batch member. Throws `itsc::Error` (invalid_input) for flows on links that
/// are not entries, trips that start or end on a link the model has no place for (compile it from a
/// scenario with that demand among its demands), turning data for unknown movements or approaches, a diverge without turning data,
/// negative values, or proportions that do not sum to 1 (unless `normalize_turns`).
[[nodiscard]] BatchDemand compile_demand(const Model& model, std::span<const Demand> per_member);
/// The same demand for all B members.
[[nodiscard]] BatchDemand compile_demand(const Model& model, const Demand& demand, std::size_t batch);
/// Members [begin, begin + count) of `demand`, a batch of their own.
[[nodiscard]] BatchDemand slice(const BatchDemand& demand, std::size_t begin, std::size_t count);

/// Phase numbers a ring-barrier controller may use (1 to 16, NTCIP 1202): per signal, the slots of
/// the phase statistics.
inline constexpr std::size_t kPhaseSlots = 16;

/// Accumulated metrics of a batch: every array [item × B]. Network counts run from t = 0; everything
/// else from the end of the warm-up (`Model::warmup_s`), but for the current cycle's back of queue.
struct Metrics {
  std::size_t queue_bins = 100;          ///< histogram bins per lane group over [0, storage]
  std::int64_t measured_steps = 0;       ///< steps accumulated after the warm-up
  // network [B]
  std::vector<double> entered_veh;       ///< arrivals at the entries since t = 0 (veh)
  std::vector<double> exited_veh;        ///< departures through the exits since t = 0 (veh)
  std::vector<double> window_entered_veh;///< arrivals after the warm-up (veh)
  std::vector<double> window_exited_veh; ///< departures after the warm-up (veh)
  std::vector<double> vehicle_s;         ///< time spent inside and waiting at entries (veh·s)
  std::vector<double> vehicle_m;         ///< distance travelled (veh·m)
  // Delay and stops are accumulated once, where they happen: on the approach to a movement (the movement
  // rows below), on a link that leaves the network, or waiting at an entry. The network's totals are
  // their sums (`objective`), so that they equal the sums of their parts.
  std::vector<double> exit_link_delay_veh_s; ///< simulated delay on links leaving the network (veh·s)
  std::vector<double> exit_link_stops;       ///< stops on links leaving the network (veh)
  std::vector<double> entry_delay_veh_s;     ///< time spent waiting at entries (veh·s)
  // movements [movement × B]
  std::vector<double> movement_arrivals_veh;   ///< entering its approach, by turning proportion (veh)
  std::vector<double> movement_departures_veh; ///< discharged over the stop line (veh)
  std::vector<double> movement_delay_veh_s;    ///< delay on its approach: its share (veh·s)
  std::vector<double> movement_stops;          ///< stops on its approach, once per vehicle: its share (veh)
  std::vector<double> movement_queue_sum_veh;  ///< Σ over steps of its queue: its held last-cell vehicles
                                               ///< plus its turning share of those held upstream (veh·steps)
  std::vector<double> movement_queue_max_veh;  ///< largest such queue (veh)
  // lane groups [group × B]
  std::vector<double> group_effective_green_s; ///< effective green time (s)
  std::vector<double> group_queue_sum_veh;     ///< Σ over steps of its queue (veh·steps)
  std::vector<double> group_queue_max_veh;     ///< largest queue seen (veh)
  std::vector<double> group_queue_sum_m;       ///< Σ over steps of its queue length (m·steps): bay queue +
                                               ///< the approach's congested length
  std::vector<double> group_queue_max_m;       ///< longest queue seen (m)
  std::vector<double> group_queue_histogram;   ///< [group × bin × B] steps with the queue in each bin
  // signal cycles of the lane groups [group × B]: each ends at the onset of red after green or yellow of
  // the group's first movement. The current cycle is followed from t = 0, so the first one counted is whole.
  std::vector<double> group_cycle_queue_veh;   ///< back of queue of the current cycle so far: the queue the
                                               ///< last green left plus the vehicles that stopped since (veh)
  std::vector<double> group_cycle_left_veh;    ///< its queue at the end of the cycle's last green step: what
                                               ///< the next cycle begins with (veh)
  std::vector<std::uint8_t> group_cycle_green; ///< the current cycle has shown green or yellow (0 / 1)
  std::vector<double> group_cycle_histogram;   ///< [group × bin × B] cycles ended after the warm-up, by their
                                               ///< back of queue in m, bins over Model::lane_group_storage_m
  std::vector<double> group_cycle_max_m;       ///< longest back of queue of those cycles (m)
  std::vector<double> phase_greens;            ///< [signal × kPhaseSlots × B] whole greens measured, by phase number − 1
  std::vector<double> phase_green_s;           ///< [signal × kPhaseSlots × B] their green time (s, in steps)
  std::vector<double> phase_first_green_s;     ///< [signal × kPhaseSlots × B] end of the first of them (−1: none)
  std::vector<double> phase_last_green_s;      ///< [signal × kPhaseSlots × B] and of the last
  std::vector<double> link_spillback_s;        ///< [link × B] time its first cell, full, took less than the
                                               ///< flow bound for it: a queue back to the node upstream (s)
};

/// Everything that changes during a run of a batch. Create with `make_state`.
struct State {
  std::size_t batch = 1;                      ///< B
  Tenths time_tenths = 0;                     ///< start of the next step (tenths of a second)
  // traffic
  std::vector<double> cell_veh;               ///< [cell × B] vehicles in each cell
  std::vector<double> cell_stopped_veh;       ///< [cell × B] of those, vehicles that stopped on this link
  std::vector<double> movement_veh;           ///< [movement × B] last-cell vehicles bound for the movement
  std::vector<double> movement_stopped_veh;   ///< [movement × B] of those, vehicles that stopped
  std::vector<double> entry_waiting_veh;      ///< [entry × B] waiting outside the network
  // signals [movement × B]
  std::vector<double> yield_flow_veh;         ///< [yield × B] conflicting flow its gap rate was last computed for
  std::vector<double> yield_gap_rate_veh_per_s; ///< [yield × B] that gap rate, per lane (memo: the flow is often
                                              ///< the same step after step, and exp() is the costly part)
  std::vector<double> yield_sneakers_veh;     ///< [yield × B] sneakers still to clear in the yellow after a
                                              ///< permitted green (veh)
  std::vector<std::uint8_t> yield_permitted;  ///< [yield × B] a left at a signal yields: its green in force (or
                                              ///< its last one, through yellow and red) is permitted
  std::vector<Indication> indication;         ///< at the end of the last step
  std::vector<Indication> command_indication; ///< the controller's command: at the end of this step
  std::vector<std::int32_t> green_tenths;     ///< the controller's command for the current step
  std::vector<std::int32_t> yellow_tenths;    ///< the controller's command for the current step
  std::vector<std::int32_t> green_elapsed_tenths;  ///< green shown since its onset (saturating)
  std::vector<std::int32_t> yellow_elapsed_tenths; ///< yellow shown since its onset (saturating)
  // observation buffers (filled only when a controller uses them)
  std::vector<double> detector_call;          ///< [detector × B] in the last step: a vehicle present (0 / 1)
  std::vector<double> detector_count;         ///< [detector × B] in the last step: vehicles across its edge
  std::vector<double> detector_occupancy;     ///< [detector × B] at the end of the last step, 0..1
  std::vector<double> detector_passed_veh;    ///< [detector × B] vehicles across its edge since t = 0
  std::vector<double> detector_upstream_before_veh; ///< [detector × B] scratch: its link's vehicles up to its
                                              ///< cell, before the step's cell update
  std::vector<double> detector_cell_before_veh; ///< [detector × B] scratch: its cell's vehicles, before it
  std::vector<double> detector_next_veh;      ///< [detector × B] random arrivals: the count (detector_passed_veh)
                                              ///< at which the next vehicle leaves the zone
  std::vector<std::uint64_t> detector_draws;  ///< [detector × B] random numbers drawn so far (0: none yet)
  std::vector<double> phase_green_run_s;      ///< [signal × kPhaseSlots × B] its green so far: −1 not green,
                                              ///< −2 green since before the measured period (not counted)
  std::vector<std::uint64_t> member_seed;     ///< [B] seed of the random arrivals (the model's unless varied)
  std::vector<double> observed_queued_veh;    ///< [movement × B]
  std::vector<double> observed_moving_veh;    ///< [movement × B]
  std::vector<std::uint32_t> feed_begin;      ///< [movement + 1]
  std::vector<std::uint32_t> feed_movement;   ///< [feed] movement fed (kNone: the link leaves the network)
  std::vector<std::uint32_t> feed_link;       ///< [feed] the receiving link
  std::vector<double> feed_queued_veh;        ///< [feed × B]
  std::vector<double> feed_moving_veh;        ///< [feed × B]
  std::vector<double> feed_proportion;        ///< [feed × B]
  std::vector<double> pedestrian_arrived;     ///< [crosswalk × B] expected pedestrians since t = 0 (λ·t)
  std::vector<double> pedestrian_call;        ///< [crosswalk × B] in this step: a pedestrian pushed the button
  // scratch, written and read within one step
  std::vector<double> link_inflow_veh;        ///< [link × B]
  std::vector<double> link_demand_veh;        ///< [link × B] arrivals bound for its stop line: inflow, with an
                                              ///< entry's arrivals at its queue, less the trips that end on it
  std::vector<double> link_upstream_held_veh; ///< [link × B] held in cells before the last
  std::vector<double> link_upstream_stopped_veh; ///< [link × B] stopped-flagged in cells before the last
  std::vector<double> link_upstream_new_stops;///< [link × B]
  std::vector<double> movement_capacity_veh;  ///< [movement × B] its stream's discharge limit this step
  std::vector<double> movement_send_veh;      ///< [movement × B]
  std::vector<double> movement_flow_veh;      ///< [movement × B]
  std::vector<double> group_demand_veh;       ///< [group × B] last-cell vehicles of the group
  std::vector<double> group_queue_veh;        ///< [group × B] vehicles held on its approach this step
  std::vector<double> group_held_veh;         ///< [group × B] its last-cell (and bay) vehicles held this step
  std::vector<double> member_scratch;         ///< [6 × B] per-member sums of one link within a pass
  std::vector<double> cell_scratch;           ///< B = 1 only: [4 × (most cells of a link + 1)] one link's
                                              ///< flows within a pass (empty otherwise; never copied)
  std::vector<double> link_bay_held_veh;      ///< [link × B] vehicles stored in its bays (take no room in its last cell)
  std::vector<double> link_open_share;        ///< [(link + 1) × B] share of its lanes not blocked by full bays;
                                              ///< the extra last row is all ones
  Metrics metrics;

  /// Vehicles inside the network of member b (sum over cells).
  [[nodiscard]] double inside_veh(std::size_t b) const noexcept;
  /// Vehicles waiting at the entries of member b.
  [[nodiscard]] double waiting_veh(std::size_t b) const noexcept;
};

/// An empty network at t = 0, signals red, for a batch of `batch` runs.
[[nodiscard]] State make_state(const Model& model, std::size_t batch);

/// Instruction sets the step's passes are built for (x86-64; elsewhere only `generic`). `best` is the
/// widest this CPU runs. Every lane of a vector does a member's scalar arithmetic, so results are bit
/// for bit the same with each (docs/performance.md, "Instruction sets").
enum class Isa {
  best,     ///< the widest supported one
  generic,  ///< the compiler's baseline (x86-64: SSE2, two members per vector)
  avx2,     ///< AVX2, four members per vector
  avx512,   ///< AVX-512 (F, DQ, VL), eight members per vector
};
/// Whether this build holds `isa`'s passes and this CPU runs them (`best` and `generic`: always).
[[nodiscard]] bool isa_supported(Isa isa) noexcept;
/// The instruction set `isa` stands for here: `best` → the widest supported; an unsupported one → the
/// widest supported one below it.
[[nodiscard]] Isa resolve_isa(Isa isa) noexcept;
/// "best", "generic", "avx2", "avx512".
[[nodiscard]] std::string_view isa_name(Isa isa) noexcept;

/// How `step` runs.
struct StepOptions {
  int threads = 1;  ///< OpenMP threads over blocks of the batch (results do not depend on it)
  /// Keep the detectors (`State::detector_*`) up to date even when no controller reads them, e.g. to
  /// log them; otherwise their pass is skipped (it costs a pass over the cells up to each detector).
  bool detectors = false;
  Isa isa = Isa::best;  ///< instruction set of the passes (results do not depend on it)
};

/// Advances every member by one step of `model.dt_s`: asks each controller (one per signalized node,
/// in `Model::signalized_nodes` order, batch size B) for the step's signals, moves traffic, and
/// accumulates the metrics. noexcept: no allocation, exception or lock inside.
void step(const Model& model, State& state, const BatchDemand& demand, std::span<Controller* const> controllers,
          const StepOptions& options = {}) noexcept;

}  // namespace itsc

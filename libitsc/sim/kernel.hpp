#pragma once
// The passes of one step, each over one block of batch members [begin, end). Every pass reads the
// state at the start of the step or what an earlier pass wrote; none allocates or throws.

#include <cstddef>
#include <span>

#include "itsc/sim.hpp"

namespace itsc::detail {

/// The batch members a pass works on, and what the step shares.
struct Block {
  std::size_t begin = 0;     ///< first batch member
  std::size_t end = 0;       ///< one past the last
  std::size_t interval = 0;  ///< demand profile interval of this step
  bool measure = false;      ///< metrics accumulate (past the warm-up)
  bool detect = false;       ///< some controller reads the detectors: they are updated
};

/// Less than this many vehicles (veh) do not block a shared stream or make a standing queue.
inline constexpr double kPresent = 1e-9;

/// Content of a link's cell as its receiving function sees it: vehicles stored in the link's bays
/// take no room in its last cell.
[[nodiscard]] inline double occupied_veh(const Model& model, const State& state, std::uint32_t link, std::size_t cell,
                                         std::size_t b) noexcept {
  const std::size_t last = model.link_first_cell[link] + model.link_cell_count[link] - 1;
  const double n = state.cell_veh[cell * state.batch + b];
  return cell == last ? n - state.link_bay_held_veh[link * state.batch + b] : n;
}

/// The whole batch as one block at the state's clock: the demand interval and whether metrics accumulate.
[[nodiscard]] Block step_block(const Model& model, const State& state, const BatchDemand& demand) noexcept;
/// Fills the observation when a controller uses it, then asks every controller for the step's signals.
/// Returns whether one uses it (then the detectors must be kept up to date).
bool observe_and_control(const Model& model, State& state, const BatchDemand& demand,
                         std::span<Controller* const> controllers, const Block& block) noexcept;
/// Advances the clock past the step (and counts a measured step).
void finish_step(const Model& model, State& state, const Block& block) noexcept;

/// Copies every per-member array of `part` (a batch of its own) into members [begin, begin + part.batch)
/// of `whole`; the clock and step count too. No allocation.
void place_members(State& whole, const State& part, std::size_t begin) noexcept;

/// Signals → each movement's discharge limit in this step (veh): the effective green, lanes blocked
/// by full bays, and gap acceptance for yielding movements. Sums each lane group's content into
/// State::group_demand_veh first (the later passes read it).
void signal_capacity(const Model& model, State& state, const Block& block) noexcept;
/// Full bays → the share of each link's lanes left open for its lane groups without a bay.
void bay_blocking(const Model& model, State& state, const Block& block) noexcept;
/// Yielding movements → their discharge limit by gap acceptance against the conflicting flows.
void gap_acceptance(const Model& model, State& state, const Block& block) noexcept;
/// Stop lines and node logic: lane-group FIFO sending, Daganzo merge, movement flows.
void node_flows(const Model& model, State& state, const Block& block) noexcept;
/// Inflows into the links' first cells: from the entry queues, or merged from the movements feeding them.
void link_flows(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept;
/// Cell-to-cell flows and exits (cells.hpp), applied; stops, delay, queues and the other metrics.
void update_links(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept;
/// Detectors: count, occupancy and call of the step just moved, from its flows and the cells' content.
void update_detectors(const Model& model, State& state, const Block& block) noexcept;
/// Before `update_links`: what `update_detectors` needs of the contents before the step.
void snapshot_detectors(const Model& model, State& state, const Block& block) noexcept;
/// Pedestrian calls of the step from the crosswalks' arrival rates (docs/signals.md, "Pedestrian calls").
void pedestrian_calls(const Model& model, State& state, const BatchDemand& demand) noexcept;
/// The controllers' view of the state at the start of the step.
void fill_observation(const Model& model, State& state, const BatchDemand& demand, std::size_t interval) noexcept;

}  // namespace itsc::detail

#pragma once
// One step's parts, each over one block of batch members [begin, end): the observation and the
// controllers, the passes that move traffic (kernel/), the clock. Every pass reads the state at the start
// of the step or what an earlier pass wrote; none allocates or throws.

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

/// The whole batch as one block at the state's clock: the demand interval and whether metrics accumulate.
[[nodiscard]] Block step_block(const Model& model, const State& state, const BatchDemand& demand) noexcept;
/// Fills the observation when a controller uses it, then asks every controller for the step's signals.
/// Returns whether one uses it (then the detectors must be kept up to date).
bool observe_and_control(const Model& model, State& state, const BatchDemand& demand,
                         std::span<Controller* const> controllers, const Block& block) noexcept;
/// Advances the clock past the step (and counts a measured step).
void finish_step(const Model& model, State& state, const Block& block) noexcept;

/// Copies every per-member array of members [from_begin, from_begin + count) of `from` into members
/// [to_begin, to_begin + count) of `to` (states of the same model, any batch sizes); with `one`, member
/// from_begin into each of them. The clock and the measured step count too. No allocation.
void copy_members(State& to, std::size_t to_begin, const State& from, std::size_t from_begin, std::size_t count,
                  bool one = false) noexcept;

/// The passes of one step over a block of members, in the order they run. Each instruction set has its
/// own build of them (kernel/passes.hpp); `passes` picks one.
struct Passes {
  using Pass = void (*)(const Model&, State&, const Block&) noexcept;
  using DemandPass = void (*)(const Model&, State&, const BatchDemand&, const Block&) noexcept;
  Pass signal_capacity;     ///< signals → each movement's discharge limit (effective green, bays, gaps)
  DemandPass node_flows;    ///< stop lines and node logic: lane-group FIFO sending, Daganzo merge
  DemandPass link_flows;    ///< inflows into the links' first cells
  Pass snapshot_detectors;  ///< before update_links, when detectors are kept: contents before the step
  DemandPass update_links;  ///< cell flows applied; stops, delay, queues and the other metrics
  Pass update_detectors;    ///< count, occupancy and call of the step just moved
};
/// The passes built for `resolve_isa(isa)` and a batch of `batch` members (a batch of one has its own).
[[nodiscard]] const Passes& passes(Isa isa, std::size_t batch) noexcept;
/// One block through the passes (the detector passes only when `block.detect`).
void run_block(const Passes& passes, const Model& model, State& state, const BatchDemand& demand,
               const Block& block) noexcept;

/// Pedestrian calls of the step from the crosswalks' arrival rates (docs/signals.md, "Pedestrian calls").
void pedestrian_calls(const Model& model, State& state, const BatchDemand& demand) noexcept;
/// The controllers' view of the state at the start of the step.
void fill_observation(const Model& model, State& state, const BatchDemand& demand, std::size_t interval) noexcept;

}  // namespace itsc::detail

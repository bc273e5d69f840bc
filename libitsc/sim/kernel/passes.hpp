#pragma once
// The passes that move traffic in one step (kernel.hpp's `Passes`). Every file of this folder is
// compiled once per instruction set: CMake builds it with ITSC_KERNEL_ISA naming the namespace
// (generic, avx2, avx512) and ITSC_KERNEL_LANES the batch members one vector holds (2, 4, 8), plus that
// set's compiler flags. All they define lives in that namespace, so no function built for one
// instruction set stands in for another's at link time. (The standard library's small templates, such as
// std::min, are inlined; hence CMake builds the extra sets only with optimization on.)
#include <cstddef>
#include <cstdint>

#include "sim/kernel.hpp"

#ifndef ITSC_KERNEL_ISA
#define ITSC_KERNEL_ISA generic
#endif
#ifndef ITSC_KERNEL_LANES
#define ITSC_KERNEL_LANES 2
#endif

namespace itsc::detail::ITSC_KERNEL_ISA {

/// Batch members per vector register.
inline constexpr std::size_t kLanes = ITSC_KERNEL_LANES;

/// The batch members a pass runs over: [begin, end) of a batch of `batch` members, the stride of every
/// per-member row. A pass is built twice (passes.cpp): for a batch of one (`kOne`) the three are
/// compile-time constants, so its loops over members and its index arithmetic fold away.
template <bool kOne>
struct Members {
  Members(const State& state, const Block& block) noexcept : batch(state.batch), begin(block.begin), end(block.end) {}
  std::size_t batch;
  std::size_t begin;
  std::size_t end;
};
template <>
struct Members<true> {
  Members(const State& /*state*/, const Block& /*block*/) noexcept {}
  static constexpr std::size_t batch = 1;
  static constexpr std::size_t begin = 0;
  static constexpr std::size_t end = 1;
};

/// Content of a link's cell (member b of a batch of `batch`) as its receiving function sees it: vehicles
/// stored in the link's bays take no room in its last cell.
[[nodiscard]] inline double occupied_veh(const Model& model, const State& state, std::uint32_t link, std::size_t cell,
                                         std::size_t b, std::size_t batch) noexcept {
  const std::size_t last = model.link_first_cell[link] + model.link_cell_count[link] - 1;
  const double n = state.cell_veh[cell * batch + b];
  return cell == last ? n - state.link_bay_held_veh[link * batch + b] : n;
}

/// Signals → each movement's discharge limit in this step (veh): the effective green, lanes blocked
/// by full bays, and gap acceptance for yielding movements. Sums each lane group's content into
/// State::group_demand_veh first (the later passes read it).
template <bool kOne>
void signal_capacity(const Model& model, State& state, const Block& block) noexcept;
/// Full bays → the share of each link's lanes left open for its lane groups without a bay.
template <bool kOne>
void bay_blocking(const Model& model, State& state, const Block& block) noexcept;
/// Yielding movements → their discharge limit by gap acceptance against the conflicting flows.
template <bool kOne>
void gap_acceptance(const Model& model, State& state, const Block& block) noexcept;
/// Stop lines and node logic: lane-group FIFO sending, Daganzo merge, movement flows.
template <bool kOne>
void node_flows(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept;
/// Inflows into the links' first cells: from the entry queues, or merged from the movements feeding them.
template <bool kOne>
void link_flows(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept;
/// Cell-to-cell flows and exits (cells.hpp), applied; stops, delay, queues and the other metrics.
template <bool kOne>
void update_links(const Model& model, State& state, const BatchDemand& demand, const Block& block) noexcept;
/// Before `update_links`: what `update_detectors` needs of the contents before the step.
template <bool kOne>
void snapshot_detectors(const Model& model, State& state, const Block& block) noexcept;
/// Detectors: count, occupancy and call of the step just moved, from its flows and the cells' content.
template <bool kOne>
void update_detectors(const Model& model, State& state, const Block& block) noexcept;

/// This instruction set's passes: for any batch, and for a batch of one.
extern const Passes kPasses;
extern const Passes kPassesOne;

}  // namespace itsc::detail::ITSC_KERNEL_ISA

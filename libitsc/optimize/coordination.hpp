#pragma once
// Which signals coordinate and how their offsets start (docs/optimizer.md, "Coordination"): the links
// joining neighbouring signals (directly or through uncontrolled nodes, following the busiest movement),
// the groups of signals that share a cycle (Hook and Albers' grouping rule), and progression offsets —
// each signal's green for its busiest upstream link starting as that link's platoon arrives, greedily
// along the busiest links (a maximum spanning forest, as SUMO's tlsCoordinator chains offsets).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "itsc/model.hpp"
#include "itsc/optimize.hpp"
#include "optimize/evaluator.hpp"
#include "optimize/signal_space.hpp"

namespace itsc::detail {

/// Travel from one signal's stop line to the next signal's.
struct SignalLink {
  std::size_t from = 0, to = 0;        ///< signal indices
  double volume_veh_per_h = 0;         ///< demand volume of the busiest movement arriving at `to` over it
  double length_m = 0;                 ///< from stop line to stop line
  double travel_time_s = 0;            ///< the CTM's free-flow time over its links (the platoon's front)
  std::uint32_t from_group = 0;        ///< lane group at `from` of the busiest movement into it
  std::uint32_t to_group = 0;          ///< lane group at `to` of the busiest movement out of it
};

/// Every link leaving a signal that reaches another signal, followed through uncontrolled nodes along
/// the busiest movement; `movement_volume_veh_per_h` the demand volumes.
[[nodiscard]] std::vector<SignalLink> signal_links(const Model& model, std::span<const double> movement_volume_veh_per_h);

/// Hook and Albers' grouping (FHWA, "Signal Timing on a Shoestring", 2005): signals within 2,500 ft of
/// each other are grouped, links of 5,000 ft or more separate groups, and between the two a link joins
/// its signals when the coupling index — two-way volume (1,000 veh/h) over the distance (miles) squared —
/// is at least `coupling_index_min` (50 in the source). [signal] the group, numbered from 0 in order of
/// each group's first signal.
[[nodiscard]] std::vector<std::size_t> cycle_groups(std::size_t signals, std::span<const SignalLink> links,
                                                    double coupling_index_min);

/// `decision` with progression offsets within each group of `group` (signals of one group share a
/// cycle): from each group's busiest signal (its offset kept), along the busiest links first, each new
/// signal's offset set so that the green of the link's arriving lane group starts as the green of its
/// leaving group upstream, plus the travel time, arrives.
[[nodiscard]] Decision progression_offsets(std::span<const SignalSpace> spaces, std::span<const SignalLink> links,
                                           std::span<const std::size_t> group, const Decision& decision);

/// The signals' links and cycle groups under a cycle policy: common, one group; per-node, each signal its
/// own; groups, `cycle_groups`. The signals of a coordinated group share a cycle and have their offsets
/// searched: every group of a common cycle, and any group of more than one signal.
struct Coordination {
  std::vector<SignalLink> links;
  std::vector<std::size_t> group;     ///< [signal]
  std::vector<bool> coordinated;      ///< [group]
  [[nodiscard]] std::size_t group_count() const noexcept { return coordinated.size(); }
  [[nodiscard]] bool coordinated_signal(std::size_t signal) const { return coordinated[group[signal]]; }
};
[[nodiscard]] Coordination coordination(const Model& model, std::span<const double> movement_volume_veh_per_h,
                                        CyclePolicy policy, double coupling_index_min);

}  // namespace itsc::detail

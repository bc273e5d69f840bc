#pragma once
// Conflicts between the movements of a node, and between movements and crosswalks, derived from the
// legs' bearings. Each movement is a chord of a circle around the intersection, from its approach's
// arriving lanes to its receiving leg's leaving lanes (right-hand traffic: arriving lanes just
// counter-clockwise of a leg's bearing, leaving lanes just clockwise). Two chords cross when their
// ends interleave; movements into the same leg merge; movements from the same approach diverge
// (no conflict). A movement crosses the crosswalks of the leg it arrives from and the leg it leaves by.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "itsc/network.hpp"

namespace itsc::detail {

enum class Conflict : std::uint8_t { none, crossing, merging };

/// Conflicts at one node, indexed by the node's movement and leg order.
struct ConflictMatrix {
  std::size_t movement_count = 0;
  std::size_t leg_count = 0;
  std::vector<Conflict> vehicle;         ///< [movement × movement], symmetric; none where a bearing is unknown
  std::vector<std::uint8_t> pedestrian;  ///< [movement × leg] 1 when the movement crosses the leg's crosswalk

  [[nodiscard]] Conflict between(std::size_t a, std::size_t b) const noexcept {
    return vehicle[a * movement_count + b];
  }
  [[nodiscard]] bool crosses_crosswalk(std::size_t movement, std::size_t leg) const noexcept {
    return pedestrian[movement * leg_count + leg] != 0;
  }
};

/// The conflict matrix of `node` from its legs' bearings (given, or from coordinates).
[[nodiscard]] ConflictMatrix conflict_matrix(const Node& node, const Network& network);

/// `geometry` where `foes` (movement id -> its foes, `SumoSignal::foes`) agrees: movements the bearings
/// make cross or merge do not conflict unless either lists the other (SUMO's paths through the junction
/// do not meet: a channelized turn, a cluster of junctions). Foes the bearings do not see stay without a
/// conflict: SUMO settles them by its right-of-way (`response`), which a plan need not.
[[nodiscard]] ConflictMatrix with_foes(ConflictMatrix geometry, const Node& node,
                                       const std::map<std::string, std::vector<std::string>>& foes);

}  // namespace itsc::detail

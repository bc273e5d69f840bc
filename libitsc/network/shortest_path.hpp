#pragma once
// Shortest paths over the link graph (movements join links); Boost.Graph stays in the .cpp.

#include <cstddef>
#include <functional>
#include <vector>

#include "itsc/network.hpp"

namespace itsc::detail {

/// Shortest path from link `from` to link `to` (both included) through the movements, where entering
/// a link costs `cost(link index)`; empty if `to` cannot be reached. Dijkstra's algorithm.
[[nodiscard]] std::vector<std::size_t> shortest_link_path(const Network& network, std::size_t from, std::size_t to,
                                                          const std::function<double(std::size_t)>& cost);

}  // namespace itsc::detail

#pragma once
// Topology queries over the network (Boost.Graph stays in topology.cpp).

#include <cstddef>
#include <vector>

#include "itsc/network.hpp"

namespace itsc::detail {

struct Reachability {
  std::vector<bool> reached_from_entry;  ///< per link: some entry link leads to it through movements
  std::vector<bool> reaches_exit;        ///< per link: it leads to some exit link through movements
  std::size_t components = 0;            ///< connected parts of the node graph (links as undirected edges)
};

/// Follows movements (from-link to to-link) from the entry links and back from the exit links.
/// Links with unknown end nodes are treated as isolated.
[[nodiscard]] Reachability analyze_reachability(const Network& network);

}  // namespace itsc::detail

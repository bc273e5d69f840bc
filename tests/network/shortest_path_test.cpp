// Shortest link paths (SUMO trips from/to): reachable, unreachable, and the trivial path.
#include <doctest/doctest.h>

#include "network/shortest_path.hpp"

using itsc::detail::shortest_link_path;

namespace {

// A → B → C one way: links AB, BC, and a link CA that no movement joins to the others.
itsc::Network one_way_chain() {
  itsc::Network network;
  for (const char* id : {"A", "B", "C"}) {
    itsc::Node node;
    node.id = id;
    network.nodes.push_back(node);
  }
  for (const char* id : {"AB", "BC", "CA"}) {
    itsc::Link link;
    link.id = id;
    link.from = std::string(1, id[0]);
    link.to = std::string(1, id[1]);
    network.links.push_back(link);
  }
  // Copied from the links (g++ 12 -O3 sees a false "maybe uninitialized" in a literal's assignment here).
  itsc::Movement movement;
  movement.id = network.links[0].id + "_" + network.links[1].id;
  movement.from_link = network.links[0].id;
  movement.to_link = network.links[1].id;
  network.nodes[1].movements.push_back(movement);
  return network;
}

double unit_cost(std::size_t) { return 1.0; }

}  // namespace

TEST_CASE("shortest path: through movements, none where no movement leads") {
  const itsc::Network network = one_way_chain();
  CHECK(shortest_link_path(network, 0, 1, unit_cost) == std::vector<std::size_t>{0, 1});
  CHECK(shortest_link_path(network, 1, 1, unit_cost) == std::vector<std::size_t>{1});
  // Regression (fuzzing): an unreachable link once sent the path walk round forever.
  CHECK(shortest_link_path(network, 1, 0, unit_cost).empty());
  CHECK(shortest_link_path(network, 2, 0, unit_cost).empty());
}

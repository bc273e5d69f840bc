#include "network/shortest_path.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <limits>

#include "util/id_index.hpp"

namespace itsc::detail {

std::vector<std::size_t> shortest_link_path(const Network& network, std::size_t from, std::size_t to,
                                            const std::function<double(std::size_t)>& cost) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                      boost::property<boost::edge_weight_t, double>>;
  const IdIndex links(network.links);
  Graph graph(network.links.size());
  for (const Node& node : network.nodes) {
    for (const Movement& movement : node.movements) {
      const auto a = links.find(movement.from_link);
      const auto b = links.find(movement.to_link);
      if (a && b) boost::add_edge(*a, *b, cost(*b), graph);
    }
  }
  std::vector<std::size_t> predecessor(network.links.size());
  std::vector<double> distance(network.links.size(), std::numeric_limits<double>::infinity());
  boost::dijkstra_shortest_paths(
      graph, from,
      boost::predecessor_map(boost::make_iterator_property_map(predecessor.begin(), boost::get(boost::vertex_index, graph)))
          .distance_map(boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, graph))));
  // Boost marks an unreached vertex by leaving it its own predecessor (its distance stays at the
  // "infinity" Boost chose, not necessarily ours), so that is the test.
  if (to != from && predecessor[to] == to) return {};
  std::vector<std::size_t> path{to};
  while (path.back() != from) path.push_back(predecessor[path.back()]);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace itsc::detail

#include "network/topology.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/reverse_graph.hpp>

#include "util/id_index.hpp"

namespace itsc::detail {

namespace {

using LinkGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using NodeGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// Marks every vertex reachable from `sources` (a multi-source breadth-first search).
template <typename Graph>
std::vector<bool> reachable(const Graph& graph, const std::vector<std::size_t>& sources) {
  const std::size_t count = boost::num_vertices(graph);
  std::vector<boost::default_color_type> colors(count, boost::white_color);
  auto color_map = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph));
  boost::queue<typename boost::graph_traits<Graph>::vertex_descriptor> queue;
  for (std::size_t source : sources) {
    if (colors[source] == boost::white_color) {
      boost::breadth_first_visit(graph, source, queue, boost::default_bfs_visitor(), color_map);
    }
  }
  std::vector<bool> result(count);
  for (std::size_t v = 0; v < count; ++v) result[v] = colors[v] != boost::white_color;
  return result;
}

}  // namespace

Reachability analyze_reachability(const Network& network) {
  const IdIndex link_ids(network.links);
  const IdIndex node_ids(network.nodes);
  LinkGraph links(network.links.size());
  for (const Node& node : network.nodes) {
    for (const Movement& movement : node.movements) {
      const auto from = link_ids.find(movement.from_link);
      const auto to = link_ids.find(movement.to_link);
      if (from && to) boost::add_edge(*from, *to, links);
    }
  }
  Reachability result;
  result.reached_from_entry = reachable(links, network.entry_links());
  result.reaches_exit = reachable(boost::make_reverse_graph(links), network.exit_links());

  NodeGraph nodes(network.nodes.size());
  for (const Link& link : network.links) {
    const auto from = node_ids.find(link.from);
    const auto to = node_ids.find(link.to);
    if (from && to) boost::add_edge(*from, *to, nodes);
  }
  std::vector<std::size_t> component(network.nodes.size());
  result.components = network.nodes.empty() ? 0 : static_cast<std::size_t>(boost::connected_components(
                                                      nodes, component.data()));
  return result;
}

}  // namespace itsc::detail

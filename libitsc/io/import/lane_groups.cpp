// Lane groups from the movements each lane of an approach serves: lanes that share a movement are one
// group (the engine gives a movement one group), found by union-find over the lanes.
#include <algorithm>
#include <numeric>

#include "io/import/import_steps.hpp"

namespace itsc::detail {

void add_lane_groups(Node& node, const std::string& link, const std::map<int, std::set<std::string>>& lanes,
                     const std::function<std::string(int lane)>& lane_id) {
  std::vector<int> indices;
  for (const auto& entry : lanes) indices.push_back(entry.first);
  std::vector<std::size_t> parent(indices.size());
  std::iota(parent.begin(), parent.end(), 0);
  const auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (std::size_t a = 0; a < indices.size(); ++a) {
    for (std::size_t b = a + 1; b < indices.size(); ++b) {
      const auto& first = lanes.at(indices[a]);
      const auto& second = lanes.at(indices[b]);
      const bool shared = std::any_of(first.begin(), first.end(), [&](const std::string& m) { return second.count(m) != 0; });
      if (shared) parent[find(b)] = find(a);
    }
  }
  for (std::size_t root = 0; root < indices.size(); ++root) {
    if (find(root) != root) continue;
    LaneGroup group;
    group.link = link;
    group.lanes = 0;
    std::set<std::string> movements;
    for (std::size_t i = 0; i < indices.size(); ++i) {
      if (find(i) != root) continue;
      ++group.lanes;
      movements.insert(lanes.at(indices[i]).begin(), lanes.at(indices[i]).end());
    }
    group.id = lane_id(indices[root]);
    // Keep the node's movement order.
    for (const Movement& movement : node.movements) {
      if (movements.count(movement.id) != 0) group.movements.push_back(movement.id);
    }
    node.lane_groups.push_back(std::move(group));
  }
}

}  // namespace itsc::detail

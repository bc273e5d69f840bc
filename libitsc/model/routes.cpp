#include "model/routes.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace itsc::detail {

namespace {

// A movement no traffic may take (`Movement::closed`); synthesized movements are never closed.
bool closed(const Model& model, const Scenario& scenario, std::uint32_t m) {
  const Node& node = scenario.network.nodes[model.movement_node[m]];
  return std::any_of(node.movements.begin(), node.movements.end(),
                     [&](const Movement& movement) { return movement.id == model.movement_id[m] && movement.closed; });
}

// Per link: the movement a through route follows from it (kNone: none), the first of its leaving
// movements that is declared through and open.
std::vector<std::uint32_t> through_successors(const Model& model, const Scenario& scenario) {
  std::vector<std::uint32_t> next(model.link_count(), kNone);
  for (std::size_t l = 0; l < model.link_count(); ++l) {
    for (auto m = model.link_movement_begin[l]; m < model.link_movement_end[l]; ++m) {
      if (model.movement_turn[m] == TurnType::through && !closed(model, scenario, m)) {
        next[l] = m;
        break;
      }
    }
  }
  return next;
}

bool signalized(const Model& model, std::uint32_t m) {
  return model.node_control[model.movement_node[m]] == NodeControl::signalized;
}

}  // namespace

void compile_routes(Model& model, const Scenario& scenario) {
  const std::vector<std::uint32_t> next = through_successors(model, scenario);
  std::vector<bool> fed(model.link_count(), false);  // a followed through movement leads into it
  for (const auto m : next) {
    if (m != kNone) fed[model.movement_to_link[m]] = true;
  }
  model.route_id.clear();
  model.route_movement.clear();
  model.route_movement_begin.assign(1, 0);
  for (std::size_t start = 0; start < model.link_count(); ++start) {
    if (fed[start] || next[start] == kNone) continue;
    std::vector<std::uint32_t> chain;
    std::vector<bool> seen(model.link_count(), false);
    for (std::size_t link = start; next[link] != kNone && !seen[link]; link = model.movement_to_link[next[link]]) {
      seen[link] = true;
      chain.push_back(next[link]);
    }
    const auto first = std::find_if(chain.begin(), chain.end(), [&](std::uint32_t m) { return signalized(model, m); });
    const auto last = std::find_if(chain.rbegin(), chain.rend(), [&](std::uint32_t m) { return signalized(model, m); });
    if (first == chain.end() || first == last.base() - 1) continue;  // fewer than two signals
    model.route_movement.insert(model.route_movement.end(), first, last.base());
    model.route_movement_begin.push_back(static_cast<std::uint32_t>(model.route_movement.size()));
    std::string id = model.node_id[model.movement_node[*first]] + "->" +
                     model.node_id[model.movement_node[*(last.base() - 1)]];
    // Two routes between the same signals (a rare fork and merge) are told apart by their first link.
    if (std::find(model.route_id.begin(), model.route_id.end(), id) != model.route_id.end()) {
      id += " from " + model.link_id[start];
    }
    model.route_id.push_back(std::move(id));
  }
}

}  // namespace itsc::detail

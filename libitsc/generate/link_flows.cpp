// Link flows implied by entry flows and turning proportions (used to time the initial plans).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include "generate/street_grid.hpp"

namespace itsc::detail {

namespace {

// One approach's split: (leaving link, fraction of the approach).
struct Split {
  std::string from_link;
  std::vector<std::pair<std::string, double>> to_links;
};

std::vector<Split> splits(const Scenario& scenario) {
  std::vector<Split> result;
  for (const ApproachTurns& approach : scenario.demand.turns) {
    const Node* node = scenario.network.find_node(approach.node);
    if (node == nullptr) continue;
    double total = 0;
    for (const TurnShare& share : approach.shares) total += share.values.empty() ? 0 : share.values.front();
    Split split{approach.link, {}};
    for (const TurnShare& share : approach.shares) {
      const double value = share.values.empty() ? 0 : share.values.front();
      for (const Movement& movement : node->movements) {
        if (movement.id != share.movement) continue;
        const double fraction = approach.counts ? (total > 0 ? value / total : 0) : value;
        split.to_links.emplace_back(movement.to_link, fraction);
      }
    }
    result.push_back(std::move(split));
  }
  return result;
}

}  // namespace

std::map<std::string, double> link_flows(const Scenario& scenario) {
  std::map<std::string, double> entries;
  for (const EntryFlow& entry : scenario.demand.entries) {
    entries[entry.link] += entry.flow_veh_per_h.empty() ? 0 : entry.flow_veh_per_h.front();
  }
  const std::vector<Split> approach_splits = splits(scenario);
  // Jacobi iteration: each pass carries the flows one more link downstream. Traffic leaves at the
  // boundary, so the flows converge geometrically; loops without an exit would not.
  constexpr int kMaxPasses = 100000;
  constexpr double kTolerance_veh_per_h = 1e-9;
  std::map<std::string, double> flows = entries;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    std::map<std::string, double> next = entries;
    for (const Split& split : approach_splits) {
      const auto from = flows.find(split.from_link);
      if (from == flows.end()) continue;
      for (const auto& [to_link, fraction] : split.to_links) next[to_link] += from->second * fraction;
    }
    double change = 0;
    for (const auto& [link, flow] : next) {
      const auto old = flows.find(link);
      change = std::max(change, std::abs(flow - (old == flows.end() ? 0 : old->second)));
    }
    flows = std::move(next);
    if (change < kTolerance_veh_per_h) return flows;
  }
  throw Error(ErrorCode::invalid_input,
              "link flows do not converge: some traffic can never leave the network");
}

}  // namespace itsc::detail

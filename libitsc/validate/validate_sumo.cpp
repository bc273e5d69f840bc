// Checks of what the SUMO import keeps (`sumo:`): each entry names a signalized node once, its
// movements exist, and every link index lies within the traffic light's state strings.
#include <set>
#include <string>

#include "util/id_index.hpp"
#include "validate/checker.hpp"
#include "validate/validate_parts.hpp"

namespace itsc::detail {

namespace {
constexpr int kMaxSumoLinks = 10'000;           // signals of one SUMO traffic light
constexpr double kMaxSumoTime_s = 365 * 86'400; // a year of SUMO time
}  // namespace

void validate_sumo(Checker& checker, const Scenario& scenario) {
  checker.within("sumo.begin_s", scenario.sumo.begin_s, -kMaxSumoTime_s, kMaxSumoTime_s, "s");
  const IdIndex nodes(scenario.network.nodes);
  std::set<std::string_view> seen;
  for (std::size_t s = 0; s < scenario.sumo.signals.size(); ++s) {
    const SumoSignal& signal = scenario.sumo.signals[s];
    const std::string path = indexed("sumo.signals", s);
    const auto node = nodes.find(signal.node);
    if (!node) {
      checker.error(path + ".node", "unknown node '" + signal.node + "'");
    } else if (scenario.network.nodes[*node].control != NodeControl::signalized) {
      checker.error(path + ".node", "node '" + signal.node + "' is not signalized");
    }
    if (!seen.insert(signal.node).second) checker.error(path + ".node", "node '" + signal.node + "' is listed twice");
    if (signal.tls.empty()) checker.error(path + ".tls", "must not be empty");
    const bool count_ok = checker.positive_integer(path + ".link_count", signal.link_count, kMaxSumoLinks);
    const IdIndex movements = node ? IdIndex(scenario.network.nodes[*node].movements) : IdIndex();
    for (const auto& [movement, indices] : signal.link_indices) {
      const std::string movement_path = path + ".link_indices." + movement;
      if (node && !movements.contains(movement)) {
        checker.error(movement_path, "unknown movement '" + movement + "' at node '" + signal.node + "'");
      }
      for (std::size_t i = 0; i < indices.size() && count_ok; ++i) {
        if (indices[i] < 0 || indices[i] >= signal.link_count) {
          checker.error(indexed(movement_path, i), "link index " + std::to_string(indices[i]) + " is outside 0.." +
                                                       std::to_string(signal.link_count - 1));
        }
      }
    }
    if (!signal.foes || !node) continue;
    const auto known = [&](const std::string& movement, const std::string& at) {
      if (movements.contains(movement)) return;
      checker.error(at, "unknown movement '" + movement + "' at node '" + signal.node + "'");
    };
    for (const auto& [movement, foes] : *signal.foes) {
      const std::string movement_path = path + ".foes." + movement;
      known(movement, movement_path);
      for (std::size_t i = 0; i < foes.size(); ++i) known(foes[i], indexed(movement_path, i));
    }
  }
}

}  // namespace itsc::detail

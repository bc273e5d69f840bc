// The shared clean-up of imported networks in SUMO's terms; SUMO's traffic lights then forget the link
// indices and foes of what it dropped, so that the export and validation see only the movements kept.
#include <algorithm>

#include "io/sumo/import_parts.hpp"

namespace itsc::detail {

const ImportTerms& sumo_terms() {
  static const ImportTerms terms{"SUMO", "edge", "at the end of the edge, SUMO's default arrival"};
  return terms;
}

void clean_sumo_network(Scenario& scenario, std::vector<std::string>& report) {
  clean_network(scenario.network, sumo_terms(), report);
  std::erase_if(scenario.sumo.signals, [&](const SumoSignal& s) { return scenario.network.find_node(s.node) == nullptr; });
  for (SumoSignal& signal : scenario.sumo.signals) {
    const Node& node = *scenario.network.find_node(signal.node);
    const auto dropped = [&](const std::string& id) {
      return std::none_of(node.movements.begin(), node.movements.end(), [&](const Movement& m) { return m.id == id; });
    };
    std::erase_if(signal.link_indices, [&](const auto& entry) { return dropped(entry.first); });
    if (!signal.foes) continue;
    std::erase_if(*signal.foes, [&](const auto& entry) { return dropped(entry.first); });
    for (auto& entry : *signal.foes) std::erase_if(entry.second, dropped);
  }
}

}  // namespace itsc::detail

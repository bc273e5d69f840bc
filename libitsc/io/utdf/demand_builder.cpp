// UTDF Volume rows -> turning counts per approach (veh/h) and, on links from external nodes, entry
// flows of the approach's total with its volume-weighted heavy vehicles; the PHF row -> one peak hour
// factor.
#include <cmath>
#include <map>

#include "io/utdf/utdf_parts.hpp"
#include "util/format_number.hpp"

namespace itsc::detail::utdf {

const Section* volume_section(const Tables& tables) {
  const Section* section = tables.find_any({"Volume", "Volumes"});
  return section && section->record_layout() ? section : tables.find("Lanes");
}

void build_demand(const Tables& tables, Scenario& scenario, Problems& problems, std::vector<std::string>& report) {
  const Network& network = scenario.network;
  const Records volumes(volume_section(tables), problems);
  Demand& demand = scenario.demand;
  double weighted_phf = 0;
  double phf_volume = 0;
  for (const Node& node : network.nodes) {
    std::map<std::string, ApproachTurns> turns;  // link -> approach
    for (const Movement& movement : node.movements) {
      const auto volume = volumes.number(node.id, "Volume", movement.id);
      if (!volume) continue;
      if (*volume < 0) {
        volumes.problem(node.id, "Volume", movement.id, "must not be negative");
        continue;
      }
      ApproachTurns& approach = turns[movement.from_link];
      approach.node = node.id;
      approach.link = movement.from_link;
      approach.shares.push_back({movement.id, {*volume}});
      if (const auto phf = volumes.number(node.id, "PHF", movement.id); phf && *phf > 0 && *phf <= 1) {
        weighted_phf += *phf * *volume;
        phf_volume += *volume;
      }
    }
    for (auto& [link_id_, approach] : turns) {
      const Link& link = *network.find_link(link_id_);
      if (network.find_node(link.from)->control == NodeControl::boundary) {
        double total = 0;
        double heavy = 0;
        for (const TurnShare& share : approach.shares) {
          total += share.values[0];
          heavy += share.values[0] * volumes.number(node.id, "HeavyVehicles", share.movement).value_or(0);
        }
        demand.entries.push_back({link.id, {total}, total > 0 ? heavy / total : 0});
      }
      demand.turns.push_back(std::move(approach));
    }
  }
  if (phf_volume > 0 && weighted_phf / phf_volume < 1) {
    demand.peak_hour_factor = std::round(weighted_phf / phf_volume * 1000) / 1000;
    report.push_back("demand: one peak hour factor for the network, the volume-weighted mean of the PHF row: " +
                     format_number(*demand.peak_hour_factor));
  }
  problems.throw_if_any();
}

}  // namespace itsc::detail::utdf

// Demand checks: entries at boundary links, trips that start or end inside, turning counts or proportions
// per approach, pedestrians, the peak-hour-factor rule, and whether counted approach totals agree with what
// the network delivers.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "util/format_number.hpp"
#include "util/id_index.hpp"
#include "validate/checker.hpp"
#include "validate/validate_parts.hpp"

namespace itsc::detail {

namespace {

constexpr double kMaxFlow_veh_per_h = 100'000;
constexpr double kMaxPedestrians_per_h = 100'000;
constexpr double kProportionTolerance = 1e-6;
constexpr double kCountMismatchShare = 0.10;
constexpr double kBalanceTolerance_veh_per_h = 0.5;  // counts are whole vehicles: half of one per hour

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double value : values) sum += value;
  return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

// Value of a profile in interval `i` (one value: every interval).
double at(const std::vector<double>& values, std::size_t i) {
  return values.size() == 1 ? values.front() : values[i];
}

struct ProfileLength {
  std::size_t longest = 1;
  void add(const std::vector<double>& values) { longest = std::max(longest, values.size()); }
};

void check_profile_length(Checker& checker, const std::vector<double>& values, std::size_t longest,
                          const std::string& path) {
  if (values.empty()) {
    checker.error(path, "must give at least one value");
  } else if (values.size() != 1 && values.size() != longest) {
    checker.error(path, "has " + std::to_string(values.size()) + " intervals but the longest profile has " +
                            std::to_string(longest) + " (give 1 or " + std::to_string(longest) + ")");
  }
}

// Turning shares of one approach per interval, as fractions; empty if they cannot be formed.
std::vector<std::vector<double>> fractions(const ApproachTurns& turns, std::size_t intervals) {
  std::vector<std::vector<double>> result(intervals, std::vector<double>(turns.shares.size(), 0));
  for (std::size_t i = 0; i < intervals; ++i) {
    double sum = 0;
    for (const TurnShare& share : turns.shares) sum += share.values.empty() ? 0 : at(share.values, std::min(i, share.values.size() - 1));
    for (std::size_t s = 0; s < turns.shares.size(); ++s) {
      const auto& values = turns.shares[s].values;
      result[i][s] = sum > 0 && !values.empty() ? at(values, std::min(i, values.size() - 1)) / sum : 0;
    }
  }
  return result;
}

void check_turns(Checker& checker, const Scenario& scenario, const ApproachTurns& turns, const std::string& path,
                 std::size_t intervals, const IdIndex& nodes) {
  const Network& network = scenario.network;
  const auto node_index = nodes.find(turns.node);
  if (!node_index) {
    checker.error(path + ".node", "unknown node '" + turns.node + "'");
    return;
  }
  const Node& node = network.nodes[*node_index];
  const Link* link = network.find_link(turns.link);
  if (link == nullptr) {
    checker.error(path + ".link", "unknown link '" + turns.link + "'");
    return;
  }
  if (link->to != node.id) {
    checker.error(path + ".link", "link '" + turns.link + "' does not arrive at node '" + node.id + "'");
    return;
  }
  const std::string kind = turns.counts ? ".counts" : ".proportions";
  if (turns.shares.empty()) checker.error(path + kind, "must give at least one movement");
  const IdIndex movements(node.movements);
  std::set<std::string_view> seen;
  bool values_ok = true;
  for (const TurnShare& share : turns.shares) {
    const std::string share_path = path + kind + "." + share.movement;
    const auto movement = movements.find(share.movement);
    if (!movement) {
      checker.error(share_path, "unknown movement '" + share.movement + "' at node '" + node.id + "'");
      values_ok = false;
    } else if (node.movements[*movement].from_link != turns.link) {
      checker.error(share_path, "movement '" + share.movement + "' does not start on link '" + turns.link + "'");
    }
    if (!seen.insert(share.movement).second) checker.error(share_path, "movement '" + share.movement + "' is given twice");
    if (movement && node.movements[*movement].closed &&
        std::any_of(share.values.begin(), share.values.end(), [](double value) { return value != 0; })) {
      checker.error(share_path, "movement '" + share.movement + "' is closed to traffic: its " +
                                    (turns.counts ? "count" : "proportion") + " must be 0");
    }
    check_profile_length(checker, share.values, intervals, share_path);
    for (std::size_t v = 0; v < share.values.size(); ++v) {
      const std::string value_path = share.values.size() == 1 ? share_path : indexed(share_path, v);
      values_ok &= turns.counts ? checker.non_negative(value_path, share.values[v], kMaxFlow_veh_per_h, "veh/h")
                                : checker.within(value_path, share.values[v], 0, 1);
    }
  }
  if (!values_ok || turns.shares.empty()) return;
  for (std::size_t i = 0; i < intervals; ++i) {
    double sum = 0;
    for (const TurnShare& share : turns.shares) {
      if (!share.values.empty()) sum += at(share.values, std::min(i, share.values.size() - 1));
    }
    const std::string where = intervals > 1 ? " in interval " + std::to_string(i + 1) : "";
    if (turns.counts && sum <= 0) {
      checker.error(path + kind, "turning counts" + where + " are all zero");
    } else if (!turns.counts && std::fabs(sum - 1.0) > kProportionTolerance && !scenario.demand.normalize_turns) {
      checker.error(path + kind, "turning proportions" + where + " sum to " + format_number(sum) +
                                     ", not 1 (set demand.normalize_turns: true to rescale)");
    }
  }
}

// Trips that start or end on links inside the network: such a link, once each, with profiles of flows
// (veh/h) and of shares (0 to 1).
void check_trip_ends(Checker& checker, const Scenario& scenario, std::size_t intervals, const IdIndex& nodes,
                     const IdIndex& links) {
  const Network& network = scenario.network;
  const Demand& demand = scenario.demand;
  // The node at one end of a link, when the link and that node are known.
  const auto at_boundary = [&](const std::string& id, bool upstream) {
    const auto link = links.find(id);
    if (!link) return false;
    const auto node = nodes.find(upstream ? network.links[*link].from : network.links[*link].to);
    return node && network.nodes[*node].control == NodeControl::boundary;
  };
  const auto check_values = [&](const std::vector<double>& values, const std::string& path, bool shares) {
    check_profile_length(checker, values, intervals, path);
    for (std::size_t v = 0; v < values.size(); ++v) {
      const std::string value_path = values.size() == 1 ? path : indexed(path, v);
      if (shares) {
        checker.within(value_path, values[v], 0, 1);
      } else {
        checker.non_negative(value_path, values[v], kMaxFlow_veh_per_h, "veh/h");
      }
    }
  };
  const auto check_link = [&](const std::string& id, const std::string& path, std::map<std::string_view, std::size_t>& seen,
                              const std::string& list) {
    if (!links.find(id)) checker.error(path, "unknown link '" + id + "'");
    const auto [it, inserted] = seen.emplace(id, seen.size());
    if (!inserted) checker.error(path, "link '" + id + "' is already given (" + indexed(list, it->second) + ")");
  };
  std::map<std::string_view, std::size_t> sources;
  for (std::size_t s = 0; s < demand.sources.size(); ++s) {
    const EntryFlow& source = demand.sources[s];
    const std::string path = indexed("demand.sources", s);
    check_link(source.link, path + ".link", sources, "demand.sources");
    if (at_boundary(source.link, true)) {
      checker.error(path + ".link", "link '" + source.link + "' starts at a boundary node: give its flow in demand.entries");
    }
    check_values(source.flow_veh_per_h, path + ".flow_veh_per_h", false);
    checker.within(path + ".heavy_vehicle_percent", source.heavy_vehicle_percent, 0, 100, "%");
  }
  std::map<std::string_view, std::size_t> sinks;
  for (std::size_t s = 0; s < demand.sinks.size(); ++s) {
    const TripEnds& sink = demand.sinks[s];
    const std::string path = indexed("demand.sinks", s);
    check_link(sink.link, path + ".link", sinks, "demand.sinks");
    if (at_boundary(sink.link, false)) {
      checker.error(path + ".link", "link '" + sink.link + "' ends at a boundary node, where every vehicle leaves the network");
    }
    check_values(sink.share, path + ".share", true);
  }
}

// Mean flow on every link when the mean entry flows follow the mean turning shares (fixed point).
std::vector<double> delivered_flows(const Scenario& scenario, std::size_t intervals) {
  const Network& network = scenario.network;
  const IdIndex links(network.links);
  const IdIndex nodes(network.nodes);
  // What enters on each entry link, as the run takes it (counts where they win or stand alone).
  std::vector<double> entry(network.links.size(), 0);
  for (std::size_t l = 0; l < network.links.size(); ++l) {
    const auto from = nodes.find(network.links[l].from);
    if (!from || network.nodes[*from].control != NodeControl::boundary) continue;
    for (std::size_t k = 0; k < intervals; ++k) {
      entry[l] += entry_flow_veh_per_h(scenario.demand, network.links[l].id, k) / static_cast<double>(intervals);
    }
  }
  // And what starts inside; of what reaches a link's end, what does not end there turns.
  std::vector<double> kept(network.links.size(), 1.0);
  for (std::size_t l = 0; l < network.links.size(); ++l) {
    for (std::size_t k = 0; k < intervals; ++k) {
      const double count = static_cast<double>(intervals);
      entry[l] += source_flow_veh_per_h(scenario.demand, network.links[l].id, k) / count;
      kept[l] -= trip_end_share(scenario.demand, network.links[l].id, k) / count;
    }
  }
  struct Split {
    std::size_t from, to;
    double share;
  };
  std::vector<Split> splits;
  std::set<std::pair<std::string_view, std::string_view>> given;
  for (const ApproachTurns& turns : scenario.demand.turns) {
    const auto node = nodes.find(turns.node);
    const auto from = links.find(turns.link);
    if (!node || !from) continue;
    given.emplace(turns.node, turns.link);
    const IdIndex movements(network.nodes[*node].movements);
    const auto shares = fractions(turns, intervals);
    for (std::size_t s = 0; s < turns.shares.size(); ++s) {
      const auto movement = movements.find(turns.shares[s].movement);
      if (!movement) continue;
      const auto to = links.find(network.nodes[*node].movements[*movement].to_link);
      double share = 0;
      for (const auto& interval : shares) share += interval[s] / static_cast<double>(intervals);
      if (to) splits.push_back({*from, *to, share});
    }
  }
  // Approaches with a single movement send everything to it.
  for (const Node& node : network.nodes) {
    std::map<std::string_view, std::vector<const Movement*>> by_link;
    for (const Movement& movement : node.movements) by_link[movement.from_link].push_back(&movement);
    for (const auto& [link_id, list] : by_link) {
      if (list.size() != 1 || given.count({node.id, link_id}) != 0) continue;
      const auto from = links.find(link_id);
      const auto to = links.find(list.front()->to_link);
      if (from && to) splits.push_back({*from, *to, 1.0});
    }
  }
  std::vector<double> flow = entry;
  for (int iteration = 0; iteration < 500; ++iteration) {
    std::vector<double> next = entry;
    for (const Split& split : splits) next[split.to] += flow[split.from] * kept[split.from] * split.share;
    double change = 0;
    for (std::size_t l = 0; l < flow.size(); ++l) change = std::max(change, std::fabs(next[l] - flow[l]));
    flow.swap(next);
    if (change < 1e-6) break;
  }
  return flow;
}

}  // namespace

void validate_demand(Checker& checker, const Scenario& scenario) {
  const Demand& demand = scenario.demand;
  const Network& network = scenario.network;
  checker.positive("demand.interval_s", demand.interval_s, 86'400, "s");

  ProfileLength profile;
  for (const EntryFlow& entry : demand.entries) profile.add(entry.flow_veh_per_h);
  for (const EntryFlow& source : demand.sources) profile.add(source.flow_veh_per_h);
  for (const TripEnds& sink : demand.sinks) profile.add(sink.share);
  for (const ApproachTurns& turns : demand.turns) {
    for (const TurnShare& share : turns.shares) profile.add(share.values);
  }
  const std::size_t intervals = profile.longest;
  if (demand.peak_hour_factor) {
    const bool ok = checker.within("demand.peak_hour_factor", *demand.peak_hour_factor, 0.25, 1);
    if (ok && intervals > 1) {
      checker.error("demand.peak_hour_factor",
                    "applies only to a flat hourly profile; this profile has " + std::to_string(intervals) +
                        " intervals, which already carry the peaking");
    }
  }

  const IdIndex nodes(network.nodes);
  const IdIndex links(network.links);
  std::map<std::string_view, std::size_t> entry_of_link;
  for (std::size_t e = 0; e < demand.entries.size(); ++e) {
    const EntryFlow& entry = demand.entries[e];
    const std::string path = indexed("demand.entries", e);
    const auto link = links.find(entry.link);
    if (!link) {
      checker.error(path + ".link", "unknown link '" + entry.link + "'");
    } else {
      const auto from = nodes.find(network.links[*link].from);
      if (from && network.nodes[*from].control != NodeControl::boundary) {
        checker.error(path + ".link", "link '" + entry.link + "' does not start at a boundary node");
      }
    }
    const auto [it, inserted] = entry_of_link.emplace(entry.link, e);
    if (!inserted) checker.error(path + ".link", "link '" + entry.link + "' already has an entry flow (" +
                                                     indexed("demand.entries", it->second) + ")");
    check_profile_length(checker, entry.flow_veh_per_h, intervals, path + ".flow_veh_per_h");
    for (std::size_t v = 0; v < entry.flow_veh_per_h.size(); ++v) {
      const std::string value_path = entry.flow_veh_per_h.size() == 1 ? path + ".flow_veh_per_h"
                                                                      : indexed(path + ".flow_veh_per_h", v);
      checker.non_negative(value_path, entry.flow_veh_per_h[v], kMaxFlow_veh_per_h, "veh/h");
    }
    checker.within(path + ".heavy_vehicle_percent", entry.heavy_vehicle_percent, 0, 100, "%");
  }

  check_trip_ends(checker, scenario, intervals, nodes, links);

  std::map<std::pair<std::string_view, std::string_view>, std::size_t> approach_seen;
  for (std::size_t t = 0; t < demand.turns.size(); ++t) {
    const std::string path = indexed("demand.turns", t);
    const ApproachTurns& turns = demand.turns[t];
    const auto [it, inserted] = approach_seen.emplace(std::pair{std::string_view(turns.node),
                                                                std::string_view(turns.link)}, t);
    if (!inserted) {
      checker.error(path, "approach '" + turns.link + "' at node '" + turns.node + "' is already given (" +
                              indexed("demand.turns", it->second) + ")");
    }
    check_turns(checker, scenario, turns, path, intervals, nodes);
  }

  // Every approach with a choice of movements needs turning data.
  for (std::size_t n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    std::map<std::string_view, int> movements_per_link;
    for (const Movement& movement : node.movements) ++movements_per_link[movement.from_link];
    for (const auto& [link_id, count] : movements_per_link) {
      if (count > 1 && approach_seen.count({node.id, link_id}) == 0) {
        checker.error(indexed("nodes", n), "approach '" + std::string(link_id) + "' at node '" + node.id + "' has " +
                                               std::to_string(count) +
                                               " movements but no turning counts or proportions in demand.turns");
      }
    }
  }

  for (std::size_t p = 0; p < demand.pedestrians.size(); ++p) {
    const PedestrianFlow& flow = demand.pedestrians[p];
    const std::string path = indexed("demand.pedestrians", p);
    checker.non_negative(path + ".flow_ped_per_h", flow.flow_ped_per_h, kMaxPedestrians_per_h, "ped/h");
    checker.non_negative(path + ".flow_bic_per_h", flow.flow_bic_per_h, kMaxPedestrians_per_h, "bicycles/h");
    const auto node = nodes.find(flow.node);
    if (!node) {
      checker.error(path + ".node", "unknown node '" + flow.node + "'");
      continue;
    }
    const auto& legs = network.nodes[*node].legs;
    const auto leg = std::find_if(legs.begin(), legs.end(), [&](const Leg& l) { return l.id == flow.leg; });
    if (leg == legs.end()) {
      checker.error(path + ".leg", "unknown leg '" + flow.leg + "' at node '" + flow.node + "'");
    } else if (!leg->crosswalk_length_m) {
      checker.error(path + ".leg", "leg '" + flow.leg + "' at node '" + flow.node + "' has no crosswalk");
    }
  }

  if (checker.has_errors()) return;
  // Counts at an entry link's approach against its entry flow: `balance` says which wins; either way the
  // difference is reported, so that no demand changes silently.
  std::set<std::string_view> balanced;
  for (std::size_t t = 0; t < demand.turns.size(); ++t) {
    const ApproachTurns& turns = demand.turns[t];
    if (!turns.counts) continue;
    const auto link = links.find(turns.link);
    const auto from = link ? nodes.find(network.links[*link].from) : std::nullopt;
    if (!from || network.nodes[*from].control != NodeControl::boundary) continue;
    balanced.insert(turns.link);
    const auto entry = std::find_if(demand.entries.begin(), demand.entries.end(),
                                    [&](const EntryFlow& flow) { return flow.link == turns.link; });
    if (entry == demand.entries.end()) continue;  // counts alone give the entry flow
    const std::size_t e = static_cast<std::size_t>(entry - demand.entries.begin());
    for (std::size_t k = 0; k < intervals; ++k) {
      const double counted = *counted_total_veh_per_h(demand, turns.link, k);
      const double entering = profile_value(entry->flow_veh_per_h, k);
      if (std::fabs(counted - entering) <= kBalanceTolerance_veh_per_h) continue;
      const std::string when = intervals > 1 ? " in interval " + std::to_string(k + 1) : "";
      const std::string numbers = "the counts add up to " + format_number(counted) + " veh/h" + when +
                                  ", the entry flow of '" + turns.link + "' is " + format_number(entering) + " veh/h";
      switch (demand.balance) {
        case DemandBalance::entries:
          checker.warning(indexed("demand.turns", t) + ".counts",
                          numbers + ": the run scales the counts by " + format_number(std::round(entering / counted * 1000) / 1000) +
                              " (demand.balance: entries; set counts to let the counts win, or error to refuse)");
          break;
        case DemandBalance::counts:
          checker.warning(indexed("demand.entries", e) + ".flow_veh_per_h",
                          numbers + ": the run takes the counts (demand.balance: counts)");
          break;
        case DemandBalance::error:
          checker.error(indexed("demand.turns", t) + ".counts",
                        numbers + " (demand.balance: error; make them agree, or choose entries or counts)");
          break;
      }
      break;  // one message per approach: the first interval that differs
    }
  }
  // Counted approach totals inside the network against what the entries deliver through the shares.
  const std::vector<double> delivered = delivered_flows(scenario, intervals);
  for (std::size_t t = 0; t < demand.turns.size(); ++t) {
    const ApproachTurns& turns = demand.turns[t];
    if (!turns.counts || balanced.count(turns.link) != 0) continue;
    double counted = 0;
    for (const TurnShare& share : turns.shares) counted += mean(share.values);
    const double arriving = delivered[*links.find(turns.link)];
    if (std::fabs(counted - arriving) > kCountMismatchShare * std::max(arriving, 1e-9)) {
      checker.warning(indexed("demand.turns", t) + ".counts",
                      "counts total " + format_number(std::round(counted)) + " veh/h but the network delivers " +
                          format_number(std::round(arriving)) + " veh/h to approach '" + turns.link + "'");
    }
  }
}

}  // namespace itsc::detail

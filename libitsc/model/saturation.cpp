// Saturation flows under prevailing conditions (docs/model.md, "Saturation flow").
#include "model/saturation.hpp"

#include <algorithm>
#include <cmath>

#include "itsc/hcm.hpp"
#include "model/pedestrian_conflicts.hpp"

namespace itsc::detail {

namespace {

// Mean of a profile over the demand's intervals.
double mean_value(const std::vector<double>& values, std::size_t intervals) {
  double sum = 0;
  for (std::size_t k = 0; k < intervals; ++k) sum += profile_value(values, k);
  return sum / static_cast<double>(intervals);
}

// Each movement's share of its arriving link's traffic: the turning data (counts as shares), one
// leaving movement all of it; an approach without data splits evenly (demand compilation refuses it).
std::vector<double> movement_shares(const Model& model, const Demand& demand, std::size_t intervals) {
  std::vector<double> share(model.movement_count(), 0.0);
  std::vector<bool> given(model.link_count(), false);
  for (const ApproachTurns& approach : demand.turns) {
    const auto node = model.find_node(approach.node);
    const auto link = model.find_link(approach.link);
    if (node == kNone || link == kNone) continue;
    double total = 0;
    for (const TurnShare& turn : approach.shares) {
      const auto m = model.find_movement(node, turn.movement);
      if (m == kNone || model.movement_from_link[m] != link) continue;
      share[m] = std::max(0.0, mean_value(turn.values, intervals));
      total += share[m];
    }
    if (!(total > 0)) continue;
    given[link] = true;
    for (auto m = model.link_movement_begin[link]; m < model.link_movement_end[link]; ++m) share[m] /= total;
  }
  for (std::size_t l = 0; l < model.link_count(); ++l) {
    const auto begin = model.link_movement_begin[l];
    const auto end = model.link_movement_end[l];
    if (given[l] || begin == end) continue;
    for (auto m = begin; m < end; ++m) share[m] = 1.0 / static_cast<double>(end - begin);
  }
  // Of the vehicles whose trips do not end on the link ahead of its stop line.
  for (const TripEnds& ends : demand.sinks) {
    const auto link = model.find_link(ends.link);
    if (link == kNone || ends.at_stop_line) continue;
    const double kept = 1.0 - std::clamp(mean_value(ends.share, intervals), 0.0, 1.0);
    for (auto m = model.link_movement_begin[link]; m < model.link_movement_end[link]; ++m) share[m] *= kept;
  }
  return share;
}

// Each movement's share of its arriving link's traffic that it carries into its leaving link: its share
// less the trips that end at its stop line.
std::vector<double> carried_shares(const Model& model, const Demand& demand, std::size_t intervals) {
  std::vector<double> share = movement_shares(model, demand, intervals);
  for (const TripEnds& ends : demand.sinks) {
    const auto link = model.find_link(ends.link);
    if (link == kNone || !ends.at_stop_line) continue;
    const double kept = 1.0 - std::clamp(mean_value(ends.share, intervals), 0.0, 1.0);
    for (auto m = model.link_movement_begin[link]; m < model.link_movement_end[link]; ++m) share[m] *= kept;
  }
  return share;
}

}  // namespace

hcm::GroupKind group_kind(const Model& model, std::size_t g) {
  bool all_left = true;
  bool all_right = true;
  for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
    const TurnType turn = model.movement_turn[m];
    all_left = all_left && (turn == TurnType::left || turn == TurnType::u_turn);
    all_right = all_right && turn == TurnType::right;
  }
  if (all_left) return hcm::GroupKind::exclusive_left;
  return all_right ? hcm::GroupKind::exclusive_right : hcm::GroupKind::through_or_shared;
}

namespace {

// Link flows of a quantity that enters at the entries (`entry`, [link]) and follows the movements'
// shares, by fixed point: f = entries + what the movements into each link carry. Traffic leaves a
// network through its exits, so the iteration contracts; loops without exits stop at the cap.
std::vector<double> carried_link_flows(const Model& model, const std::vector<double>& entry,
                                       const std::vector<double>& share) {
  std::vector<double> flow = entry;
  std::vector<double> next(model.link_count());
  constexpr int kMaxRounds = 10'000;
  for (int round = 0; round < kMaxRounds; ++round) {
    next = entry;
    for (std::size_t m = 0; m < model.movement_count(); ++m) {
      next[model.movement_to_link[m]] += flow[model.movement_from_link[m]] * share[m];
    }
    double change = 0;
    double largest = 0;
    for (std::size_t l = 0; l < model.link_count(); ++l) {
      change = std::max(change, std::abs(next[l] - flow[l]));
      largest = std::max(largest, next[l]);
    }
    flow.swap(next);
    if (change <= 1e-9 * (1.0 + largest)) break;
  }
  return flow;
}

// Mean entry flow of every entry link (boundary entry or source) over the demand's intervals (veh/h, [link]).
std::vector<double> mean_entry_flows(const Model& model, const Demand& demand, std::size_t intervals) {
  std::vector<double> entry(model.link_count(), 0.0);
  for (std::size_t e = 0; e < model.entry_count(); ++e) {
    const std::string& link = model.link_id[model.entry_link[e]];
    double q = 0;
    for (std::size_t k = 0; k < intervals; ++k) {
      q += model.entry_is_source[e] != 0 ? source_flow_veh_per_h(demand, link, k) : entry_flow_veh_per_h(demand, link, k);
    }
    entry[model.entry_link[e]] = q / static_cast<double>(intervals);
  }
  return entry;
}

}  // namespace

std::vector<double> heavy_vehicle_percent_per_link(const Model& model, const Demand& demand) {
  const std::size_t links = model.link_count();
  std::vector<double> percent(links, 0.0);
  const auto heavy_in = [](const std::vector<EntryFlow>& flows) {
    return std::any_of(flows.begin(), flows.end(), [](const EntryFlow& flow) { return flow.heavy_vehicle_percent > 0; });
  };
  if (!heavy_in(demand.entries) && !heavy_in(demand.sources)) return percent;
  const std::size_t intervals = interval_count(demand);
  const std::vector<double> entry = mean_entry_flows(model, demand, intervals);
  std::vector<double> entry_heavy(links, 0.0);
  for (std::size_t e = 0; e < model.entry_count(); ++e) {
    const auto l = model.entry_link[e];
    for (const EntryFlow& flow : model.entry_is_source[e] != 0 ? demand.sources : demand.entries) {
      if (flow.link == model.link_id[l]) entry_heavy[l] = entry[l] * std::clamp(flow.heavy_vehicle_percent, 0.0, 100.0) / 100.0;
    }
  }
  const std::vector<double> share = carried_shares(model, demand, intervals);
  const std::vector<double> flow = carried_link_flows(model, entry, share);
  const std::vector<double> heavy = carried_link_flows(model, entry_heavy, share);
  for (std::size_t l = 0; l < links; ++l) percent[l] = flow[l] > 0 ? std::clamp(100.0 * heavy[l] / flow[l], 0.0, 100.0) : 0.0;
  return percent;
}

std::vector<double> mean_movement_flows_veh_per_h(const Model& model, const Demand& demand) {
  const std::size_t intervals = interval_count(demand);
  const std::vector<double> share = movement_shares(model, demand, intervals);
  const std::vector<double> link =
      carried_link_flows(model, mean_entry_flows(model, demand, intervals), carried_shares(model, demand, intervals));
  std::vector<double> flow(model.movement_count());
  for (std::size_t m = 0; m < model.movement_count(); ++m) flow[m] = link[model.movement_from_link[m]] * share[m];
  return flow;
}

void compile_saturation(Model& model, const Scenario& scenario) {
  const std::vector<double> heavy_percent = heavy_vehicle_percent_per_link(model, scenario.demand);
  model.lane_group_factors.assign(model.lane_group_count(), hcm::SaturationFactors{});
  model.movement_saturation_factor.assign(model.movement_count(), 1.0);
  model.movement_pedestrian_factor.assign(model.movement_count(), 1.0);
  model.yield_pedestrian_factor.assign(model.yield_movement.size(), 1.0);
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    if (model.lane_group_signalized[g] == 0) continue;
    const Node& node = scenario.network.nodes[model.lane_group_node[g]];
    const std::string& link = model.link_id[model.lane_group_link[g]];
    const auto group = std::find_if(node.lane_groups.begin(), node.lane_groups.end(),
                                    [&](const LaneGroup& lg) { return lg.id == model.lane_group_id[g]; });
    const LaneGroup drawn{};  // a group the scenario leaves to the compiler: default conditions
    const LaneGroup& conditions = group != node.lane_groups.end() ? *group : drawn;
    const auto leg = std::find_if(node.legs.begin(), node.legs.end(), [&](const Leg& l) { return l.in_link == link; });
    const int lanes = model.lane_group_lanes[g];
    hcm::SaturationFactors& f = model.lane_group_factors[g];
    f.lane_width = hcm::lane_width_factor(conditions.lane_width_m);
    f.heavy_vehicles_grade = hcm::heavy_vehicle_grade_factor(heavy_percent[model.lane_group_link[g]],
                                                             leg != node.legs.end() ? leg->grade_percent : 0.0);
    if (conditions.parking_maneuvers_per_h) f.parking = hcm::parking_factor(lanes, *conditions.parking_maneuvers_per_h);
    f.bus_blockage = hcm::bus_blockage_factor(lanes, conditions.buses_stopping_per_h);
    f.area_type = hcm::area_type_factor(node.area_type == AreaType::cbd);
    f.lane_utilization = conditions.lane_utilization_factor.value_or(hcm::default_lane_utilization(group_kind(model, g), lanes));
    model.lane_group_saturation_veh_per_s[g] *= f.product();
    for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
      const TurnType turn = model.movement_turn[m];
      if (turn == TurnType::left || turn == TurnType::u_turn) model.movement_saturation_factor[m] = 1.0 / hcm::kLeftTurnEquivalent;
      if (turn == TurnType::right) model.movement_saturation_factor[m] = 1.0 / hcm::kRightTurnEquivalent;
    }
  }
  compile_pedestrian_factors(model, scenario);
  // What max-pressure weighs: each movement's own saturation flow.
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    IntersectionLayout& layout = model.signal_layout[s];
    for (auto m = model.signal_movement_begin[s]; m < model.signal_movement_end[s]; ++m) {
      layout.saturation_veh_per_s[m - model.signal_movement_begin[s]] =
          model.lane_group_saturation_veh_per_s[model.movement_lane_group[m]] * model.movement_saturation_factor[m];
    }
  }
}

}  // namespace itsc::detail

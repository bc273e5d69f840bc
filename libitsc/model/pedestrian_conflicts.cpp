// Pedestrian adjustment factors of turns at signals (docs/model.md, "Saturation flow").
#include "model/pedestrian_conflicts.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "itsc/error.hpp"
#include "itsc/hcm.hpp"
#include "itsc/interval_table.hpp"
#include "itsc/ring_plan.hpp"
#include "model/saturation.hpp"

namespace itsc::detail {

namespace {

bool is_left(TurnType turn) { return turn == TurnType::left || turn == TurnType::u_turn; }
bool any_green(Indication shown) { return is_green(shown); }
bool protected_green(Indication shown) { return shown == Indication::protected_green; }
bool permitted_green(Indication shown) { return shown == Indication::permitted_green; }
using Shows = bool (*)(Indication);

// One signal's cycle as its scenario plan plays it: the column of each movement and crosswalk.
struct Cycle {
  const IntervalTable& table;
  double lost_s;    // l1
  double usable_s;  // e

  [[nodiscard]] double length_s(std::size_t i) const { return static_cast<double>(table.end(i) - table.start[i]) / 10; }
  [[nodiscard]] double cycle_s() const { return static_cast<double>(table.cycle) / 10; }
  [[nodiscard]] std::size_t next(std::size_t i) const { return (i + 1) % table.interval_count(); }
  [[nodiscard]] bool walking(std::size_t i, std::size_t crosswalk) const {
    return table.pedestrian(i, crosswalk) != PedestrianIndication::dont_walk;
  }

  // Effective green of what `shows` picks out in movement column j: its displayed time, less l1 where it
  // starts after a red or yellow, plus the usable part (at most e) of a yellow that follows it.
  [[nodiscard]] double effective_green_s(std::size_t j, Shows shows) const {
    const std::size_t n = table.interval_count();
    double green = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!shows(table.indication(i, j))) continue;
      green += length_s(i);
      if (!is_green(table.indication((i + n - 1) % n, j))) green -= lost_s;
      double yellow = 0;
      for (std::size_t k = next(i); table.indication(k, j) == Indication::yellow && k != i; k = next(k)) {
        yellow += length_s(k);
      }
      if (!shows(table.indication(next(i), j))) green += std::min(yellow, usable_s);
    }
    return std::max(0.0, green);
  }

  // Time of a cycle in which the crosswalk shows walk or flashing don't walk: its pedestrian service time.
  [[nodiscard]] double pedestrian_service_s(std::size_t crosswalk) const {
    double service = 0;
    for (std::size_t i = 0; i < table.interval_count(); ++i) service += walking(i, crosswalk) ? length_s(i) : 0.0;
    return service;
  }

  // The part of it while movement column j shows what `shows` picks out.
  [[nodiscard]] double service_in_green_s(std::size_t j, Shows shows, std::size_t crosswalk) const {
    double service = 0;
    for (std::size_t i = 0; i < table.interval_count(); ++i) {
      if (shows(table.indication(i, j)) && walking(i, crosswalk)) service += length_s(i);
    }
    return service;
  }
};

// The crosswalk column a turn conflicts with: that of the leg it leaves by, if the leg has one.
std::optional<std::size_t> receiving_crosswalk(const Model& model, const Node& node, const IntersectionLayout& layout,
                                               std::uint32_t m) {
  const std::string& out = model.link_id[model.movement_to_link[m]];
  const auto leg = std::find_if(node.legs.begin(), node.legs.end(), [&](const Leg& l) { return l.out_link == out; });
  if (leg == node.legs.end()) return std::nullopt;
  const auto found = std::find(layout.crosswalks.begin(), layout.crosswalks.end(), leg->id);
  if (found == layout.crosswalks.end()) return std::nullopt;
  return static_cast<std::size_t>(found - layout.crosswalks.begin());
}

// Pedestrians crossing a crosswalk of the node (p/h), or the bicycles beside it (`bicycles`): its
// `demand.pedestrians` rows added up.
double crossing_per_h(const Demand& demand, const std::string& node, const std::string& leg, bool bicycles = false) {
  double flow = 0;
  for (const PedestrianFlow& p : demand.pedestrians) {
    if (p.node == node && p.leg == leg) flow += std::max(0.0, bicycles ? p.flow_bic_per_h : p.flow_ped_per_h);
  }
  return flow;
}

// HCM's A_pbT tells a receiving approach with more lanes than the turn uses from one without: an
// exclusive turn group turns from all its lanes, a shared group from its curb (or median) lane.
bool more_receiving_lanes(const Model& model, std::uint32_t m) {
  const auto g = model.movement_lane_group[m];
  const hcm::GroupKind kind = group_kind(model, g);
  const int turning = kind == hcm::GroupKind::through_or_shared ? 1 : model.lane_group_lanes[g];
  return model.link_lanes[model.movement_to_link[m]] > turning;
}

// The service time of the opposing queue a permitted left waits behind (s): the longest over the lane
// groups of the flows it yields to, each a lane of the group's mean flow per lane at the group's
// saturation flow for its traffic mix, after the red of that movement.
double opposing_queue_s(const Model& model, const Cycle& cycle, std::uint32_t signal_begin, std::size_t k,
                        const std::vector<double>& flow_veh_per_h, double phf) {
  double longest = 0;
  for (auto c = model.yield_conflict_begin[k]; c < model.yield_conflict_begin[k + 1]; ++c) {
    if (!(model.conflict_weight[c] > 0)) continue;
    const auto other = model.conflict_movement[c];
    const auto g = model.movement_lane_group[other];
    double group_flow = 0;
    double equivalents = 0;  // through cars of the group's flow
    for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
      group_flow += flow_veh_per_h[m];
      equivalents += flow_veh_per_h[m] / model.movement_saturation_factor[m];
    }
    if (!(group_flow > 0)) continue;
    const double lanes = model.lane_group_lanes[g];
    const double saturation = model.lane_group_saturation_veh_per_s[g] * 3600.0 * group_flow / equivalents / lanes;
    const double red_s = cycle.cycle_s() - cycle.effective_green_s(other - signal_begin, any_green);
    longest = std::max(longest, hcm::queue_service_time_s(group_flow / phf / lanes, saturation, red_s));
  }
  return longest;
}

}  // namespace

void compile_pedestrian_factors(Model& model, const Scenario& scenario) {
  if (scenario.demand.pedestrians.empty()) return;
  std::vector<double> flow_veh_per_h;  // the movements' mean flows, once a permitted left needs them
  const double phf = scenario.demand.peak_hour_factor.value_or(1.0);
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    const Node& node = scenario.network.nodes[model.signalized_nodes[s]];
    const auto timing = scenario.timing.find(node.id);
    if (timing == scenario.timing.end()) continue;
    const IntersectionLayout& layout = model.signal_layout[s];
    IntervalTable table;
    try {
      table = compile_interval_table(resolve_timing(timing->second, node, scenario.network), layout.movements,
                                     layout.crosswalks, layout.turn_on_red);
    } catch (const Error&) {
      continue;  // a plan that does not compile (validation and compile_plan say why) knows no walk
    }
    const Cycle cycle{table, model.startup_lost_tenths / 10.0, model.usable_yellow_tenths / 10.0};
    const auto begin = model.signal_movement_begin[s];
    // Rights first, over all their green: an opposing queue's service time depends on them.
    for (int pass = 0; pass < 2; ++pass) {
      for (auto m = begin; m < model.signal_movement_end[s]; ++m) {
        const TurnType turn = model.movement_turn[m];
        if (pass == 0 ? turn != TurnType::right : !is_left(turn)) continue;
        const auto crosswalk = receiving_crosswalk(model, node, layout, m);
        if (!crosswalk) continue;
        const double pedestrians = crossing_per_h(scenario.demand, node.id, layout.crosswalks[*crosswalk]);
        const double bicycles =
            turn == TurnType::right ? crossing_per_h(scenario.demand, node.id, layout.crosswalks[*crosswalk], true) : 0.0;
        const double service_s = cycle.pedestrian_service_s(*crosswalk);
        if (!(pedestrians > 0 && service_s > 0) && !(bicycles > 0)) continue;
        const double occupancy =
            hcm::pedestrian_occupancy(hcm::pedestrian_flow_in_service(pedestrians, cycle.cycle_s(), service_s));
        const bool more_lanes = more_receiving_lanes(model, m);
        const std::size_t j = m - begin;
        // A right over all its green; a left over its protected green, as a left from a one-way street
        // (HCM Eq. 31-84), nothing opposing it then.
        const Shows shows = turn == TurnType::right ? any_green : protected_green;
        const double green_s = cycle.effective_green_s(j, shows);
        // The bicycles go with the through green beside the right turn (HCM Eq. 31-77 over its green).
        const double bicycle_occupancy =
            hcm::bicycle_occupancy(hcm::bicycle_flow_in_green(bicycles, cycle.cycle_s(), green_s));
        const double f = hcm::turn_pedestrian_bicycle_factor(
            hcm::right_turn_conflict_occupancy(occupancy, cycle.service_in_green_s(j, shows, *crosswalk), green_s,
                                               bicycle_occupancy),
            more_lanes);
        model.movement_pedestrian_factor[m] = f;
        model.movement_saturation_factor[m] *= f;
        if (model.movement_yield[m] != YieldRule::permitted_green) continue;
        const auto yield = std::lower_bound(model.yield_movement.begin(), model.yield_movement.end(), m);
        const auto k = static_cast<std::size_t>(yield - model.yield_movement.begin());
        if (flow_veh_per_h.empty()) flow_veh_per_h = mean_movement_flows_veh_per_h(model, scenario.demand);
        double opposing_flow = 0;
        for (auto c = model.yield_conflict_begin[k]; c < model.yield_conflict_begin[k + 1]; ++c) {
          opposing_flow += model.conflict_weight[c] * flow_veh_per_h[model.conflict_movement[c]] / phf;
        }
        const double permitted_s = cycle.effective_green_s(j, permitted_green);
        model.yield_pedestrian_factor[k] = hcm::turn_pedestrian_bicycle_factor(
            hcm::permitted_left_conflict_occupancy(
                occupancy, cycle.service_in_green_s(j, permitted_green, *crosswalk), permitted_s,
                std::min(permitted_s, opposing_queue_s(model, cycle, begin, k, flow_veh_per_h, phf)), opposing_flow),
            more_lanes);
      }
    }
  }
}

}  // namespace itsc::detail

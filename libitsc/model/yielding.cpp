// Gap acceptance at compile time: the yield rule, headways and conflicting movements of every movement.
#include "model/yielding.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "itsc/error.hpp"
#include "itsc/hcm.hpp"
#include "network/geometry.hpp"

namespace itsc::detail {

namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::invalid_input, message); }

struct Conflict {
  std::uint32_t movement;
  double weight;
};

struct Yield {
  YieldRule rule = YieldRule::none;
  hcm::GapHeadways headways{0, 0};
  std::vector<Conflict> conflicts;
  double sneakers_per_lane = 0;
};

bool is_left(TurnType turn) { return turn == TurnType::left || turn == TurnType::u_turn; }

// One node's movements with what the rules need to see of them.
struct NodeView {
  const Model& model;
  const Scenario& scenario;
  const Node& node;
  std::uint32_t begin;
  std::uint32_t end;

  // Bearing from the node out along an arriving link.
  [[nodiscard]] std::optional<double> bearing(std::uint32_t link) const {
    const Link* found = scenario.network.find_link(model.link_id[link]);
    return found == nullptr ? std::nullopt : leg_bearing_deg(scenario.network, node, *found);
  }

  // The approach opposite `from`: the arriving link a through movement from `from` would leave along
  // (turn angle within the through band, the straightest one); none at a T or a one-way.
  [[nodiscard]] std::optional<std::uint32_t> opposite(std::uint32_t from, const std::string& movement) const {
    const auto own = bearing(from);
    if (!own) {
      fail("node '" + node.id + "', movement '" + movement + "': a yielding left turn needs the bearing of its "
           "approach (a leg bearing_deg or node coordinates) to find the opposing approach");
    }
    std::optional<std::uint32_t> best;
    double best_angle = 0;
    for (auto m = begin; m < end; ++m) {
      const auto link = model.movement_from_link[m];
      const auto other = link == from ? std::optional<double>{} : bearing(link);
      if (!other) continue;
      const double angle = std::fabs(turn_angle_deg(*own, *other));
      if (classify_turn(angle) == TurnType::through && (!best || angle < best_angle)) {
        best = link;
        best_angle = angle;
      }
    }
    return best;
  }

  // Through and right movements arriving on `link`.
  [[nodiscard]] std::vector<Conflict> through_and_right(std::uint32_t link) const {
    std::vector<Conflict> result;
    for (auto m = begin; m < end; ++m) {
      const TurnType turn = model.movement_turn[m];
      if (model.movement_from_link[m] == link && (turn == TurnType::through || turn == TurnType::right)) {
        result.push_back({m, 1.0});
      }
    }
    return result;
  }
};

// A left (or U-turn) at a signal, for the time it shows a permitted green: opposing through and right
// flow, HCM's 4.5 s / 2.5 s. None without the approach's bearing: a plan that permits it is refused
// (`compile_plan`).
Yield permitted_left(const NodeView& view, std::uint32_t m, double sneakers_per_cycle) {
  if (!view.bearing(view.model.movement_from_link[m])) return {};
  const auto opposite = view.opposite(view.model.movement_from_link[m], view.model.movement_id[m]);
  if (!opposite) return {};  // nothing opposes it
  return {YieldRule::permitted_green, hcm::kPermittedLeftHeadways, view.through_and_right(*opposite), sneakers_per_cycle};
}

// A right turn on red joins the through flow bound for the same link.
Yield turn_on_red(const NodeView& view, std::uint32_t m) {
  Yield y{YieldRule::turn_on_red, hcm::kMinorRightHeadways, {}, 0};
  for (auto c = view.begin; c < view.end; ++c) {
    if (view.model.movement_turn[c] == TurnType::through && view.model.movement_to_link[c] == view.model.movement_to_link[m]) {
      y.conflicts.push_back({c, 1.0});
    }
  }
  return y;
}

// Two-way stop (HCM conflicting flows, simplified as docs/model.md says): a major-street left yields
// to the opposing major through and right; a minor right to the major through it joins (1) and the
// right turns of that approach (0.5); a minor through or left to every major flow, lefts counted
// twice, throughs once, rights half.
Yield two_way_stop(const NodeView& view, std::uint32_t m, const std::vector<std::uint32_t>& major) {
  const Model& model = view.model;
  const auto is_major = [&](std::uint32_t c) {
    return std::find(major.begin(), major.end(), model.movement_from_link[c]) != major.end();
  };
  const TurnType turn = model.movement_turn[m];
  if (is_major(m)) {
    if (!is_left(turn)) return {};
    const auto opposite = view.opposite(model.movement_from_link[m], model.movement_id[m]);
    if (!opposite) return {};
    return {YieldRule::always, hcm::kMajorLeftHeadways, view.through_and_right(*opposite), 0};
  }
  Yield y{YieldRule::always, hcm::kMinorLeftHeadways, {}, 0};
  if (turn == TurnType::right) {
    y.headways = hcm::kMinorRightHeadways;
    for (auto c = view.begin; c < view.end; ++c) {
      if (!is_major(c) || model.movement_turn[c] != TurnType::through || model.movement_to_link[c] != model.movement_to_link[m]) continue;
      y.conflicts.push_back({c, 1.0});
      for (auto r = view.begin; r < view.end; ++r) {
        if (model.movement_from_link[r] == model.movement_from_link[c] && model.movement_turn[r] == TurnType::right) {
          y.conflicts.push_back({r, 0.5});
        }
      }
    }
    return y;
  }
  if (turn == TurnType::through) y.headways = hcm::kMinorThroughHeadways;
  for (auto c = view.begin; c < view.end; ++c) {
    if (!is_major(c)) continue;
    const TurnType other = model.movement_turn[c];
    y.conflicts.push_back({c, is_left(other) ? 2.0 : other == TurnType::right ? 0.5 : 1.0});
  }
  return y;
}

// The links of a two-way stop's major street that arrive at the node.
std::vector<std::uint32_t> major_links(const Model& model, const Node& node, std::uint32_t begin, std::uint32_t end) {
  if (node.major_links.empty()) {
    fail("node '" + node.id + "': a two-way stop needs its major street (major_links)");
  }
  std::vector<std::uint32_t> result;
  for (const auto& id : node.major_links) {
    const auto link = model.find_link(id);
    bool arrives = false;
    for (auto m = begin; m < end; ++m) arrives = arrives || model.movement_from_link[m] == link;
    // A link of the major street that leaves the node has no movements to exempt.
    if (link == kNone) fail("node '" + node.id + "', major_links: unknown link '" + id + "'");
    if (arrives) result.push_back(link);
  }
  return result;
}

}  // namespace

void compile_yielding(Model& model, const Scenario& scenario) {
  model.movement_yield.assign(model.movement_count(), YieldRule::none);
  model.yield_conflict_begin.assign(1, 0);
  for (std::uint32_t n = 0; n < model.node_count(); ++n) {
    const Node& node = scenario.network.nodes[n];
    const bool signal = node.control == NodeControl::signalized;
    if (!signal && node.control != NodeControl::two_way_stop) continue;
    const NodeView view{model, scenario, node, model.node_movement_begin[n], model.node_movement_end[n]};
    const auto major = signal ? std::vector<std::uint32_t>{} : major_links(model, node, view.begin, view.end);
    for (auto m = view.begin; m < view.end; ++m) {
      Yield y;
      if (!signal) {
        y = two_way_stop(view, m, major);
      } else if (is_left(model.movement_turn[m])) {
        y = permitted_left(view, m, scenario.simulation.sneakers_per_cycle);
      } else {
        const auto found = std::find_if(node.movements.begin(), node.movements.end(),
                                        [&](const Movement& x) { return x.id == model.movement_id[m]; });
        if (found != node.movements.end() && found->right_turn_on_red) y = turn_on_red(view, m);
      }
      if (y.rule == YieldRule::none) continue;
      // Its gaps govern all lanes of an exclusive group, the one lane it shares in a shared group.
      const auto group = model.movement_lane_group[m];
      const bool exclusive = model.lane_group_movement_end[group] - model.lane_group_movement_begin[group] == 1;
      const double gap_lanes = exclusive ? model.lane_group_lanes[group] : 1.0;
      model.movement_yield[m] = y.rule;
      model.yield_movement.push_back(m);
      model.yield_critical_s.push_back(y.headways.critical_s);
      model.yield_follow_up_s.push_back(y.headways.follow_up_s);
      model.yield_gap_lanes.push_back(gap_lanes);
      model.yield_sneakers_veh.push_back(y.sneakers_per_lane * gap_lanes);
      for (const Conflict& c : y.conflicts) {
        model.conflict_movement.push_back(c.movement);
        model.conflict_weight.push_back(c.weight);
      }
      model.yield_conflict_begin.push_back(static_cast<std::uint32_t>(model.conflict_movement.size()));
    }
  }
  // A conflicting stream that itself waits for gaps (a shared lane with a yielding movement) does not
  // discharge as a solid queue; two such opposing streams would otherwise block each other for good.
  // A turn on red or at a stop always waits; a left at a signal only while it yields (at run time).
  model.conflict_can_block.assign(model.conflict_movement.size(), 1);
  for (std::size_t c = 0; c < model.conflict_movement.size(); ++c) {
    const auto group = model.movement_lane_group[model.conflict_movement[c]];
    for (auto m = model.lane_group_movement_begin[group]; m < model.lane_group_movement_end[group]; ++m) {
      const YieldRule rule = model.movement_yield[m];
      if (rule != YieldRule::none && rule != YieldRule::permitted_green) model.conflict_can_block[c] = 0;
    }
  }
  model.lane_group_left_yield_begin.assign(model.lane_group_count() + 1, 0);
  for (std::size_t k = 0; k < model.yield_movement.size(); ++k) {
    const auto m = model.yield_movement[k];
    if (model.movement_yield[m] == YieldRule::permitted_green) ++model.lane_group_left_yield_begin[model.movement_lane_group[m] + 1];
  }
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    model.lane_group_left_yield_begin[g + 1] += model.lane_group_left_yield_begin[g];
  }
  model.lane_group_left_yield.assign(model.lane_group_left_yield_begin.back(), 0);
  auto fill = model.lane_group_left_yield_begin;
  for (std::size_t k = 0; k < model.yield_movement.size(); ++k) {
    const auto m = model.yield_movement[k];
    if (model.movement_yield[m] == YieldRule::permitted_green) {
      model.lane_group_left_yield[fill[model.movement_lane_group[m]]++] = static_cast<std::uint32_t>(k);
    }
  }
}

}  // namespace itsc::detail

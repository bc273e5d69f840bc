#pragma once
// Scenarios built in code for the engine's tests and benchmarks: an isolated signalized approach,
// and a generated grid of signalized intersections.

#include <itsc/scenario.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace itsc::test {

/// A link at the default free-flow speed, and a node: the bricks of hand-built networks.
inline Link make_link(std::string id, std::string from, std::string to, double length_m) {
  Link link;
  link.id = std::move(id);
  link.from = std::move(from);
  link.to = std::move(to);
  link.length_m = length_m;
  return link;
}

inline Node make_node(std::string id, NodeControl control) {
  Node node;
  node.id = std::move(id);
  node.control = control;
  return node;
}

/// An isolated intersection: the studied approach W→C→E (movement "EBT") and a cross street N→C→S
/// (movement "SBT") served by a second stage. With l1 = e = 2 s the effective green equals the
/// displayed green.
struct ApproachOptions {
  double approach_length_m = 600;
  double downstream_length_m = 400;
  int lanes = 1;
  double speed_kmh = 50;
  double saturation_veh_per_h_per_lane = 1900;
  double flow_veh_per_h = 0;         ///< arrivals on the studied approach
  double cross_flow_veh_per_h = 0;   ///< arrivals on the cross street
  double green_s = 45;               ///< studied stage green; the cross stage gets the rest
  double yellow_s = 3;
  double red_clearance_s = 1;
  double cycle_s = 90;
  bool permanent_green = false;      ///< one stage, green for the whole cycle
  double dt_s = 1;
  double warmup_s = 0;
  double duration_s = 3600;
};

inline Scenario isolated_approach(const ApproachOptions& o) {
  Scenario s;
  s.name = "isolated approach";
  s.simulation.dt_s = o.dt_s;
  s.simulation.warmup_s = o.warmup_s;
  s.simulation.duration_s = o.duration_s;
  const auto link = [&](std::string id, std::string from, std::string to, double length) {
    Link l;
    l.id = std::move(id);
    l.from = std::move(from);
    l.to = std::move(to);
    l.length_m = length;
    l.lanes = o.lanes;
    l.speed_kmh = o.speed_kmh;
    l.saturation_flow_veh_per_h_per_lane = o.saturation_veh_per_h_per_lane;
    return l;
  };
  s.network.links = {link("W_C", "W", "C", o.approach_length_m), link("C_E", "C", "E", o.downstream_length_m),
                     link("N_C", "N", "C", o.approach_length_m), link("C_S", "C", "S", o.downstream_length_m)};
  Node c;
  c.id = "C";
  c.control = NodeControl::signalized;
  c.movements = {Movement{"EBT", "W_C", "C_E", TurnType::through, std::nullopt},
                 Movement{"SBT", "N_C", "C_S", TurnType::through, std::nullopt}};
  s.network.nodes.push_back(c);
  for (const char* id : {"W", "E", "N", "S"}) {
    Node boundary;
    boundary.id = id;
    boundary.control = NodeControl::boundary;
    s.network.nodes.push_back(boundary);
  }
  s.demand.entries = {EntryFlow{"W_C", {o.flow_veh_per_h}, 0}, EntryFlow{"N_C", {o.cross_flow_veh_per_h}, 0}};
  Timing timing;
  timing.cycle_s = o.cycle_s;
  Stage main;
  main.serves.protected_movements = {"EBT"};
  if (o.permanent_green) {
    main.green_s = o.cycle_s;
    timing.stages = {main};
  } else {
    main.green_s = o.green_s;
    main.yellow_s = o.yellow_s;
    main.red_clearance_s = o.red_clearance_s;
    Stage cross;
    cross.serves.protected_movements = {"SBT"};
    cross.yellow_s = o.yellow_s;
    cross.red_clearance_s = o.red_clearance_s;
    cross.green_s = o.cycle_s - main.split_s() - o.yellow_s - o.red_clearance_s;
    timing.stages = {main, cross};
  }
  s.timing["C"] = timing;
  return s;
}

/// A generated n×n grid of signalized intersections (the engine benchmark's network).
struct GridOptions {
  int size = 6;
  double spacing_m = 400;
  int lanes = 2;
  double speed_kmh = 50;
  double cycle_s = 90;
  double east_west_flow_veh_per_h = 700;
  double north_south_flow_veh_per_h = 400;
  double left_share = 0.15;
  double right_share = 0.15;
  double left_bay_m = 0;          ///< > 0: a one-lane left bay and a shared through-right group per approach
  bool right_turn_on_red = false; ///< rights may turn on red
  double duration_s = 3600;
  double warmup_s = 0;
  double dt_s = 1;
};

inline Scenario grid(const GridOptions& o) {
  Scenario s;
  s.name = "generated grid";
  s.simulation.dt_s = o.dt_s;
  s.simulation.duration_s = o.duration_s;
  s.simulation.warmup_s = o.warmup_s;
  const int n = o.size;
  // Node ids: "I<i>_<j>" inside (0 ≤ i, j < n), "B<i>_<j>" on the ring around it.
  const auto inside = [n](int i, int j) { return i >= 0 && j >= 0 && i < n && j < n; };
  const auto name = [&](int i, int j) {
    return (inside(i, j) ? "I" : "B") + std::to_string(i) + "_" + std::to_string(j);
  };
  const auto link_id = [](const std::string& a, const std::string& b) { return a + "-" + b; };
  // Directions of travel: east, north, west, south.
  constexpr std::array<std::array<int, 2>, 4> step{{{1, 0}, {0, 1}, {-1, 0}, {0, -1}}};
  constexpr std::array<const char*, 4> bound{"EB", "NB", "WB", "SB"};
  for (int i = -1; i <= n; ++i) {
    for (int j = -1; j <= n; ++j) {
      const bool ring = !inside(i, j) && (i == -1 || i == n) != (j == -1 || j == n);
      if (!inside(i, j) && !ring) continue;
      Node node;
      node.id = name(i, j);
      node.control = inside(i, j) ? NodeControl::signalized : NodeControl::boundary;
      node.x_m = i * o.spacing_m;
      node.y_m = j * o.spacing_m;
      s.network.nodes.push_back(node);
    }
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      Node& node = *std::find_if(s.network.nodes.begin(), s.network.nodes.end(),
                                 [&](const Node& x) { return x.id == name(i, j); });
      Timing timing;
      timing.cycle_s = o.cycle_s;
      Stage east_west;
      Stage north_south;
      for (int d = 0; d < 4; ++d) {
        // Links toward each neighbour, created once from this side.
        const int ni = i + step[d][0];
        const int nj = j + step[d][1];
        Link out;
        out.id = link_id(name(i, j), name(ni, nj));
        out.from = name(i, j);
        out.to = name(ni, nj);
        out.length_m = o.spacing_m;
        out.lanes = o.lanes;
        out.speed_kmh = o.speed_kmh;
        s.network.links.push_back(out);
        if (!inside(ni, nj)) {
          Link in = out;
          in.id = link_id(name(ni, nj), name(i, j));
          std::swap(in.from, in.to);
          s.network.links.push_back(in);
          const bool east_west_leg = d % 2 == 0;
          s.demand.entries.push_back(
              EntryFlow{in.id, {east_west_leg ? o.east_west_flow_veh_per_h : o.north_south_flow_veh_per_h}, 0});
        }
        // Movements of traffic travelling in direction d (arriving from the opposite side).
        const int fi = i - step[d][0];
        const int fj = j - step[d][1];
        const std::string from = link_id(name(fi, fj), name(i, j));
        const int left = (d + 1) % 4;
        const int right = (d + 3) % 4;
        const auto to = [&](int dir) { return link_id(name(i, j), name(i + step[dir][0], j + step[dir][1])); };
        const std::string prefix = bound[d];
        node.movements.push_back(Movement{prefix + "L", from, to(left), TurnType::left, std::nullopt});
        node.movements.push_back(Movement{prefix + "T", from, to(d), TurnType::through, std::nullopt});
        node.movements.push_back(Movement{prefix + "R", from, to(right), TurnType::right, std::nullopt, o.right_turn_on_red});
        if (o.left_bay_m > 0) {
          node.lane_groups.push_back(LaneGroup{prefix + "L", from, {prefix + "L"}, 1, o.left_bay_m});
          node.lane_groups.push_back(LaneGroup{prefix + "TR", from, {prefix + "T", prefix + "R"}, o.lanes, 0});
        }
        Stage& stage = d % 2 == 0 ? east_west : north_south;
        stage.serves.protected_movements.push_back(prefix + "T");
        stage.serves.protected_movements.push_back(prefix + "R");
        stage.serves.permitted_movements.push_back(prefix + "L");
        ApproachTurns turns;
        turns.node = node.id;
        turns.link = from;
        turns.counts = false;
        const double through = 1.0 - o.left_share - o.right_share;
        turns.shares = {TurnShare{prefix + "L", {o.left_share}}, TurnShare{prefix + "T", {through}},
                        TurnShare{prefix + "R", {o.right_share}}};
        s.demand.turns.push_back(turns);
      }
      for (Stage* stage : {&east_west, &north_south}) {
        stage->green_s = o.cycle_s / 2 - 4;
        stage->yellow_s = 3;
        stage->red_clearance_s = 1;
      }
      timing.stages = {east_west, north_south};
      s.timing[node.id] = timing;
    }
  }
  return s;
}

}  // namespace itsc::test

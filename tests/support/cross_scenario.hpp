#pragma once
// A small valid scenario built in code: one signalized four-leg intersection "C" with boundary
// nodes N, E, S, W 300 m away, two-lane links, left/through/right movements per approach, one
// shared lane group per approach, turning counts, and a two-stage plan of 60 s.

#include <itsc/scenario.hpp>

#include <array>
#include <string>

namespace itsc::test {

inline Scenario make_cross_scenario() {
  Scenario scenario;
  scenario.name = "cross";
  scenario.simulation.duration_s = 3600;
  Network& network = scenario.network;
  network.nodes.push_back(Node{"C", NodeControl::signalized, 0.0, 0.0, {}, {}, {}});
  struct Arm {
    const char* name;  // boundary node id and leg id
    double x, y;
    const char* direction;  // of travel toward C: "SB" arrives from the north
  };
  const std::array<Arm, 4> arms{{{"N", 0, 300, "SB"}, {"E", 300, 0, "WB"}, {"S", 0, -300, "NB"}, {"W", -300, 0, "EB"}}};
  for (const Arm& arm : arms) {
    network.nodes.push_back(Node{arm.name, NodeControl::boundary, arm.x, arm.y, {}, {}, {}});
    const std::string in = std::string(arm.name) + "_C";
    const std::string out = std::string("C_") + arm.name;
    network.links.push_back(Link{in, arm.name, "C", 300, 2, 50, 1900, 7.5});
    network.links.push_back(Link{out, "C", arm.name, 300, 2, 50, 1900, 7.5});
    Leg leg;
    leg.id = arm.name;
    leg.in_link = in;
    leg.out_link = out;
    leg.crosswalk_length_m = 12;
    network.nodes.front().legs.push_back(leg);
  }
  Node& center = network.nodes.front();  // after the boundary nodes: push_back invalidates
  // Arms in clockwise order N, E, S, W: arriving from arm i, right goes to i-1, through i+2, left i+1.
  for (std::size_t i = 0; i < arms.size(); ++i) {
    const std::string in = std::string(arms[i].name) + "_C";
    const std::string prefix = arms[i].direction;
    const auto out = [&](std::size_t k) { return std::string("C_") + arms[k % 4].name; };
    center.movements.push_back(Movement{prefix + "L", in, out(i + 1), TurnType::left, {}});
    center.movements.push_back(Movement{prefix + "T", in, out(i + 2), TurnType::through, {}});
    center.movements.push_back(Movement{prefix + "R", in, out(i + 3), TurnType::right, {}});
    center.lane_groups.push_back(LaneGroup{prefix, in, {prefix + "L", prefix + "T", prefix + "R"}, 2, 0});
    scenario.demand.entries.push_back(EntryFlow{in, {600}, 0});
    scenario.demand.turns.push_back(ApproachTurns{
        "C", in, true, {{prefix + "L", {60}}, {prefix + "T", {480}}, {prefix + "R", {60}}}});
  }
  Timing timing;
  timing.cycle_s = 60;
  Stage north_south;
  north_south.serves.protected_movements = {"SBT", "SBR", "NBT", "NBR"};
  north_south.serves.permitted_movements = {"SBL", "NBL"};
  north_south.green_s = 25;
  north_south.yellow_s = 4;
  north_south.red_clearance_s = 1;
  Stage east_west = north_south;
  east_west.serves.protected_movements = {"EBT", "EBR", "WBT", "WBR"};
  east_west.serves.permitted_movements = {"EBL", "WBL"};
  timing.stages = {north_south, east_west};
  scenario.timing["C"] = timing;
  return scenario;
}

}  // namespace itsc::test

// The street grid both generators build on: nodes and links, legs with crosswalks, movements, lane
// groups with bays, detectors, demand, and the initial plan (conventions in itsc/generate.hpp).
#include "generate/street_grid.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <utility>

#include "generate/initial_plan.hpp"

namespace itsc::detail {

namespace {

constexpr double kLaneWidth_m = 3.5;
constexpr double kAdvanceSetback_m = 40;  // dilemma-zone detector at about 50 km/h
constexpr double kAdvanceLength_m = 1.8;
constexpr double kStopBarLength_m = 12;

// Compass legs in clockwise order; an approach from leg i turns left to (i+1)%4, goes through to
// (i+2)%4 and turns right to (i+3)%4.
enum Side : std::size_t { north, east, south, west };
constexpr std::array<const char*, 4> kLegNames{"north", "east", "south", "west"};
// The approach arriving from each leg, named by its direction of travel.
constexpr std::array<const char*, 4> kApproachNames{"SB", "WB", "NB", "EB"};
// Approaches in the order movements, lane groups, detectors and turns are listed.
constexpr std::array<Side, 4> kApproachOrder{west, east, south, north};
constexpr std::array<std::pair<TurnType, char>, 3> kTurns{
    {{TurnType::left, 'L'}, {TurnType::through, 'T'}, {TurnType::right, 'R'}}};

std::size_t turn_target(std::size_t leg, TurnType turn) {
  const std::size_t offset = turn == TurnType::left ? 1 : turn == TurnType::through ? 2 : 3;
  return (leg + offset) % 4;
}

class Builder {
 public:
  explicit Builder(const StreetGrid& grid) : grid_(grid) {}

  Scenario build() {
    scenario_.name = grid_.name;
    scenario_.simulation.dt_s = grid_.dt_s;
    scenario_.simulation.duration_s = grid_.duration_s;
    scenario_.demand.interval_s = grid_.duration_s;
    add_nodes();
    add_links();
    for (Node& node : scenario_.network.nodes) {
      if (node.control == NodeControl::signalized) add_intersection(node);
    }
    add_demand();
    add_timing_and_detectors();
    return std::move(scenario_);
  }

 private:
  // Node at grid position (row, column); row 0 / rows+1 and column 0 / columns+1 are boundaries.
  std::string node_id(int row, int column) const {
    if (row == 0) return "s" + std::to_string(column);
    if (row == grid_.rows + 1) return "n" + std::to_string(column);
    if (column == 0) return "w" + std::to_string(row);
    if (column == grid_.columns + 1) return "e" + std::to_string(row);
    return "r" + std::to_string(row) + "c" + std::to_string(column);
  }

  void add_node(int row, int column, NodeControl control) {
    Node node;
    node.id = node_id(row, column);
    node.control = control;
    node.x_m = (column - 1) * grid_.spacing_m;
    node.y_m = (row - 1) * grid_.spacing_m;
    scenario_.network.nodes.push_back(std::move(node));
    positions_[scenario_.network.nodes.back().id] = {row, column};
  }

  void add_nodes() {
    for (int row = 1; row <= grid_.rows; ++row) {
      for (int column = 1; column <= grid_.columns; ++column) add_node(row, column, NodeControl::signalized);
    }
    for (int row = 1; row <= grid_.rows; ++row) add_node(row, 0, NodeControl::boundary);
    for (int row = 1; row <= grid_.rows; ++row) add_node(row, grid_.columns + 1, NodeControl::boundary);
    for (int column = 1; column <= grid_.columns; ++column) add_node(0, column, NodeControl::boundary);
    for (int column = 1; column <= grid_.columns; ++column)
      add_node(grid_.rows + 1, column, NodeControl::boundary);
  }

  void add_link(const std::string& from, const std::string& to, int lanes) {
    Link link;
    link.id = from + "_" + to;
    link.from = from;
    link.to = to;
    link.length_m = grid_.spacing_m;
    link.lanes = lanes;
    link.speed_kmh = grid_.speed_kmh;
    scenario_.network.links.push_back(std::move(link));
  }

  // Each street in both directions (one-way: odd streets eastbound / northbound, even the other way).
  void add_links() {
    for (int row = 1; row <= grid_.rows; ++row) {
      const bool forward = !grid_.east_west.one_way || row % 2 == 1;
      const bool backward = !grid_.east_west.one_way || row % 2 == 0;
      for (int column = 0; column <= grid_.columns; ++column) {
        const std::string a = node_id(row, column);
        const std::string b = node_id(row, column + 1);
        if (forward) add_link(a, b, grid_.east_west.lanes);
        if (backward) add_link(b, a, grid_.east_west.lanes);
      }
    }
    for (int column = 1; column <= grid_.columns; ++column) {
      const bool forward = !grid_.north_south.one_way || column % 2 == 1;
      const bool backward = !grid_.north_south.one_way || column % 2 == 0;
      for (int row = 0; row <= grid_.rows; ++row) {
        const std::string a = node_id(row, column);
        const std::string b = node_id(row + 1, column);
        if (forward) add_link(a, b, grid_.north_south.lanes);
        if (backward) add_link(b, a, grid_.north_south.lanes);
      }
    }
  }

  std::string link_between(const std::string& from, const std::string& to) const {
    const std::string id = from + "_" + to;
    return scenario_.network.find_link(id) != nullptr ? id : std::string{};
  }

  int lanes_of(const std::string& link) const {
    const Link* found = scenario_.network.find_link(link);
    return found != nullptr ? found->lanes : 0;
  }

  bool has_bay(const Node& node, std::size_t leg) const {
    return grid_.bay_length_m > 0 && !node.legs[leg].in_link.empty() &&
           !node.legs[turn_target(leg, TurnType::left)].out_link.empty();
  }

  // Legs with crosswalks, movements and lane groups of one signalized node.
  void add_intersection(Node& node) {
    const auto [row, column] = positions_.at(node.id);
    const std::array<std::string, 4> neighbours{node_id(row + 1, column), node_id(row, column + 1),
                                                node_id(row - 1, column), node_id(row, column - 1)};
    for (std::size_t leg = 0; leg < 4; ++leg) {
      Leg added;
      added.id = kLegNames[leg];
      added.in_link = link_between(neighbours[leg], node.id);
      added.out_link = link_between(node.id, neighbours[leg]);
      node.legs.push_back(std::move(added));
    }
    // A crosswalk spans the street's lanes (bay included); vehicles from a leg cross the wider of
    // the two streets it meets at right angles.
    std::array<double, 4> street_width_m{};
    for (std::size_t leg = 0; leg < 4; ++leg) {
      const int lanes =
          lanes_of(node.legs[leg].in_link) + lanes_of(node.legs[leg].out_link) + (has_bay(node, leg) ? 1 : 0);
      street_width_m[leg] = kLaneWidth_m * lanes;
      node.legs[leg].crosswalk_length_m = street_width_m[leg];
    }
    for (std::size_t leg = 0; leg < 4; ++leg) {
      node.legs[leg].width_m = std::max(street_width_m[(leg + 1) % 4], street_width_m[(leg + 3) % 4]);
    }
    for (const Side leg : kApproachOrder) add_approach(node, leg);
  }

  void add_approach(Node& node, std::size_t leg) {
    const std::string& from_link = node.legs[leg].in_link;
    if (from_link.empty()) return;
    const std::string approach = kApproachNames[leg];
    std::string shared_name;
    std::vector<std::string> shared;
    for (const auto& [turn, letter] : kTurns) {
      const std::string& to_link = node.legs[turn_target(leg, turn)].out_link;
      if (to_link.empty()) continue;
      const std::string id = approach + letter;
      node.movements.push_back(Movement{id, from_link, to_link, turn, std::nullopt});
      if (turn == TurnType::left && has_bay(node, leg)) {
        node.lane_groups.push_back(LaneGroup{approach + "_L", from_link, {id}, 1, grid_.bay_length_m});
      } else {
        shared_name += letter;
        shared.push_back(id);
      }
    }
    node.lane_groups.push_back(
        LaneGroup{approach + "_" + shared_name, from_link, shared, lanes_of(from_link), 0});
  }

  bool is_east_west(const std::string& link) const {
    const Link* found = scenario_.network.find_link(link);
    return found != nullptr && positions_.at(found->from).first == positions_.at(found->to).first;
  }

  void add_demand() {
    for (const std::size_t index : scenario_.network.entry_links()) {
      const Link& link = scenario_.network.links[index];
      const double flow =
          is_east_west(link.id) ? grid_.east_west.entry_veh_per_h : grid_.north_south.entry_veh_per_h;
      scenario_.demand.entries.push_back(EntryFlow{link.id, {flow}, 0});
    }
    for (const Node& node : scenario_.network.nodes) {
      if (node.control != NodeControl::signalized) continue;
      for (const Side leg : kApproachOrder) {
        const std::string& link = node.legs[leg].in_link;
        if (!link.empty()) scenario_.demand.turns.push_back(approach_turns(node, link));
      }
    }
  }

  // Left and right shares where those turns exist; through takes the rest.
  ApproachTurns approach_turns(const Node& node, const std::string& link) const {
    ApproachTurns result{node.id, link, false, {}};
    double turning = 0;
    for (const Movement& movement : node.movements) {
      if (movement.from_link != link) continue;
      if (movement.turn == TurnType::left) turning += grid_.left_share;
      if (movement.turn == TurnType::right) turning += grid_.right_share;
    }
    for (const Movement& movement : node.movements) {
      if (movement.from_link != link) continue;
      const double share = movement.turn == TurnType::left    ? grid_.left_share
                           : movement.turn == TurnType::right ? grid_.right_share
                                                              : 1 - turning;
      result.shares.push_back(TurnShare{movement.id, {share}});
    }
    return result;
  }

  // A left is opposed when traffic arrives from the leg it would cross.
  bool opposed_left(const Node& node, const Movement& movement) const {
    for (std::size_t leg = 0; leg < 4; ++leg) {
      if (node.legs[leg].in_link == movement.from_link) {
        return !node.legs[turn_target(leg, TurnType::through)].in_link.empty();
      }
    }
    return false;
  }

  // Stages: [leading protected east-west lefts], east-west, north-south. Opposed lefts are permitted;
  // pedestrians cross the legs of the street that has red.
  Timing stage_plan(const Node& node) const {
    Timing timing;
    timing.cycle_s = grid_.cycle_s;
    Stage lefts;
    std::array<Stage, 2> streets;
    for (const Movement& movement : node.movements) {
      const bool main = is_east_west(movement.from_link);
      Service& serves = streets[main ? 0 : 1].serves;
      const bool permitted = movement.turn == TurnType::left && opposed_left(node, movement);
      (permitted ? serves.permitted_movements : serves.protected_movements).push_back(movement.id);
      if (main && permitted) lefts.serves.protected_movements.push_back(movement.id);
    }
    streets[0].serves.crosswalks = {kLegNames[north], kLegNames[south]};
    streets[1].serves.crosswalks = {kLegNames[east], kLegNames[west]};
    const bool lead =
        grid_.leading_left && grid_.bay_length_m > 0 && lefts.serves.protected_movements.size() == 2;
    if (lead) timing.stages.push_back(std::move(lefts));
    for (Stage& stage : streets) {
      if (!stage.serves.protected_movements.empty() || !stage.serves.permitted_movements.empty()) {
        timing.stages.push_back(std::move(stage));
      }
    }
    return timing;
  }

  // Stage numbers (1-based) serving any of `movements`; only protected service if asked.
  static std::vector<int> stages_serving(const Timing& timing, const std::vector<std::string>& movements,
                                         bool protected_only) {
    std::vector<int> result;
    for (std::size_t k = 0; k < timing.stages.size(); ++k) {
      const Service& serves = timing.stages[k].serves;
      for (const std::string& id : movements) {
        const auto listed = [&](const std::vector<std::string>& ids) {
          return std::find(ids.begin(), ids.end(), id) != ids.end();
        };
        if (listed(serves.protected_movements) || (!protected_only && listed(serves.permitted_movements))) {
          result.push_back(static_cast<int>(k + 1));
          break;
        }
      }
    }
    return result;
  }

  void add_detectors(const Node& node, const Timing& timing) {
    for (const Side leg : kApproachOrder) {
      const std::string& link = node.legs[leg].in_link;
      if (link.empty()) continue;
      std::vector<std::string> through;
      std::vector<std::string> all;
      for (const Movement& movement : node.movements) {
        if (movement.from_link != link) continue;
        all.push_back(movement.id);
        if (movement.turn == TurnType::through) through.push_back(movement.id);
      }
      const std::string prefix = node.id + "_" + kApproachNames[leg];
      const std::vector<int> through_stages = stages_serving(timing, through, true);
      const std::vector<int> approach_stages = stages_serving(timing, all, false);
      scenario_.network.detectors.push_back(Detector{prefix + "_adv",
                                                     link,
                                                     {},
                                                     kAdvanceSetback_m,
                                                     kAdvanceLength_m,
                                                     through_stages,
                                                     through_stages,
                                                     0,
                                                     0});
      scenario_.network.detectors.push_back(
          Detector{prefix + "_stop", link, {}, 0, kStopBarLength_m, approach_stages, approach_stages, 0, 0});
    }
  }

  void add_timing_and_detectors() {
    const std::map<std::string, double> flows = link_flows(scenario_);
    for (const Node& node : scenario_.network.nodes) {
      if (node.control != NodeControl::signalized) continue;
      Timing timing = stage_plan(node);
      time_stages(timing, node, scenario_, flows);
      add_detectors(node, timing);
      scenario_.timing.emplace(node.id, std::move(timing));
    }
  }

  const StreetGrid& grid_;
  Scenario scenario_;
  std::map<std::string, std::pair<int, int>> positions_;  // node id -> (row, column)
};

}  // namespace

Scenario build_street_grid(const StreetGrid& grid) { return Builder(grid).build(); }

}  // namespace itsc::detail

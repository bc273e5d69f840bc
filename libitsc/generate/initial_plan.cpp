// Initial fixed-time plans of generated scenarios: ITE clearances, vehicle and pedestrian minimum
// greens, and Webster's split rule over the volumes the generated demand puts on each lane group.
#include "generate/initial_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>

#include "generate/street_grid.hpp"
#include "itsc/hcm.hpp"
#include "signal/phase_defaults.hpp"

namespace itsc::detail {

namespace {

// The generators' timing policy on top of the shared ITE and MUTCD formulas (signal/phase_defaults):
// timing-sheet half seconds, yellow at least 4 s, red clearance from 1 to 2 s.
constexpr double kVehicleMinGreen_s = 7;
constexpr double kMinYellow_s = 4;
constexpr double kMinRedClearance_s = 1;
constexpr double kMaxRedClearance_s = 2;

// Rounds up to the next half second (controllers and timing sheets use 0.5 s clearances).
double ceil_half(double seconds) { return std::ceil(seconds * 2 - 1e-9) / 2; }

bool lists(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The stage whose critical flow ratio a lane group counts in: the first that protects one of its
// movements, else the first that permits one (permitted lefts in a two-stage plan).
std::optional<std::size_t> critical_stage(const Timing& timing, const LaneGroup& group) {
  for (const bool protected_pass : {true, false}) {
    for (std::size_t k = 0; k < timing.stages.size(); ++k) {
      const Service& serves = timing.stages[k].serves;
      const auto& ids = protected_pass ? serves.protected_movements : serves.permitted_movements;
      for (const std::string& movement : group.movements) {
        if (lists(ids, movement)) return k;
      }
    }
  }
  return std::nullopt;
}

// Fraction of the approach `link` at `node` that uses `movement` (counts or proportions).
double turn_share(const Demand& demand, const std::string& node, const std::string& link,
                  const std::string& movement) {
  for (const ApproachTurns& approach : demand.turns) {
    if (approach.node != node || approach.link != link) continue;
    double total = 0;
    double mine = 0;
    for (const TurnShare& share : approach.shares) {
      const double value = share.values.empty() ? 0 : share.values.front();
      total += value;
      if (share.movement == movement) mine = value;
    }
    if (!approach.counts) return mine;
    return total > 0 ? mine / total : 0;
  }
  return 0;
}

// Yellow and red clearance of a stage, from the approaches of the movements it serves.
void clearances(Stage& stage, const Node& node, const Network& network) {
  const ChangeIntervals change = ite_change_intervals(stage.serves, node, network);
  stage.yellow_s = std::max(kMinYellow_s, ceil_half(change.yellow_s));
  stage.red_clearance_s = std::clamp(ceil_half(change.red_clearance_s), kMinRedClearance_s, kMaxRedClearance_s);
}

// Vehicle minimum, or walk plus pedestrian clearance for the longest crosswalk the stage serves.
double min_green(const Stage& stage, const Node& node) {
  const PedestrianIntervals walking = default_pedestrian_intervals(stage.serves, node, std::nullopt);
  return std::max(kVehicleMinGreen_s, walking.walk_s + walking.clearance_s);
}

}  // namespace

void time_stages(Timing& timing, const Node& node, const Scenario& scenario,
                 const std::map<std::string, double>& flows) {
  std::vector<hcm::StageDemand> needs(timing.stages.size());
  for (std::size_t k = 0; k < timing.stages.size(); ++k) {
    Stage& stage = timing.stages[k];
    clearances(stage, node, scenario.network);
    needs[k].clearance_s = stage.yellow_s + stage.red_clearance_s;
    needs[k].min_green_s = min_green(stage, node);
  }
  // Critical flow ratio of each stage: its busiest lane group (v / s over the group's lanes).
  for (const LaneGroup& group : node.lane_groups) {
    const auto k = critical_stage(timing, group);
    const Link* link = scenario.network.find_link(group.link);
    const auto flow = flows.find(group.link);
    if (!k || link == nullptr || flow == flows.end()) continue;
    double volume = 0;
    for (const std::string& movement : group.movements) {
      volume += flow->second * turn_share(scenario.demand, node.id, group.link, movement);
    }
    const double capacity = link->saturation_flow_veh_per_h_per_lane * group.lanes;
    needs[*k].flow_ratio = std::max(needs[*k].flow_ratio, volume / capacity);
  }
  const std::vector<double> greens = hcm::webster_greens_s(timing.cycle_s, needs);
  for (std::size_t k = 0; k < timing.stages.size(); ++k) timing.stages[k].green_s = greens[k];
}

}  // namespace itsc::detail

// Coordination: progression offsets start each signal's green as the platoon from upstream arrives
// (and take the arterial's stops away on a one-way street), Hook and Albers' grouping joins near
// signals and separates far ones, and under `--cycle-policy groups` each group keeps one cycle.
#include <doctest/doctest.h>
#include <itsc/analyze.hpp>
#include <itsc/generate.hpp>
#include <itsc/optimize.hpp>
#include <itsc/plan.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "optimize/coordination.hpp"
#include "optimize/optimizer_support.hpp"

namespace itsc {

namespace {

std::string signal(int k) { return "r1c" + std::to_string(k); }

struct Spaces {
  Model model;
  std::vector<double> volumes;
  std::vector<detail::SignalSpace> spaces;
  detail::Decision decision;
};

Spaces spaces_of(const Scenario& scenario) {
  Spaces out{compile(scenario), {}, {}, {}};
  const PlanSet plans = compile_plans(scenario, out.model, 1);
  out.volumes = demand_volumes(out.model, compile_demand(out.model, scenario.demand, 1));
  for (std::size_t s = 0; s < out.model.signal_count(); ++s) {
    out.spaces.emplace_back(out.model, s, plans.plan(s, 0).timing, out.volumes);
    out.decision.push_back(out.spaces.back().decision_of(plans.plan(s, 0).timing));
  }
  return out;
}

}  // namespace

TEST_CASE("coordination: progression offsets follow the platoon, whichever stage the arterial runs in") {
  CorridorOptions corridor;
  corridor.one_way = true;
  corridor.spacing_m = 300;
  corridor.left_share = 0;
  corridor.right_share = 0;
  Scenario scenario = generate_corridor(corridor);
  scenario.simulation.warmup_s = 900;
  // The third signal runs its side street first: its arterial green starts a side-street split after its
  // offset's reference.
  auto& stages = scenario.timing.at(signal(3)).stages;
  std::reverse(stages.begin(), stages.end());
  const double side_split_s = stages.front().split_s();
  for (auto& [node, timing] : scenario.timing) timing.offset_s = 0;
  const Spaces s = spaces_of(scenario);
  const std::vector<detail::SignalLink> links = detail::signal_links(s.model, s.volumes);
  const std::vector<std::size_t> one_group(s.spaces.size(), 0);
  const detail::Decision progression = detail::progression_offsets(s.spaces, links, one_group, s.decision);
  // Arterial green start in system time: offset, plus the side-street split at the third signal.
  const auto arterial_green_s = [&](int k) {
    const auto index = static_cast<std::size_t>(k - 1);
    return static_cast<double>(progression[index].offset) / 10.0 + (k == 3 ? side_split_s : 0.0);
  };
  for (int k = 1; k < corridor.signals; ++k) {
    const double cycle = static_cast<double>(progression[0].cycle) / 10.0;
    const double travel_s = s.model.link_free_flow_time_s[s.model.find_link(signal(k) + "_" + signal(k + 1))];
    double gap = std::fmod(arterial_green_s(k + 1) - arterial_green_s(k) - travel_s, cycle);
    if (gap < -cycle / 2) gap += cycle;
    if (gap > cycle / 2) gap -= cycle;
    CAPTURE(k);
    CHECK(std::fabs(gap) <= 0.1);
  }
  // In the simulation: most of the arterial's stops downstream are gone.
  Scenario coordinated = scenario;
  for (std::size_t i = 0; i < s.spaces.size(); ++i) coordinated.timing[s.spaces[i].node()] = s.spaces[i].timing(progression[i]);
  const double with_offsets = test::arterial_stops(test::run_result(coordinated));
  const double without = test::arterial_stops(test::run_result(scenario));
  CAPTURE(with_offsets);
  CAPTURE(without);
  CHECK(with_offsets <= 0.2 * without);
}

TEST_CASE("coordination: Hook and Albers' grouping") {
  // Three pairs of signals: 500 m apart (within 2,500 ft), 2,000 m (beyond 5,000 ft), 1,000 m.
  const auto link = [](std::size_t from, std::size_t to, double length_m, double volume) {
    detail::SignalLink l;
    l.from = from;
    l.to = to;
    l.length_m = length_m;
    l.volume_veh_per_h = volume;
    return l;
  };
  const std::vector<detail::SignalLink> links{link(0, 1, 500, 10), link(1, 2, 2000, 90000), link(2, 3, 1000, 4000),
                                              link(3, 2, 1000, 4000), link(4, 5, 1000, 100)};
  // Coupling index of 2–3: 8 (1,000 veh/h) over (0.621 mi)² = 20.7; of 4–5: 0.26.
  const std::vector<std::size_t> strict = detail::cycle_groups(6, links, 50);
  CHECK(strict == std::vector<std::size_t>{0, 0, 1, 2, 3, 4});
  const std::vector<std::size_t> lenient = detail::cycle_groups(6, links, 20);
  CHECK(lenient == std::vector<std::size_t>{0, 0, 1, 1, 2, 3});
  CHECK(detail::cycle_groups(6, links, 0.2) == std::vector<std::size_t>{0, 0, 1, 1, 2, 2});
}

TEST_CASE("optimize: cycle groups keep one cycle each") {
  // Four signals; the second link is 2 km long, which separates {1, 2} from {3, 4}; the side streets of
  // the eastern pair carry seven times as much as the western's, so the pairs' best cycles differ (the
  // western's light side streets, held to their pedestrian minimums, favour a long cycle for the arterial).
  CorridorOptions corridor;
  corridor.signals = 4;
  corridor.spacing_m = 300;
  Scenario scenario = generate_corridor(corridor);
  for (Link& link : scenario.network.links) {
    if (link.id == signal(2) + "_" + signal(3) || link.id == signal(3) + "_" + signal(2)) link.length_m = 2000;
  }
  for (EntryFlow& entry : scenario.demand.entries) {
    if (entry.link[0] != 's' && entry.link[0] != 'n') continue;
    const bool east = entry.link.back() == '3' || entry.link.back() == '4';
    entry.flow_veh_per_h = {east ? 700.0 : 100.0};
  }
  const Spaces s = spaces_of(scenario);
  const detail::Coordination groups = detail::coordination(s.model, s.volumes, CyclePolicy::groups, 50);
  CHECK(groups.group == std::vector<std::size_t>{0, 0, 1, 1});
  CHECK(groups.coordinated == std::vector<bool>{true, true});
  OptimizeOptions options;
  options.cycle_policy = CyclePolicy::groups;
  const OptimizeResult result = optimize(scenario, options);
  const auto cycle = [&](int k) { return result.timing.at(signal(k)).cycle_s; };
  CHECK(cycle(1) == cycle(2));
  CHECK(cycle(3) == cycle(4));
  CAPTURE(cycle(1));
  CAPTURE(cycle(3));
  CHECK(cycle(3) != cycle(1));
  CHECK(result.summary.after.index <= result.summary.before.index);
  CHECK(test::whole_run(test::with_timing(scenario, result.timing)).index == doctest::Approx(result.summary.after.index));
}

}  // namespace itsc

// Ring plans through the whole engine: a stage plan, the same plan as one ring and as two rings
// simulate identically; defaults resolve from the geometry.
#include <itsc/ring_plan.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include "support/cross_scenario.hpp"

using namespace itsc;

TEST_CASE("ring plans: a stage plan as one ring and as two rings simulates identically") {
  Scenario scenario = test::make_cross_scenario();
  const Timing stages = scenario.timing["C"];
  const SimulationResult from_stages = simulate(scenario);

  Timing one_ring = stages;
  one_ring.stages.clear();
  one_ring.rings = ring_plan_of(stages);
  scenario.timing["C"] = one_ring;
  const SimulationResult from_one_ring = simulate(scenario);

  // Stage 1 split into phases 2 (southbound) and 6 (northbound), stage 2 into 4 and 8.
  RingPlan two;
  const auto phase = [&](int number, std::vector<std::string> protect, std::vector<std::string> permit) {
    Phase p;
    p.number = number;
    p.serves.protected_movements = std::move(protect);
    p.serves.permitted_movements = std::move(permit);
    p.split_s = 30;
    p.yellow_s = 4;
    p.red_clearance_s = 1;
    return p;
  };
  two.phases = {phase(2, {"SBT", "SBR"}, {"SBL"}), phase(6, {"NBT", "NBR"}, {"NBL"}),
                phase(4, {"EBT", "EBR"}, {"EBL"}), phase(8, {"WBT", "WBR"}, {"WBL"})};
  two.rings = {{{2}, {4}}, {{6}, {8}}};
  Timing two_rings = stages;
  two_rings.stages.clear();
  two_rings.rings = two;
  scenario.timing["C"] = two_rings;
  CHECK(validate(scenario).empty());
  const SimulationResult from_two_rings = simulate(scenario);

  CHECK(from_one_ring.delay_s_per_veh == from_stages.delay_s_per_veh);
  CHECK(from_two_rings.delay_s_per_veh == from_stages.delay_s_per_veh);
  CHECK(from_two_rings.total_stops == from_stages.total_stops);
  CHECK(from_stages.delay_s_per_veh > 0);
}

TEST_CASE("ring plans: ring_plan_of turns stages into phases of ring 1") {
  const Timing stages = test::make_cross_scenario().timing["C"];
  const RingPlan plan = ring_plan_of(stages);
  REQUIRE(plan.phases.size() == 2);
  CHECK(plan.rings == std::vector<std::vector<std::vector<int>>>{{{1, 2}}});
  CHECK(plan.phases[1].number == 2);
  CHECK(plan.phases[1].split_s == 30);
  CHECK(plan.phases[1].yellow_s == 4);
  CHECK(plan.phases[1].serves == stages.stages[1].serves);
  CHECK(plan.coordinated_phases.empty());
}

#include <doctest/doctest.h>
#include <itsc/summary.hpp>

#include "support/cross_scenario.hpp"

TEST_CASE("summarize: counts, demand totals and discretization notes") {
  itsc::Scenario scenario = itsc::test::make_cross_scenario();
  // A 20 m link at 50 km/h takes 1.44 s but one 1 s cell: 31% off, so it is listed.
  scenario.network.links[1].length_m = 20;
  const itsc::ScenarioSummary summary = itsc::summarize(scenario);
  CHECK(summary.nodes == 5);
  CHECK(summary.signalized_nodes == 1);
  CHECK(summary.boundary_nodes == 4);
  CHECK(summary.links == 8);
  CHECK(summary.lanes == 16);
  CHECK(summary.lane_groups == 4);
  CHECK(summary.movements == 12);
  CHECK(summary.entry_links == 4);
  CHECK(summary.exit_links == 4);
  CHECK(summary.peak_entry_flow_veh_per_h == doctest::Approx(2400));
  CHECK(summary.entry_demand_veh == doctest::Approx(2400));  // one hour at 2400 veh/h
  REQUIRE(summary.discretization_notes.size() == 1);
  CHECK(summary.discretization_notes[0].link == "C_N");
  CHECK(summary.discretization_notes[0].cells == 1);
  CHECK(summary.discretization_notes[0].free_flow_time_s == doctest::Approx(1.44));
  CHECK(itsc::to_text(summary).find("C_N") != std::string::npos);
  CHECK(itsc::to_json(summary).find("\"discretized_time_s\": 1.0") != std::string::npos);
}

TEST_CASE("summarize: a profile shorter than the run keeps its last interval") {
  itsc::Scenario scenario = itsc::test::make_cross_scenario();
  scenario.demand.interval_s = 900;
  for (auto& entry : scenario.demand.entries) entry.flow_veh_per_h = {400, 800};
  scenario.simulation.duration_s = 2700;  // 900 s at 400, then 1800 s at 800, per entry
  const itsc::ScenarioSummary summary = itsc::summarize(scenario);
  CHECK(summary.entry_demand_veh == doctest::Approx(4 * (400 * 0.25 + 800 * 0.5)));
  CHECK(summary.peak_entry_flow_veh_per_h == doctest::Approx(3200));
}

// What enters an entry link whose approach is counted: the entry flow (counts scaled to it), the counts'
// total (`demand.balance: counts`), or the counts alone where no entry flow is given.
#include <itsc/model.hpp>
#include <itsc/sim.hpp>

#include <doctest/doctest.h>

#include <algorithm>

#include "support/cross_scenario.hpp"

using namespace itsc;

namespace {

// Entry rate (veh/h) the engine takes for link `id` of member 0, interval 0.
double entering_veh_per_h(const Scenario& scenario, const std::string& id) {
  const Model model = compile(scenario);
  const BatchDemand demand = compile_demand(model, scenario.demand, 1);
  return demand.entry_veh_per_s[model.link_entry[model.find_link(id)]] * 3600.0;
}

}  // namespace

TEST_CASE("demand balance: the entry flow, the counts' total, or the counts alone") {
  Scenario scenario = test::make_cross_scenario();
  const std::string link = scenario.demand.turns[0].link;  // counted 60 + 480 + 60 = 600 veh/h
  REQUIRE(scenario.demand.entries[0].link == link);
  scenario.demand.entries[0].flow_veh_per_h = {660};
  CHECK(entering_veh_per_h(scenario, link) == doctest::Approx(660));
  scenario.demand.balance = DemandBalance::counts;
  CHECK(entering_veh_per_h(scenario, link) == doctest::Approx(600));
  // Counts alone: no entry row for the link, whatever the balance.
  scenario.demand.balance = DemandBalance::entries;
  scenario.demand.entries.erase(scenario.demand.entries.begin());
  CHECK(entering_veh_per_h(scenario, link) == doctest::Approx(600));
  // A profile of counts gives a profile of entry flows.
  scenario.demand.interval_s = 900;
  scenario.demand.turns[0].shares[1].values = {480, 240};
  for (auto& entry : scenario.demand.entries) entry.flow_veh_per_h = {600, 600};
  CHECK(entry_flow_veh_per_h(scenario.demand, link, 0) == doctest::Approx(600));
  CHECK(entry_flow_veh_per_h(scenario.demand, link, 1) == doctest::Approx(360));
}

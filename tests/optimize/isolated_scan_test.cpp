// The optimizer on an isolated two-stage intersection against an exhaustive scan of cycle and split on
// the same short horizon: it must find (within 2 %) the best plan the scan finds, at a cycle near the
// scan's and well above the minimum cycle L / (1 − Y).
#include <doctest/doctest.h>
#include <itsc/analyze.hpp>
#include <itsc/optimize.hpp>
#include <itsc/plan.hpp>

#include <limits>
#include <vector>

#include "optimize/evaluator.hpp"
#include "optimize/signal_space.hpp"
#include "sim/scenario_builders.hpp"

namespace itsc {

namespace {

// Y = 0.45 + 0.35 = 0.8 on s = 1900 veh/h; each stage loses yellow + red clearance = 4 s (l1 = e = 2 s):
// L = 8 s, so the minimum cycle is 40 s and Webster's 85 s.
Scenario two_stage() {
  test::ApproachOptions o;
  o.flow_veh_per_h = 0.45 * 1900;
  o.cross_flow_veh_per_h = 0.35 * 1900;
  o.warmup_s = 900;
  return test::isolated_approach(o);
}

#ifdef ITSC_SANITIZED
constexpr Tenths kCycleStep = 100, kSplitStep = 50;
#else
constexpr Tenths kCycleStep = 20, kSplitStep = 10;  // 2 s and 1 s
#endif

}  // namespace

TEST_SUITE("slow") {
TEST_CASE("optimize: isolated two-stage signal, within 2 % of a scan of cycle and split") {
  const Scenario scenario = two_stage();
  OptimizeOptions options;
  const OptimizeResult result = optimize(scenario, options);
  // The scan, over the same evaluator and rules.
  const Model model = compile(scenario);
  const PlanSet plans = compile_plans(scenario, model, 1);
  const std::vector<double> volumes = demand_volumes(model, compile_demand(model, scenario.demand, 1));
  const std::vector<detail::SignalSpace> spaces{detail::SignalSpace(model, 0, plans.plan(0, 0).timing, volumes)};
  const detail::SignalSpace& space = spaces.front();
  detail::Evaluator evaluator(scenario, {scenario.demand}, spaces, {}, 16, 1);
  const auto warm_and_score = [&](const detail::Decision& warm, std::vector<detail::Decision>& candidates) {
    const double cycle_s = static_cast<double>(warm.front().cycle) / 10.0;
    evaluator.warm_up(warm, 900, options.settle_cycles * cycle_s, options.measure_cycles * cycle_s);
    std::vector<double> index(candidates.size());
    evaluator.evaluate(candidates, index);
    return index;
  };
  double best = std::numeric_limits<double>::infinity();
  Tenths best_cycle = 0;
  for (Tenths cycle = 400; cycle <= 1800; cycle += kCycleStep) {
    const auto webster = space.webster(cycle, 0);
    if (!webster) continue;
    std::vector<detail::Decision> candidates;
    const Tenths least = space.minimum_cycle() / 2;  // both stages have the same minimum split
    for (Tenths first = least; first <= cycle - least; first += kSplitStep) {
      detail::SignalDecision d = *webster;
      d.split = {first, cycle - first};
      if (!space.feasible(d) || space.max_degree_of_saturation(d) > options.max_degree_of_saturation) continue;
      candidates.push_back({d});
    }
    if (candidates.empty()) continue;
    const std::vector<double> index = warm_and_score({*webster}, candidates);
    for (std::size_t i = 0; i < index.size(); ++i) {
      if (index[i] < best) {
        best = index[i];
        best_cycle = cycle;
      }
    }
  }
  const Timing& timing = result.timing.at("C");
  std::vector<detail::Decision> chosen{{space.decision_of(timing)}};
  const double optimized = warm_and_score(chosen.front(), chosen).front();
  const double cycle_s = timing.cycle_s;
  const double best_cycle_s = static_cast<double>(best_cycle) / 10.0;
  CAPTURE(optimized);
  CAPTURE(best);
  CAPTURE(cycle_s);
  CAPTURE(best_cycle_s);
  CHECK(optimized <= 1.02 * best);
  CHECK(std::fabs(cycle_s - best_cycle_s) <= 0.10 * best_cycle_s);
  CHECK(cycle_s >= 1.5 * 8.0 / (1.0 - 0.8));
  CHECK(result.summary.max_degree_of_saturation <= options.max_degree_of_saturation);
}
}

}  // namespace itsc

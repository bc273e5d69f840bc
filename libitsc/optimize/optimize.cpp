// The optimizer's driver: the search over the scenario's fixed-time plans, then both plans over the
// scenario's whole run (docs/optimizer.md).
#include <algorithm>
#include <chrono>

#include "itsc/analyze.hpp"
#include "itsc/error.hpp"
#include "itsc/optimize.hpp"
#include "itsc/plan.hpp"
#include "optimize/coordination.hpp"
#include "optimize/demand_scenarios.hpp"
#include "optimize/evaluator.hpp"
#include "optimize/search.hpp"
#include "optimize/signal_space.hpp"

namespace itsc {

namespace {

// The throughput objective still prefers less delay among plans that move as many vehicles: one vehicle
// out of the network weighs as much as this many vehicle-hours of delay.
constexpr double kThroughputPerDelayVehH = 100;

ObjectiveWeights weights_of(const OptimizeOptions& options) {
  ObjectiveWeights w;
  switch (options.objective) {
    case OptimizeObjective::delay: break;
    case OptimizeObjective::performance_index: w.stop = options.stop_penalty_s / 3600.0; break;
    case OptimizeObjective::throughput:
      w.delay_per_veh_h = 1.0 / kThroughputPerDelayVehH;
      w.throughput_per_veh = 1.0;
      break;
  }
  return w;
}

}  // namespace

OptimizeResult optimize(const Scenario& scenario, const OptimizeOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (const std::string problem = options.check(); !problem.empty()) {
    throw Error(ErrorCode::invalid_input, "optimize: " + problem);
  }
  // Every signal is timed and evaluated as a fixed-time plan.
  Scenario fixed = scenario;
  for (auto& [node, timing] : fixed.timing) timing.controller = "fixed";
  const Model model = compile(fixed);
  const PlanSet plans = compile_plans(fixed, model, 1);
  const std::vector<double> volumes = demand_volumes(model, compile_demand(model, fixed.demand, 1));
  std::vector<detail::SignalSpace> spaces;
  detail::Decision start;
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    spaces.emplace_back(model, s, plans.plan(s, 0).timing, volumes);
    start.push_back(spaces.back().decision_of(plans.plan(s, 0).timing));
  }
  const ObjectiveWeights weights = weights_of(options);
  const std::vector<Demand> demands = detail::demand_scenarios(fixed, options);
  detail::Evaluator evaluator(fixed, demands, spaces, weights, options.batch, options.threads,
                              options.demand_percentile);
  OptimizeResult result;
  OptimizeSummary& summary = result.summary;
  summary.objective = options.objective;
  const detail::Coordination coordination =
      detail::coordination(model, volumes, options.cycle_policy, options.coupling_index_min);
  detail::Search search(fixed, spaces, coordination, evaluator, options);
  const std::vector<detail::Decision> found = search.run(start, summary);
  // Both plans over the whole run, each a scenario of its own (its pedestrian service times give the
  // turns' pedestrian factors).
  const auto run_whole = [&](const detail::Decision& decision, const Demand& demand, Objective& objective_out) {
    Scenario with_plan = fixed;
    with_plan.demand = demand;
    for (std::size_t s = 0; s < spaces.size(); ++s) with_plan.timing[spaces[s].node()] = spaces[s].timing(decision[s]);
    Simulation whole(with_plan);
    whole.run();
    objective_out = objective(whole.model(), whole.state(), whole.demand(), 0, weights);
    return whole.result(0);
  };
  // The robust score of a plan over the whole run: its objective under every demand, combined.
  const auto robust_whole = [&](const detail::Decision& decision, Objective& base, SimulationResult& base_result) {
    std::vector<double> scores;
    for (std::size_t k = 0; k < demands.size(); ++k) {
      Objective o;
      SimulationResult r = run_whole(decision, demands[k], o);
      if (k == 0) {
        base = o;
        base_result = std::move(r);
      }
      scores.push_back(o.index);
    }
    return detail::robust_score(scores, options.demand_percentile);
  };
  // The largest lane-group X of a plan: closed form, or as its whole run measured it (a bay that
  // overflows, a queue that blocks), whichever is larger.
  const auto largest_x = [&](const detail::Decision& decision, const SimulationResult& run) {
    double x = 0;
    for (std::size_t s = 0; s < spaces.size(); ++s) x = std::max(x, spaces[s].max_degree_of_saturation(decision[s]));
    for (const IntersectionResult& intersection : run.intersections) {
      if (intersection.control == NodeControl::signalized) x = std::max(x, intersection.degree_of_saturation);
    }
    return x;
  };
  const auto excess = [&](const detail::Decision& decision, const SimulationResult& run) {
    return std::max(0.0, largest_x(decision, run) - options.max_degree_of_saturation);
  };
  SimulationResult after_result;
  summary.robust_before = robust_whole(start, summary.before, summary.before_result);
  // The best of the search's results over the whole run.
  detail::Decision best = found.front();
  summary.robust_after = robust_whole(best, summary.after, after_result);
  for (std::size_t k = 1; k < found.size(); ++k) {
    Objective o;
    SimulationResult r;
    const double score = robust_whole(found[k], o, r);
    if (detail::better({excess(found[k], r), score}, {excess(best, after_result), summary.robust_after})) {
      best = found[k];
      summary.robust_after = score;
      summary.after = o;
      after_result = std::move(r);
    }
  }
  summary.demands = demands.size();
  const bool improved = detail::better({excess(best, after_result), summary.robust_after},
                                       {excess(start, summary.before_result), summary.robust_before});
  summary.after_result = improved ? std::move(after_result) : summary.before_result;
  if (!improved) {
    best = start;
    summary.after = summary.before;
    summary.robust_after = summary.robust_before;
    summary.kept_scenario_plan = true;
  }
  summary.max_degree_of_saturation = largest_x(best, summary.after_result);
  summary.degree_of_saturation_met = summary.max_degree_of_saturation <= options.max_degree_of_saturation;
  for (std::size_t s = 0; s < spaces.size(); ++s) {
    const std::string& node = model.node_id[model.signalized_nodes[s]];
    summary.signals.push_back({node, static_cast<double>(best[s].cycle) / 10.0,
                               static_cast<double>(best[s].offset) / 10.0,
                               spaces[s].max_degree_of_saturation(best[s]), spaces[s].critical_v_c(best[s]),
                               spaces[s].phases_at_maximum(best[s])});
    // The plan evaluated is fixed time, so the plan returned is too: loading it gives the figures above.
    if (scenario.timing.at(node).controller != "fixed") summary.timed_as_fixed.push_back(node);
    result.timing[node] = improved ? spaces[s].timing(best[s]) : fixed.timing.at(node);
  }
  summary.evaluations = evaluator.evaluations();
  summary.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace itsc

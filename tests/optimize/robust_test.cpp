// Robust optimization: a plan scored over several demands holds under each of them better than a plan
// tuned to one, and drawn demands scale each count by its own factor around the scenario's.
#include <doctest/doctest.h>
#include <itsc/optimize.hpp>

#include <algorithm>
#include <cmath>

#include "optimize/demand_scenarios.hpp"
#include "optimize/optimizer_support.hpp"
#include "sim/scenario_builders.hpp"

namespace itsc {

namespace {

// An isolated two-stage signal whose busy street is the main one (pattern A) or the cross one (B).
Scenario pattern(double main_share, double cross_share) {
  test::ApproachOptions o;
  o.flow_veh_per_h = main_share * 1900;
  o.cross_flow_veh_per_h = cross_share * 1900;
  o.warmup_s = 900;
  return test::isolated_approach(o);
}

double worst_case(const std::map<std::string, Timing>& timing, const Scenario& a, const Scenario& b) {
  return std::max(test::whole_run(test::with_timing(a, timing)).index, test::whole_run(test::with_timing(b, timing)).index);
}

}  // namespace

TEST_CASE("optimize: the robust plan's worst case beats each single-pattern plan's") {
  const Scenario a = pattern(0.50, 0.20);
  const Scenario b = pattern(0.20, 0.50);
  const OptimizeResult only_a = optimize(a);
  const OptimizeResult only_b = optimize(b);
  OptimizeOptions robust_options;
  robust_options.demands = {b.demand};
  robust_options.demand_percentile = 100;  // the worse of the two
  const OptimizeResult robust = optimize(a, robust_options);
  CHECK(robust.summary.demands == 2);
  const double robust_worst = worst_case(robust.timing, a, b);
  CAPTURE(robust_worst);
  CAPTURE(worst_case(only_a.timing, a, b));
  CAPTURE(worst_case(only_b.timing, a, b));
  CHECK(robust_worst < worst_case(only_a.timing, a, b));
  CHECK(robust_worst < worst_case(only_b.timing, a, b));
  CHECK(robust.summary.robust_after == doctest::Approx(robust_worst));
}

TEST_CASE("optimize: demands listed in the scenario file are scored as the options' demands are") {
  const Scenario a = pattern(0.50, 0.20);
  const Scenario b = pattern(0.20, 0.50);
  Scenario listed = a;
  listed.demand_scenarios["cross_street_busy"] = b.demand;
  OptimizeOptions worst;
  worst.demand_percentile = 100;
  const OptimizeResult from_file = optimize(listed, worst);
  OptimizeOptions via_options = worst;
  via_options.demands = {b.demand};
  const OptimizeResult from_options = optimize(a, via_options);
  CHECK(from_file.summary.demands == 2);
  CHECK(from_file.timing == from_options.timing);
  CHECK(from_file.summary.robust_after == from_options.summary.robust_after);
  // A run of the scenario uses its own demand only.
  CHECK(test::whole_run(listed).index == test::whole_run(a).index);
}

TEST_CASE("optimize: drawn demands scale each entry flow and count around the scenario's") {
  const Scenario scenario = pattern(0.4, 0.3);
  OptimizeOptions options;
  options.demand_samples = 400;
  options.demand_cv = 0.2;
  const std::vector<Demand> demands = detail::demand_scenarios(scenario, options);
  REQUIRE(demands.size() == 401);
  CHECK(demands.front() == scenario.demand);
  // Each entry's factors have mean 1 and the coefficient of variation asked for.
  for (std::size_t e = 0; e < scenario.demand.entries.size(); ++e) {
    double sum = 0, squares = 0;
    for (std::size_t k = 1; k < demands.size(); ++k) {
      const double f = demands[k].entries[e].flow_veh_per_h.front() / scenario.demand.entries[e].flow_veh_per_h.front();
      CHECK(f > 0);
      sum += f;
      squares += f * f;
    }
    const double mean = sum / 400;
    const double cv = std::sqrt(squares / 400 - mean * mean) / mean;
    CAPTURE(e);
    CHECK(mean == doctest::Approx(1).epsilon(0.03));
    CHECK(cv == doctest::Approx(0.2).epsilon(0.15));
  }
  // The same seed draws the same demands; another seed others.
  CHECK(detail::demand_scenarios(scenario, options) == demands);
  options.seed = 2;
  CHECK(detail::demand_scenarios(scenario, options) != demands);
  // Scores combine as a mean, or a percentile.
  const std::vector<double> scores{4, 1, 3, 2};
  CHECK(detail::robust_score(scores, std::nullopt) == doctest::Approx(2.5));
  CHECK(detail::robust_score(scores, 100.0) == doctest::Approx(4));
  CHECK(detail::robust_score(scores, 50.0) == doctest::Approx(2.5));
  CHECK(detail::robust_score(scores, 0.0) == doctest::Approx(1));
}

}  // namespace itsc

// Demand scenarios of a robust optimization.
#include "optimize/demand_scenarios.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "util/counter_random.hpp"

namespace itsc::detail {

namespace {

// A lognormal factor of mean 1 and coefficient of variation cv from two uniform numbers (Box-Muller).
double lognormal_factor(double cv, double u1, double u2) {
  const double sigma2 = std::log1p(cv * cv);
  const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
  return std::exp(std::sqrt(sigma2) * normal - sigma2 / 2);
}

}  // namespace

std::vector<Demand> demand_scenarios(const Scenario& scenario, const OptimizeOptions& options) {
  const Demand& base = scenario.demand;
  std::vector<Demand> result{base};
  for (const auto& [name, demand] : scenario.demand_scenarios) result.push_back(demand);
  result.insert(result.end(), options.demands.begin(), options.demands.end());
  for (std::size_t k = 0; k < options.demand_samples; ++k) {
    Demand sample = base;
    std::uint64_t stream = 0;  // one per profile, in file order: entries, then turning counts
    const auto factor = [&] {
      const double u1 = counter_uniform(options.seed + k, stream, 0);
      const double u2 = counter_uniform(options.seed + k, stream, 1);
      ++stream;
      return lognormal_factor(options.demand_cv, u1, u2);
    };
    for (EntryFlow& entry : sample.entries) {
      const double f = factor();
      for (double& value : entry.flow_veh_per_h) value *= f;
    }
    for (ApproachTurns& approach : sample.turns) {
      if (!approach.counts) continue;
      for (TurnShare& share : approach.shares) {
        const double f = factor();
        for (double& value : share.values) value *= f;
      }
    }
    result.push_back(std::move(sample));
  }
  return result;
}

double robust_score(std::span<const double> scores, std::optional<double> percentile) {
  if (scores.empty()) return 0;
  if (!percentile) return std::accumulate(scores.begin(), scores.end(), 0.0) / static_cast<double>(scores.size());
  std::vector<double> sorted(scores.begin(), scores.end());
  std::sort(sorted.begin(), sorted.end());
  const double rank = *percentile / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(rank));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (rank - static_cast<double>(low)) * (sorted[high] - sorted[low]);
}

}  // namespace itsc::detail

#pragma once
// The demands a robust optimization scores plans over (docs/optimizer.md, "Robust optimization"), and
// how their scores combine.
#include <cstdint>
#include <span>
#include <vector>

#include "itsc/demand.hpp"
#include "itsc/optimize.hpp"

namespace itsc::detail {

/// The scenario's demand, its listed `demand_scenarios` (in name order), the options' `demands`, then
/// `demand_samples` draws from the scenario's demand: every entry flow profile and every turning count
/// profile scaled by its own lognormal factor (mean 1, CV `demand_cv`), from a counter-based generator of
/// `seed` (the same draws on every machine).
[[nodiscard]] std::vector<Demand> demand_scenarios(const Scenario& scenario, const OptimizeOptions& options);

/// The mean of `scores`, or their percentile (linear between order statistics) when one is given.
[[nodiscard]] double robust_score(std::span<const double> scores, std::optional<double> percentile);

}  // namespace itsc::detail

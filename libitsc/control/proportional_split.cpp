#include "control/proportional_split.hpp"

#include <algorithm>
#include <cmath>

namespace itsc::detail {

void proportional_split(double total, std::span<const double> weight, std::span<const double> low,
                        std::span<const double> high, std::span<double> out) noexcept {
  const std::size_t n = out.size();
  double weight_sum = 0, low_sum = 0, high_sum = 0;
  double smallest_weight = 0;
  for (std::size_t i = 0; i < n; ++i) {
    weight_sum += weight[i];
    low_sum += low[i];
    high_sum += high[i];
    if (weight[i] > 0 && (smallest_weight == 0 || weight[i] < smallest_weight)) smallest_weight = weight[i];
  }
  if (!(weight_sum > 0)) {
    // No pressure anywhere: the lows plus equal shares of the rest.
    for (std::size_t i = 0; i < n; ++i) out[i] = low[i] + (total - low_sum) / static_cast<double>(n);
    return;
  }
  if (high_sum <= total) {
    // The caps cannot fill the total: every item at its cap, the rest by weight.
    for (std::size_t i = 0; i < n; ++i) out[i] = high[i] + (total - high_sum) * weight[i] / weight_sum;
    return;
  }
  // Σ clamp(λ·w_i, low_i, high_i) grows with λ from Σ low (λ = 0) to at least the total (λ = hi).
  const auto filled = [&](double lambda) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += std::clamp(lambda * weight[i], low[i], std::max(low[i], high[i]));
    return sum;
  };
  double lo = 0;
  double hi = total / smallest_weight;
  for (int iteration = 0; iteration < 100 && hi - lo > 1e-12 * hi; ++iteration) {
    const double mid = 0.5 * (lo + hi);
    (filled(mid) < total ? lo : hi) = mid;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = std::clamp(hi * weight[i], low[i], std::max(low[i], high[i]));
  // The bisection leaves a sliver; it goes to the heaviest item so the sum is exact.
  double sum = 0;
  std::size_t heaviest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sum += out[i];
    if (weight[i] > weight[heaviest]) heaviest = i;
  }
  out[heaviest] = std::max(low[heaviest], out[heaviest] + total - sum);
}

void whole_tenths(std::span<const double> share, Tenths total, std::span<Tenths> out) noexcept {
  // Rounding the running sum keeps each share within its integer bounds and the total exact.
  double running = 0;
  Tenths before = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    running += share[i];
    const Tenths after = i + 1 == out.size() ? total : static_cast<Tenths>(std::llround(running));
    out[i] = after - before;
    before = after;
  }
}

}  // namespace itsc::detail

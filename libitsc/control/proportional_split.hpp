#pragma once
// Sharing a total among items in proportion to weights within bounds, and cutting the shares into
// whole tenths of a second (the cycle-based max-pressure splits and the plan transitions).

#include <span>

#include "itsc/interval_table.hpp"

namespace itsc::detail {

/// out_i = clamp(λ·weight_i, low_i, high_i) with λ chosen so that Σ out_i = total (bisection on λ).
/// Needs Σ low ≤ total. Items of weight 0 get their low. Where Σ high < total the excess is shared in
/// proportion to the weights beyond the highs (the total wins over the caps); with every weight 0 the
/// excess over the lows is shared equally. No allocation.
void proportional_split(double total, std::span<const double> weight, std::span<const double> low,
                        std::span<const double> high, std::span<double> out) noexcept;

/// Whole tenths adding up to `total` (≈ Σ share) exactly: the running sum is rounded, so each share
/// moves by less than a tenth and one at or within integer bounds stays within them.
void whole_tenths(std::span<const double> share, Tenths total, std::span<Tenths> out) noexcept;

}  // namespace itsc::detail

#pragma once
/// @file tenths.hpp
/// Signal and simulation time in integer tenths of a second, and the one rule that turns seconds into
/// it. Scenario files give seconds; everything that times signals counts tenths.

#include <cmath>
#include <cstdint>

namespace itsc {

/// Tenths of a second.
using Tenths = std::int64_t;

/// Rounds seconds to the nearest tenth (halves away from zero).
[[nodiscard]] inline Tenths to_tenths(double seconds) noexcept {
  return static_cast<Tenths>(std::llround(seconds * 10.0));
}

}  // namespace itsc

#pragma once
// A counter-based uniform random number: the draw-th number of a stream of a seed, from nothing else
// (SplitMix64's finalizer over the three), so that results depend on the seed and on no order of calls,
// batch or thread.
#include <cstdint>

namespace itsc::detail {

/// A uniform number in (0, 1) for (seed, stream, draw).
[[nodiscard]] inline double counter_uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t draw) noexcept {
  auto mix = [](std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  };
  const std::uint64_t x = mix(mix(mix(seed + 0x9E3779B97F4A7C15ull) ^ (stream + 1)) ^ draw);
  return (static_cast<double>(x >> 11) + 0.5) * 0x1.0p-53;
}

}  // namespace itsc::detail

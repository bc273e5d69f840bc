#pragma once
/// @file units.hpp
/// US customary units: their exact factors (written once, for input and output) and the choice of the
/// units a report is written in.

#include <optional>
#include <string_view>

namespace itsc {

inline constexpr double kMetresPerFoot = 0.3048;   ///< exact
inline constexpr double kKmPerMile = 1.609344;     ///< exact

/// The units of a report: SI (metres, km) or US customary (feet, miles). Time, vehicles and flows per
/// hour are the same in both.
enum class Units { si, us };
[[nodiscard]] constexpr std::optional<Units> parse_units(std::string_view text) noexcept {
  if (text == "si") return Units::si;
  if (text == "us") return Units::us;
  return std::nullopt;
}

}  // namespace itsc

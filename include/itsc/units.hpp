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

/// What a length in metres is multiplied by to be written in `units` (feet for US customary).
[[nodiscard]] constexpr double per_metre(Units units) noexcept { return units == Units::us ? 1.0 / kMetresPerFoot : 1.0; }
/// What a distance in km, or a speed in km/h, is multiplied by to be written in `units` (miles, mi/h).
[[nodiscard]] constexpr double per_km(Units units) noexcept { return units == Units::us ? 1.0 / kKmPerMile : 1.0; }

}  // namespace itsc

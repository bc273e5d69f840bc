#pragma once
// Enum <-> name tables: one constexpr array of pairs per enum gives both directions.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace itsc::detail {

template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

template <typename Enum, std::size_t N>
[[nodiscard]] std::string_view name_of(const EnumNames<Enum, N>& names, Enum value) noexcept {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "?";
}

template <typename Enum, std::size_t N>
[[nodiscard]] std::optional<Enum> value_of(const EnumNames<Enum, N>& names, std::string_view text) noexcept {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace itsc::detail

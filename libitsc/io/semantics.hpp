#pragma once
// The step after reading: `validate` checks the meaning of what was read, and the loader places its
// diagnostics in the file and merges them with its own.

#include <string_view>
#include <vector>

#include "io/map_reader.hpp"
#include "itsc/scenario.hpp"

namespace itsc::detail {

/// validate's diagnostics, with file and position filled in from the loader's key path table. Those
/// at or under a path where the loader already reported a wrong or missing value are dropped.
[[nodiscard]] std::vector<Diagnostic> check_semantics(const Scenario& scenario, const LoadContext& context);

/// True when `path` is `ancestor` or lies under it (`links[3]` covers `links[3].lanes`).
[[nodiscard]] bool path_covers(std::string_view ancestor, std::string_view path) noexcept;

/// Sorts errors by line and column, keeps at most 100 and throws them as one Error; does nothing
/// when there are none.
void throw_if_errors(std::vector<Diagnostic> errors);

/// Sorts diagnostics by line, then column (stable).
void sort_by_position(std::vector<Diagnostic>& diagnostics);

}  // namespace itsc::detail

#pragma once
/// @file io.hpp
/// Reading and writing scenario and plan files (YAML).

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/scenario.hpp"

namespace itsc {

/// A loaded scenario and the warnings found while loading it.
struct LoadResult {
  Scenario scenario;
  std::vector<Diagnostic> warnings;
};

/// Loads and validates a scenario file. Throws `Error` with every problem (FILE:LINE:COL: path:
/// message, sorted by line, at most 100); nothing is half-loaded.
[[nodiscard]] LoadResult load_scenario_file(const std::filesystem::path& path);
/// The same from text; `file_name` is used in messages.
[[nodiscard]] LoadResult load_scenario_string(std::string_view yaml, std::string_view file_name = "<string>");

/// Writes a scenario as YAML (numbers in shortest round-trip form). Load(save(s)) == s.
[[nodiscard]] std::string save_scenario_string(const Scenario& scenario);
/// Writes atomically: a temporary file beside `path`, then rename.
void save_scenario_file(const Scenario& scenario, const std::filesystem::path& path);

/// A plan file: `schema_version` and a `timing:` map keyed by signalized node id.
struct Plan {
  std::map<std::string, Timing> timing;
};

/// Loads a plan file against the scenario it is for (movement ids, node ids are checked).
[[nodiscard]] Plan load_plan_file(const std::filesystem::path& path, const Scenario& scenario);
[[nodiscard]] Plan load_plan_string(std::string_view yaml, const Scenario& scenario,
                                    std::string_view file_name = "<string>");
[[nodiscard]] std::string save_plan_string(const Plan& plan);
void save_plan_file(const Plan& plan, const std::filesystem::path& path);

/// Replaces the timing of the nodes the plan lists; throws if one is not a signalized node.
void apply_plan(Scenario& scenario, const Plan& plan);

/// Writes `contents` to `path` atomically (temporary file in the same folder, then rename).
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace itsc

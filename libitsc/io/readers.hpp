#pragma once
// Building the scenario value types from the YAML tree (shape and type checks only; the meaning is
// checked by `validate`).

#include <functional>
#include <map>
#include <string>

#include "io/map_reader.hpp"
#include "itsc/scenario.hpp"

namespace itsc::detail {

/// Checks a document's `schema_version` before anything else, so that a newer file gets one clear
/// error instead of a list of unknown keys. False when the version is unsupported (reported).
[[nodiscard]] bool check_schema_version(LoadContext& context, const YamlNode& root);

/// The whole scenario (the root must be a map; reported otherwise).
[[nodiscard]] Scenario read_scenario(LoadContext& context, const YamlNode& root);

/// A scenario document read for its format only, with the positions of its keys.
struct ScenarioDocument {
  Scenario scenario;
  LoadContext context;
};
/// Parses and reads a scenario document; throws on syntax, shape and type errors. No semantic
/// checks: `load_scenario_string` adds them (tests of the format alone use this).
[[nodiscard]] ScenarioDocument read_scenario_document(std::string_view yaml, std::string_view file_name);

/// Decides whether an entry of a `timing:` map is read (plan files check the node id here).
using TimingKeyCheck = std::function<bool(const YamlNode& key, const std::string& path)>;

/// A `timing:` map: node id -> timing, offsets converted to the internal convention (with the
/// default intervals of the node of that id in `network`, where it has one).
[[nodiscard]] std::map<std::string, Timing> read_timing_map(LoadContext& context, const YamlNode& node,
                                                            const std::string& path, const Network& network,
                                                            const TimingKeyCheck& accept = {});

}  // namespace itsc::detail

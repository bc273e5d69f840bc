#pragma once
/// @file cityflow.hpp
/// CityFlow interoperability: import a CityFlow dataset (`roadnet.json` with its intersections, roads and
/// light phases, and `flow.json` with its vehicle flows: the format of the traffic-signal reinforcement
/// learning literature's Jinan, Hangzhou and New York datasets) into a `Scenario`. Imported ids are
/// CityFlow's ids (intersection -> node, road -> link, road link -> movement `FROM->TO`). See
/// docs/cityflow.md.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "itsc/scenario.hpp"
#include "itsc/source_text.hpp"

namespace itsc {

/// What to import and how.
struct CityFlowImportOptions {
  std::filesystem::path roadnet_file;  ///< `roadnet.json`
  std::filesystem::path flow_file;     ///< `flow.json`
  std::optional<double> end_s;         ///< when the demand ends; default: last departure, whole intervals
  double interval_s = 900;             ///< length of each demand profile interval
};

/// An imported scenario and the conversion report: what was mapped, skipped or approximated.
struct CityFlowImport {
  Scenario scenario;
  std::vector<std::string> report;
};

/// Imports a CityFlow road network and its flows. Throws `Error` (invalid_input) naming the file and the
/// JSON path of every problem (not JSON, missing or mistyped fields, unknown roads or intersections,
/// lane or road link indices out of range, routes whose roads no road link joins), `Error` (io) when a
/// file cannot be read. The scenario returned passes `validate` without errors.
[[nodiscard]] CityFlowImport import_cityflow(const CityFlowImportOptions& options);

/// The same from file contents held in memory (`options.roadnet_file` and `flow_file` are ignored).
[[nodiscard]] CityFlowImport import_cityflow(const SourceText& roadnet, const SourceText& flow,
                                             const CityFlowImportOptions& options);

}  // namespace itsc

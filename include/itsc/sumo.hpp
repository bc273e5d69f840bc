#pragma once
/// @file sumo.hpp
/// SUMO interoperability: import a SUMO network (`.net.xml`) with its demand (`.rou.xml`) and static
/// signal programs into a `Scenario`, and export a scenario's plans as a SUMO additional file of
/// `tlLogic` programs. Imported ids are SUMO's ids (junction -> node, edge -> link); each movement keeps
/// the `linkIndex` values of its connections (`sumo_link_indices`) and each signalized node the id and
/// size of its traffic light (`sumo_tls`, `sumo_tls_link_count`), so that the export can address
/// SUMO's program again. See docs/sumo.md.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "itsc/scenario.hpp"
#include "itsc/source_text.hpp"

namespace itsc {

/// What to import and how.
struct SumoImportOptions {
  std::filesystem::path net_file;                 ///< the `.net.xml`
  std::vector<std::filesystem::path> route_files; ///< `.rou.xml` files (vehicles, trips, flows)
  /// `.add.xml` files: their `tlLogic` programs replace the net's by traffic light id, in the order
  /// given (SUMO runs the last program loaded for an id); their other elements are ignored
  std::vector<std::filesystem::path> additional_files;
  double begin_s = 0;                 ///< SUMO time that becomes libitsc's t = 0
  std::optional<double> end_s;        ///< SUMO time the demand ends; default: last departure, whole intervals
  double interval_s = 900;            ///< length of each demand profile interval
};

/// An imported scenario and the conversion report: one line per skipped or approximated element.
struct SumoImport {
  Scenario scenario;
  std::vector<std::string> report;
};

/// The text of one SUMO file; `name` is used in messages (FILE:LINE:COL).
using SumoSource = SourceText;

/// Imports a SUMO network and its demand. Throws `Error` (invalid_input) with the file, line and column
/// of every problem (not XML, wrong root element, dangling ids, routes over unknown edges, a program of
/// an additional file for an unknown traffic light or with a different number of signals), `Error` (io)
/// when a file cannot be read. The scenario returned passes `validate` without errors.
[[nodiscard]] SumoImport import_sumo(const SumoImportOptions& options);

/// The same from file contents held in memory (`options.net_file`, `route_files` and `additional_files`
/// are ignored; `additional` takes the place of the last).
[[nodiscard]] SumoImport import_sumo(const SumoSource& net, std::span<const SumoSource> routes,
                                     const SumoImportOptions& options, std::span<const SumoSource> additional = {});

/// How to export plans to SUMO.
struct SumoExportOptions {
  std::string program_id = "itsc";  ///< programID of the new programs (SUMO runs the last one loaded)
};

/// An additional file and the notes about it (link indices no movement covers, held red).
struct SumoExport {
  std::string xml;
  std::vector<std::string> report;
};

/// One `tlLogic` per SUMO traffic light of the scenario's signalized nodes: one phase per interval of
/// the engine's interval table (`G`/`g`/`y`/`r`/`s`), offset in SUMO's convention (phase 0 starts at
/// SUMO time offset; the scenario's `sumo_begin_s` is added back). Throws `Error` (invalid_input) when a
/// signalized node has no `sumo_tls` (the scenario was not imported from SUMO) or the nodes of one
/// traffic light have different cycles.
[[nodiscard]] SumoExport export_sumo_tls(const Scenario& scenario, const SumoExportOptions& options = {});

/// A whole SUMO scenario written from any scenario: the network as plain XML for netconvert, its plans as
/// traffic-light programs with the connections' link indices, the demand as routes, and the two
/// configuration files that tie them together (`netconvert -c NAME.netccfg`, then `sumo -c NAME.sumocfg`).
struct SumoScenarioExport {
  std::string nodes;        ///< NAME.nod.xml
  std::string edges;        ///< NAME.edg.xml
  std::string connections;  ///< NAME.con.xml
  std::string programs;     ///< NAME.tll.xml
  std::string routes;       ///< NAME.rou.xml
  std::string netconvert_config;  ///< NAME.netccfg: builds NAME.net.xml
  std::string sumo_config;        ///< NAME.sumocfg: runs the scenario's duration
  std::vector<std::string> report;
};

/// Writes `scenario` (valid, every node with coordinates) as a SUMO scenario whose files are named
/// `name`.*: nodes keep their ids and positions (signals a traffic light of their own id, two-way stops
/// `priority_stop` with their major street first), links become edges of their length, lanes and speed
/// (lane groups side by side, right turns on the right; bays as lanes of the whole edge), movements
/// become connections lane by lane, each plan the program of its interval table, and the demand its
/// vehicles, each with its route through the turning proportions and trip ends, chosen so that every link
/// sends each way its share of the vehicles it had to within one (no sampling: SUMO's counts are the
/// demand's). Throws `Error`
/// (invalid_input) for an invalid scenario or a node without coordinates.
[[nodiscard]] SumoScenarioExport export_sumo_scenario(const Scenario& scenario, const std::string& name,
                                                      const SumoExportOptions& options = {});

}  // namespace itsc

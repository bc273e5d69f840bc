#pragma once
/// @file utdf.hpp
/// Synchro interoperability: import a UTDF file (Universal Traffic Data Format, the combined CSV file
/// of sections `[Network]`, `[Nodes]`, `[Links]`, `[Lanes]`, `[Timeplans]`, `[Phases]`) into a
/// `Scenario`, and export a scenario's timings (and, for a scenario imported from UTDF, its network)
/// back to UTDF so that an optimized plan goes back into the Synchro model. Imported ids are UTDF's:
/// INTID -> node id, `UP-DOWN` -> link id, the movement columns (NBL, NBT, ...) -> movement ids. See
/// docs/utdf.md.

#include <filesystem>
#include <string>
#include <vector>

#include "itsc/scenario.hpp"

namespace itsc {

/// What to import.
struct UtdfImportOptions {
  std::filesystem::path file;  ///< the UTDF combined file (.csv)
};

/// An imported scenario and the conversion report: one line per defaulted or approximated value.
struct UtdfImport {
  Scenario scenario;
  std::vector<std::string> report;
};

/// The text of one UTDF file; `name` is used in messages (FILE:LINE).
struct UtdfSource {
  std::string name;
  std::string text;
};

/// Imports a UTDF file. Throws `Error` (invalid_input) naming FILE:LINE, the section, the INTID and the
/// column of every problem (a cell that is not a number, an unknown node, a phase without BRP, ...),
/// `Error` (io) when the file cannot be read. The scenario returned passes `validate` without errors.
[[nodiscard]] UtdfImport import_utdf(const UtdfImportOptions& options);
/// The same from a file's text held in memory (`options.file` is ignored).
[[nodiscard]] UtdfImport import_utdf(const UtdfSource& source, const UtdfImportOptions& options = {});

/// A UTDF file and the notes about it (values written in another convention, nodes numbered anew).
struct UtdfExport {
  std::string csv;
  std::vector<std::string> report;
};

/// The `[Phases]` and `[Timeplans]` sections of every signalized node (its INTID: the node id, or a
/// new number where the id is not one) and, for a scenario imported from UTDF (`Scenario::utdf`), the
/// `[Network]`, `[Nodes]`, `[Links]`, `[Lanes]` and `[Volume]` sections too. Offsets are written in each
/// node's imported "Referenced To" convention (else TS2 first green, libitsc's own). Throws `Error`
/// (invalid_input) when a timing cannot be written (a ring plan whose rings miss a barrier).
[[nodiscard]] UtdfExport export_utdf(const Scenario& scenario);

}  // namespace itsc

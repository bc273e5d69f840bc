#pragma once
// What the UTDF export's writers share: INTIDs for node ids, cells as Synchro writes numbers, record rows.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/scenario.hpp"

namespace itsc::detail::utdf {

/// Node id -> INTID: the id where it is a number, else a new number past the largest (reported).
using Intids = std::map<std::string, std::string>;
[[nodiscard]] Intids intids(const Scenario& scenario, std::vector<std::string>& report);

/// A number as Synchro writes it: tenths at most; blank when absent.
[[nodiscard]] std::string cell(double value);
[[nodiscard]] std::string cell(const std::optional<double>& value);

/// Appends `RECORD,INTID,cells...` and a line end.
void write_row(std::string& csv, std::string_view record, const std::string& intid, const std::vector<std::string>& cells);

/// `[Timeplans]` and `[Phases]` of every signalized node.
void write_timing_sections(const Scenario& scenario, const Intids& ids, std::string& csv, std::vector<std::string>& report);
/// `[Network]`, `[Nodes]`, `[Links]` and `[Lanes]` of a scenario imported from UTDF.
void write_network_sections(const Scenario& scenario, const Intids& ids, std::string& csv, std::vector<std::string>& report);

}  // namespace itsc::detail::utdf

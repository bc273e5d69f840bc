// itsc::export_utdf: the network sections for a scenario imported from UTDF, then every signal's timing.
#include <algorithm>
#include <cmath>

#include "io/utdf/utdf_writer.hpp"
#include "itsc/utdf.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace detail::utdf {

// Numbers as Synchro writes them: tenths at most.
std::string cell(double value) { return format_number(std::round(value * 10) / 10); }
std::string cell(const std::optional<double>& value) { return value ? cell(*value) : ""; }

namespace {

bool is_intid(const std::string& id) {
  return !id.empty() && id.size() < 7 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Intids intids(const Scenario& scenario, std::vector<std::string>& report) {
  std::map<std::string, std::string> out;
  long next = 1;
  for (const Node& node : scenario.network.nodes) {
    if (is_intid(node.id)) next = std::max(next, std::stol(node.id) + 1);
  }
  for (const Node& node : scenario.network.nodes) {
    if (is_intid(node.id)) {
      out[node.id] = node.id;
    } else {
      out[node.id] = std::to_string(next++);
      report.push_back("node " + node.id + ": INTID " + out[node.id]);
    }
  }
  return out;
}

void write_row(std::string& csv, std::string_view record, const std::string& intid, const std::vector<std::string>& cells) {
  csv += std::string(record) + "," + intid;
  for (const std::string& value : cells) csv += "," + value;
  csv += "\n";
}

}  // namespace detail::utdf

UtdfExport export_utdf(const Scenario& scenario) {
  UtdfExport out;
  const auto ids = detail::utdf::intids(scenario, out.report);
  if (scenario.utdf) detail::utdf::write_network_sections(scenario, ids, out.csv, out.report);
  detail::utdf::write_timing_sections(scenario, ids, out.csv, out.report);
  return out;
}

}  // namespace itsc

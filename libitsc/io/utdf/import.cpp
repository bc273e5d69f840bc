// itsc::import_utdf: sections -> units -> network -> demand -> timing -> validated scenario.
#include <filesystem>

#include "io/import/import_steps.hpp"
#include "io/read_file.hpp"
#include "io/utdf/utdf_parts.hpp"

namespace itsc {

namespace {

// [Network] Metric: 1 metres and km/h, 0 (or absent: Synchro's default) feet and mph.
detail::utdf::FileUnits read_units(const detail::utdf::Tables& tables, detail::utdf::Problems& problems) {
  detail::utdf::FileUnits units;
  const detail::utdf::Section* network = tables.find("Network");
  if (!network) return units;
  for (const detail::utdf::Row& row : network->rows) {
    if (detail::utdf::lower(row.cells[0]) != "metric") continue;
    const auto value = detail::utdf::parse_number(row.cells.size() > 1 ? row.cells[1] : "");
    if (!value || (*value != 0 && *value != 1)) {
      problems.add(row.line, "[Network] Metric, column DATA: must be 0 (feet, mph) or 1 (metres, km/h)");
    } else {
      units.metric = *value == 1;
    }
  }
  return units;
}

}  // namespace

UtdfImport import_utdf(const UtdfSource& source, const UtdfImportOptions& /*options*/) {
  UtdfImport out;
  detail::utdf::Problems problems(source.name);
  const detail::utdf::Tables tables(source);
  const detail::utdf::FileUnits units = read_units(tables, problems);
  const std::vector<std::string> signals = detail::utdf::signal_ids(tables, problems);
  problems.throw_if_any();
  Scenario& scenario = out.scenario;
  scenario.name = std::filesystem::path(source.name).stem().string() + " (imported from UTDF)";
  scenario.utdf.emplace();
  scenario.utdf->metric = units.metric;
  detail::utdf::build_network(tables, units, signals, scenario, problems, out.report);
  detail::utdf::build_demand(tables, scenario, problems, out.report);
  detail::utdf::build_timing(tables, scenario, problems, out.report);
  problems.throw_if_any();

  detail::require_imported_valid(scenario, [&](Diagnostic& diagnostic) { diagnostic.file = source.name; }, out.report);
  return out;
}

UtdfImport import_utdf(const UtdfImportOptions& options) {
  return import_utdf(UtdfSource{options.file.string(), detail::read_file(options.file)}, options);
}

}  // namespace itsc

// itsc::import_sumo: net (its programs replaced by the additional files') -> network -> clean-up -> signal
// programs -> routes -> demand -> validated scenario (problems named by SUMO element).
#include <algorithm>
#include <cmath>

#include "io/read_file.hpp"
#include "io/sumo/import_parts.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace {

std::string stem(const std::string& name) {
  std::string base = std::filesystem::path(name).filename().string();
  for (const char* suffix : {".net.xml", ".xml"}) {
    const std::string_view ending(suffix);
    if (base.size() > ending.size() && base.ends_with(ending)) return base.substr(0, base.size() - ending.size());
  }
  return base;
}

}  // namespace

SumoImport import_sumo(const SumoSource& net_source, std::span<const SumoSource> routes,
                       const SumoImportOptions& options, std::span<const SumoSource> additional) {
  detail::check_demand_window(options.begin_s, options.end_s, options.interval_s);
  SumoImport out;
  std::vector<std::string>& report = out.report;
  detail::SumoNet net = detail::read_sumo_net(net_source, report);
  for (const SumoSource& source : additional) detail::read_sumo_additional(source, net, report);
  Scenario& scenario = out.scenario;
  scenario.name = stem(net_source.name) + " (imported from SUMO)";
  detail::build_network(net, scenario, report);
  detail::clean_sumo_network(scenario, report);
  detail::cap_slow_links(scenario, report);
  detail::import_programs(net, scenario, options.begin_s, report);
  std::vector<detail::ImportTrip> trips;
  for (const SumoSource& source : routes) {
    auto more = detail::read_sumo_routes(source, net, scenario.network, report);
    trips.insert(trips.end(), more.begin(), more.end());
  }
  const double end_s = detail::demand_end_s(trips, options.begin_s, options.end_s, options.interval_s);
  scenario.demand = detail::build_demand(trips, scenario.network, options.begin_s, end_s, options.interval_s,
                                         detail::sumo_terms(), report);
  scenario.simulation.duration_s = end_s - options.begin_s;
  scenario.simulation.warmup_s = 0;  // SUMO measures every vehicle from an empty network too
  scenario.sumo.begin_s = options.begin_s;
  report.push_back("simulation: " + detail::format_number(end_s - options.begin_s) + " s from SUMO time " +
                   detail::format_number(options.begin_s) + ", no warm-up (as SUMO counts every vehicle)");

  // Validation numbers links and nodes by their place in the scenario; name SUMO's elements instead.
  const detail::SumoSources sources(net);
  detail::require_imported_valid(
      scenario, [&](Diagnostic& diagnostic) { sources.locate(diagnostic, scenario, net_source.name); }, report);
  return out;
}

SumoImport import_sumo(const SumoImportOptions& options) {
  const SumoSource net{options.net_file.string(), detail::read_file(options.net_file)};
  std::vector<SumoSource> routes;
  for (const auto& path : options.route_files) routes.push_back({path.string(), detail::read_file(path)});
  std::vector<SumoSource> additional;
  for (const auto& path : options.additional_files) additional.push_back({path.string(), detail::read_file(path)});
  return import_sumo(net, routes, options, additional);
}

}  // namespace itsc

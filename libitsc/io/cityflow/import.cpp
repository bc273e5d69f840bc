// itsc::import_cityflow: roadnet.json -> network -> clean-up -> light phases -> flow.json -> departures ->
// demand -> validated scenario (problems named by the CityFlow road or intersection they came from).
#include <charconv>
#include <string_view>

#include "io/cityflow/cityflow_data.hpp"
#include "io/read_file.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace {

// "links[12].speed_kmh" -> "roads[4].speed_kmh" (the road the link came from), "nodes[3]..." likewise;
// the file is roadnet.json. Other paths (simulation, demand) keep their scenario path.
void locate(Diagnostic& diagnostic, const Scenario& scenario, const detail::CfRoadnet& roadnet) {
  diagnostic.file = roadnet.file;
  const std::string& path = diagnostic.path;
  const auto replace = [&](std::string_view head, const auto& items, const auto& sources) {
    if (!path.starts_with(std::string(head) + "[")) return;
    const std::size_t close = path.find(']');
    std::size_t index = 0;
    const char* first = path.data() + head.size() + 1;
    if (close == std::string::npos || std::from_chars(first, path.data() + close, index).ec != std::errc() ||
        index >= items.size()) {
      return;
    }
    for (const auto& source : sources) {
      if (source.id == items[index].id) {
        diagnostic.path = source.path + path.substr(close + 1);
        return;
      }
    }
  };
  replace("links", scenario.network.links, roadnet.roads);
  replace("nodes", scenario.network.nodes, roadnet.intersections);
}

std::string stem(const std::string& name) {
  std::string base = std::filesystem::path(name).filename().string();
  if (base.size() > 5 && base.ends_with(".json")) base.resize(base.size() - 5);
  return base;
}

}  // namespace

CityFlowImport import_cityflow(const SourceText& roadnet_source, const SourceText& flow_source,
                               const CityFlowImportOptions& options) {
  detail::check_demand_window(0, options.end_s, options.interval_s);
  CityFlowImport out;
  std::vector<std::string>& report = out.report;
  const detail::CfRoadnet roadnet = detail::read_cityflow_roadnet(roadnet_source);
  const std::vector<detail::CfFlow> flows = detail::read_cityflow_flows(flow_source, roadnet);
  Scenario& scenario = out.scenario;
  scenario.name = stem(roadnet_source.name) + " (imported from CityFlow)";
  detail::build_cityflow_network(roadnet, scenario.network, report);
  detail::clean_network(scenario.network, detail::cityflow_terms(), report);
  detail::cap_slow_links(scenario, report);
  detail::import_light_phases(roadnet, scenario, report);
  const std::vector<detail::ImportTrip> trips =
      detail::cityflow_trips(flows, roadnet, scenario.network, options.end_s, flow_source.name, report);
  const double end_s = detail::demand_end_s(trips, 0, options.end_s, options.interval_s);
  scenario.demand = detail::build_demand(trips, scenario.network, 0, end_s, options.interval_s,
                                         detail::cityflow_terms(), report);
  scenario.simulation.duration_s = end_s;
  scenario.simulation.warmup_s = 0;  // CityFlow's metrics count every vehicle from an empty network too
  report.push_back("simulation: " + detail::format_number(end_s) +
                   " s from CityFlow time 0, no warm-up (as CityFlow counts every vehicle)");

  detail::require_imported_valid(scenario, [&](Diagnostic& diagnostic) { locate(diagnostic, scenario, roadnet); }, report);
  return out;
}

CityFlowImport import_cityflow(const CityFlowImportOptions& options) {
  const SourceText roadnet{options.roadnet_file.string(), detail::read_file(options.roadnet_file)};
  const SourceText flow{options.flow_file.string(), detail::read_file(options.flow_file)};
  return import_cityflow(roadnet, flow, options);
}

}  // namespace itsc

// `itsc info`: what a scenario holds.
#include "itsc/summary.hpp"

#include "itsc/model.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "util/format_number.hpp"

namespace itsc {

namespace {
constexpr double kDiscretizationTolerance = 0.10;
}

ScenarioSummary summarize(const Scenario& scenario, double dt_s) {
  const Network& network = scenario.network;
  ScenarioSummary summary;
  summary.name = scenario.name;
  summary.dt_s = dt_s > 0 ? dt_s : scenario.simulation.dt_s;
  summary.duration_s = scenario.duration_s();
  summary.nodes = network.nodes.size();
  for (const Node& node : network.nodes) {
    summary.signalized_nodes += node.control == NodeControl::signalized ? 1 : 0;
    summary.boundary_nodes += node.control == NodeControl::boundary ? 1 : 0;
    summary.lane_groups += node.lane_groups.size();
    summary.movements += node.movements.size();
  }
  summary.links = network.links.size();
  for (const Link& link : network.links) {
    summary.lanes += static_cast<std::size_t>(link.lanes);
    summary.network_length_km += link.length_m / 1000.0;
    const std::size_t cells = cell_count(link.length_m, link.speed_kmh, summary.dt_s);
    const double free_flow_s = link.length_m / (link.speed_kmh / 3.6);
    const double discretized_s = static_cast<double>(cells) * summary.dt_s;
    if (std::fabs(discretized_s - free_flow_s) > kDiscretizationTolerance * free_flow_s) {
      summary.discretization_notes.push_back({link.id, cells, free_flow_s, discretized_s});
    }
  }
  summary.detectors = network.detectors.size();
  summary.entry_links = network.entry_links().size();
  summary.exit_links = network.exit_links().size();

  // Entry demand over the run: each interval's total flow for the part of the interval inside the run.
  const Demand& demand = scenario.demand;
  std::size_t intervals = 1;
  for (const EntryFlow& entry : demand.entries) intervals = std::max(intervals, entry.flow_veh_per_h.size());
  for (std::size_t i = 0; i < intervals; ++i) {
    double total = 0;
    for (const EntryFlow& entry : demand.entries) {
      const auto& profile = entry.flow_veh_per_h;
      if (!profile.empty()) total += profile.size() == 1 ? profile.front() : profile[std::min(i, profile.size() - 1)];
    }
    summary.peak_entry_flow_veh_per_h = std::max(summary.peak_entry_flow_veh_per_h, total);
    // The last interval's flow continues when the run is longer than the profile.
    const double begin = demand.interval_s * static_cast<double>(i);
    const double end = i + 1 == intervals ? summary.duration_s : begin + demand.interval_s;
    summary.entry_demand_veh += total / 3600.0 * std::max(0.0, std::min(end, summary.duration_s) - begin);
  }
  for (const PedestrianFlow& flow : demand.pedestrians) summary.pedestrian_flow_ped_per_h += flow.flow_ped_per_h;
  return summary;
}

std::string to_json(const ScenarioSummary& summary) {
  nlohmann::ordered_json json;
  json["name"] = summary.name;
  json["nodes"] = summary.nodes;
  json["signalized_nodes"] = summary.signalized_nodes;
  json["boundary_nodes"] = summary.boundary_nodes;
  json["links"] = summary.links;
  json["lanes"] = summary.lanes;
  json["network_length_km"] = summary.network_length_km;
  json["lane_groups"] = summary.lane_groups;
  json["movements"] = summary.movements;
  json["detectors"] = summary.detectors;
  json["entry_links"] = summary.entry_links;
  json["exit_links"] = summary.exit_links;
  json["entry_demand_veh"] = summary.entry_demand_veh;
  json["peak_entry_flow_veh_per_h"] = summary.peak_entry_flow_veh_per_h;
  json["pedestrian_flow_ped_per_h"] = summary.pedestrian_flow_ped_per_h;
  json["duration_s"] = summary.duration_s;
  json["dt_s"] = summary.dt_s;
  json["discretization_notes"] = nlohmann::ordered_json::array();
  for (const DiscretizationNote& note : summary.discretization_notes) {
    json["discretization_notes"].push_back({{"link", note.link},
                                            {"cells", note.cells},
                                            {"free_flow_time_s", note.free_flow_time_s},
                                            {"discretized_time_s", note.discretized_time_s}});
  }
  return json.dump(2) + "\n";
}

std::string to_text(const ScenarioSummary& summary) {
  using detail::format_number;
  std::string text;
  const auto row = [&](const char* label, const std::string& value) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-28s %s\n", label, value.c_str());
    text += line;
  };
  const auto rounded = [](double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return format_number(std::round(value * scale) / scale);
  };
  text += summary.name.empty() ? std::string("scenario\n") : summary.name + "\n";
  row("nodes", std::to_string(summary.nodes) + " (" + std::to_string(summary.signalized_nodes) + " signalized, " +
                   std::to_string(summary.boundary_nodes) + " boundary)");
  row("links", std::to_string(summary.links) + " (" + std::to_string(summary.lanes) + " lanes, " +
                   rounded(summary.network_length_km, 2) + " km)");
  row("lane groups", std::to_string(summary.lane_groups));
  row("movements", std::to_string(summary.movements));
  row("detectors", std::to_string(summary.detectors));
  row("entries / exits", std::to_string(summary.entry_links) + " / " + std::to_string(summary.exit_links));
  row("peak entry flow", rounded(summary.peak_entry_flow_veh_per_h, 0) + " veh/h");
  row("entry demand over the run", rounded(summary.entry_demand_veh, 0) + " veh in " +
                                       format_number(summary.duration_s) + " s");
  row("pedestrians", rounded(summary.pedestrian_flow_ped_per_h, 0) + " ped/h");
  row("time step", format_number(summary.dt_s) + " s");
  if (!summary.discretization_notes.empty()) {
    text += "links whose discretized free-flow time differs from L/v by more than 10%:\n";
    for (const DiscretizationNote& note : summary.discretization_notes) {
      row(note.link.c_str(), std::to_string(note.cells) + " cells: " + rounded(note.discretized_time_s, 1) +
                                 " s instead of " + rounded(note.free_flow_time_s, 1) + " s");
    }
  }
  return text;
}

}  // namespace itsc

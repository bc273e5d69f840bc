#pragma once
/// @file summary.hpp
/// What a scenario holds, as `itsc info` shows it: counts, demand totals, and the links whose
/// cell discretization changes their free-flow time noticeably.

#include <cstddef>
#include <string>
#include <vector>

#include "itsc/scenario.hpp"

namespace itsc {

/// A link whose discretized free-flow time n_cells·Δt differs from L/v by more than 10%.
struct DiscretizationNote {
  std::string link;
  std::size_t cells = 0;
  double free_flow_time_s = 0;    ///< L / v
  double discretized_time_s = 0;  ///< n_cells · Δt
};

struct ScenarioSummary {
  std::string name;
  std::size_t nodes = 0;
  std::size_t signalized_nodes = 0;
  std::size_t boundary_nodes = 0;
  std::size_t links = 0;
  std::size_t lanes = 0;  ///< summed over links
  double network_length_km = 0;
  std::size_t lane_groups = 0;
  std::size_t movements = 0;
  std::size_t detectors = 0;
  std::size_t entry_links = 0;
  std::size_t exit_links = 0;
  double entry_demand_veh = 0;          ///< vehicles the entry profiles send over the run
  double peak_entry_flow_veh_per_h = 0; ///< largest total entry flow of any interval
  double pedestrian_flow_ped_per_h = 0;
  double duration_s = 0;
  double dt_s = 0;
  std::vector<DiscretizationNote> discretization_notes;
};

/// Summarizes a (valid) scenario at step `dt_s` (0: the scenario's own step).
[[nodiscard]] ScenarioSummary summarize(const Scenario& scenario, double dt_s = 0);

/// The summary as pretty-printed JSON, and as a readable text table.
[[nodiscard]] std::string to_json(const ScenarioSummary& summary);
[[nodiscard]] std::string to_text(const ScenarioSummary& summary);

}  // namespace itsc

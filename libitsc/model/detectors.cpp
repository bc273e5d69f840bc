// Detectors → where they sit in the cells: the cells their zone overlaps (for occupancy) and the cell
// holding their downstream edge (for the flow across it). docs/model.md, "Detectors".
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "itsc/error.hpp"
#include "model/detectors.hpp"

namespace itsc::detail {

namespace {

// The lanes across a link at a distance from its stop bar: where that lies within turn bays, the bays'
// lanes join the link's, left-turn bays on the median side and the others on the curb side.
struct CrossSection {
  std::vector<std::uint32_t> bays;  // lane groups whose bay reaches that far, median side first
  std::size_t left_bays = 0;        // of those, how many lie on the median side
};

CrossSection cross_section(const Model& model, std::uint32_t link, double distance_m) {
  CrossSection section;
  std::vector<std::uint32_t> curb;
  for (auto k = model.link_bay_begin[link]; k < model.link_bay_begin[link + 1]; ++k) {
    const auto g = model.bay_lane_group[k];
    if (model.lane_group_bay_length_m[g] <= distance_m) continue;
    bool left = false;
    for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
      left = left || model.movement_turn[m] == TurnType::left || model.movement_turn[m] == TurnType::u_turn;
    }
    (left ? section.bays : curb).push_back(g);
  }
  section.left_bays = section.bays.size();
  section.bays.insert(section.bays.end(), curb.begin(), curb.end());
  return section;
}

// Lanes a detector covers: of the link's, and of each bay of the cross-section.
struct Coverage {
  double link_lanes = 0;
  std::vector<double> bay_lanes;  // [bay of the cross-section]
};

Coverage cover(const Model& model, const CrossSection& section, const std::vector<int>& numbers, int link_lanes) {
  Coverage covered;
  covered.bay_lanes.assign(section.bays.size(), 0.0);
  const auto bay_lanes = [&](std::size_t k) { return static_cast<double>(model.lane_group_lanes[section.bays[k]]); };
  if (numbers.empty()) {  // every lane of the cross-section
    covered.link_lanes = link_lanes;
    for (std::size_t k = 0; k < section.bays.size(); ++k) covered.bay_lanes[k] = bay_lanes(k);
    return covered;
  }
  // The cross-section's lanes from the median: median-side bays, the link's lanes, curb-side bays
  // (kNone: a lane of the link, else the bay's index).
  std::vector<std::size_t> lanes;
  for (std::size_t k = 0; k <= section.bays.size(); ++k) {
    if (k == section.left_bays) lanes.insert(lanes.end(), static_cast<std::size_t>(link_lanes), kNone);
    if (k < section.bays.size()) lanes.insert(lanes.end(), static_cast<std::size_t>(bay_lanes(k)), k);
  }
  for (const int number : numbers) {
    if (number < 1 || static_cast<std::size_t>(number) > lanes.size()) continue;  // validation says so
    const std::size_t at = lanes[static_cast<std::size_t>(number) - 1];
    (at == kNone ? covered.link_lanes : covered.bay_lanes[at]) += 1;
  }
  covered.link_lanes = std::min<double>(covered.link_lanes, link_lanes);
  return covered;
}

}  // namespace

void compile_detectors(Model& model, const Scenario& scenario) {
  model.signal_detector_begin.assign(1, 0);
  model.detector_zone_begin.assign(1, 0);
  model.detector_bay_begin.assign(1, 0);
  for (const IntersectionLayout& layout : model.signal_layout) {
    for (const std::string& id : layout.detectors) {
      const auto found = std::find_if(scenario.network.detectors.begin(), scenario.network.detectors.end(),
                                      [&](const Detector& d) { return d.id == id; });
      if (found == scenario.network.detectors.end()) throw Error(ErrorCode::invalid_input, "detector '" + id + "' lost");
      const Detector& detector = *found;
      const std::uint32_t link = model.find_link(detector.link);
      const std::size_t cells = model.link_cell_count[link];
      const std::size_t first = model.link_first_cell[link];
      const double dx = model.link_cell_length_m[link];
      const double length = model.link_length_m[link];
      const int lanes = model.link_lanes[link];
      // Distances from the stop bar (the link's downstream end); cell j from the end covers
      // [j·Δx, (j+1)·Δx). The zone is clipped to the link.
      const double near = std::clamp(detector.setback_m, 0.0, length);
      const double far = std::clamp(detector.setback_m + detector.length_m, near, length);
      const CrossSection section = cross_section(model, link, near);
      const Coverage covered = cover(model, section, detector.lanes, lanes);
      const double lane_share = covered.link_lanes / lanes;
      for (std::size_t j = 0; j < cells; ++j) {
        const double overlap = std::min(far, static_cast<double>(j + 1) * dx) - std::max(near, static_cast<double>(j) * dx);
        if (overlap <= 0 || lane_share <= 0) continue;
        model.zone_cell.push_back(static_cast<std::uint32_t>(first + cells - 1 - j));
        model.zone_share.push_back(overlap / dx * lane_share);
      }
      model.detector_zone_begin.push_back(static_cast<std::uint32_t>(model.zone_cell.size()));
      const std::size_t j = std::min(cells - 1, static_cast<std::size_t>(std::floor(near / dx)));
      model.detector_point_cell.push_back(static_cast<std::uint32_t>(first + cells - 1 - j));
      model.detector_point_upstream.push_back(std::clamp(near / dx - static_cast<double>(j), 0.0, 1.0));
      model.detector_link.push_back(link);
      model.detector_lane_share.push_back(lane_share);
      const double zone = std::max(far - near, 0.1);
      model.detector_occupancy_factor.push_back(1.0 + model.link_jam_spacing_m[link] / zone);
      model.detector_near_m.push_back(near);
      model.detector_far_m.push_back(far);
      // The bays it covers, and what the bays in reach take out of the link's last cell and edge flow.
      const bool beside_bays = section.bays.size() > 0;
      for (std::size_t k = 0; k < section.bays.size(); ++k) {
        if (covered.bay_lanes[k] <= 0) continue;
        const auto g = section.bays[k];
        const double share = covered.bay_lanes[k] / model.lane_group_lanes[g];
        model.detector_bay_group.push_back(g);
        model.detector_bay_lane_share.push_back(share);
      }
      model.detector_bay_begin.push_back(static_cast<std::uint32_t>(model.detector_bay_group.size()));
      const double last_overlap = std::min(far, dx) - near;
      model.detector_last_cell_share.push_back(beside_bays && last_overlap > 0 ? last_overlap / dx * lane_share : 0.0);
      model.detector_edge_in_bays.push_back(beside_bays && j == 0 ? 1 : 0);
      // HCM's bunched-arrival parameters by the lanes it watches.
      const double watched = covered.link_lanes + std::accumulate(covered.bay_lanes.begin(), covered.bay_lanes.end(), 0.0);
      model.detector_bunched_headway_s.push_back(watched <= 1.0 ? 1.5 : 0.5);
      model.detector_bunching_factor.push_back(watched <= 1.0 ? 0.6 : watched <= 2.0 ? 0.5 : 0.8);
    }
    model.signal_detector_begin.push_back(static_cast<std::uint32_t>(model.detector_point_cell.size()));
  }
}

}  // namespace itsc::detail

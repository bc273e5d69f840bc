// Detectors → where they sit in the cells: the cells their zone overlaps (for occupancy) and the cell
// holding their downstream edge (for the flow across it). docs/model.md, "Detectors".
#include <algorithm>
#include <cmath>

#include "itsc/error.hpp"
#include "model/detectors.hpp"

namespace itsc::detail {

void compile_detectors(Model& model, const Scenario& scenario) {
  model.signal_detector_begin.assign(1, 0);
  model.detector_zone_begin.assign(1, 0);
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
      const double covered = detector.lanes.empty() ? lanes : static_cast<double>(std::min<std::size_t>(detector.lanes.size(), static_cast<std::size_t>(lanes)));
      const double lane_share = covered / lanes;
      // Distances from the stop bar (the link's downstream end); cell j from the end covers
      // [j·Δx, (j+1)·Δx). The zone is clipped to the link.
      const double near = std::clamp(detector.setback_m, 0.0, length);
      const double far = std::clamp(detector.setback_m + detector.length_m, near, length);
      for (std::size_t j = 0; j < cells; ++j) {
        const double overlap = std::min(far, static_cast<double>(j + 1) * dx) - std::max(near, static_cast<double>(j) * dx);
        if (overlap <= 0) continue;
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
    }
    model.signal_detector_begin.push_back(static_cast<std::uint32_t>(model.detector_point_cell.size()));
  }
}

}  // namespace itsc::detail

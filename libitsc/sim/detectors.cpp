// Detectors on the fluid: per step the vehicles across a detector's downstream edge (count), the share
// of time its zone is occupied, and whether a vehicle was present (docs/model.md, "Detectors").
#include <algorithm>
#include <cmath>

#include "sim/kernel.hpp"

namespace itsc::detail {

void update_detectors(const Model& model, State& state, const Block& block) noexcept {
  const std::size_t batch = state.batch;
  const double* n = state.cell_veh.data();
  const double* y = state.cell_outflow_veh.data();
  for (std::size_t d = 0; d < model.detector_count(); ++d) {
    const std::size_t cell = model.detector_point_cell[d];
    const std::uint32_t link = model.detector_link[d];
    // The flow across the edge: the cell's outflow and inflow, weighted by where in the cell it lies.
    const double* in = cell == model.link_first_cell[link] ? &state.link_inflow_veh[link * batch] : &y[(cell - 1) * batch];
    const double* out = &y[cell * batch];
    const double upstream = model.detector_point_upstream[d];
    const double lanes = model.detector_lane_share[d];
    const double factor = model.detector_occupancy_factor[d];
    for (std::size_t b = block.begin; b < block.end; ++b) {
      const std::size_t k = d * batch + b;
      const double count = lanes * ((1.0 - upstream) * out[b] + upstream * in[b]);
      double over = 0;  // vehicles over the zone on its lanes
      for (auto z = model.detector_zone_begin[d]; z < model.detector_zone_begin[d + 1]; ++z) {
        over += model.zone_share[z] * n[model.zone_cell[z] * batch + b];
      }
      const double occupancy = std::min(1.0, over * factor);
      const double before = state.detector_passed_veh[k];
      const double after = before + count;
      state.detector_passed_veh[k] = after;
      state.detector_count[k] = count;
      state.detector_occupancy[k] = occupancy;
      // Present: a whole vehicle crossed in the step, or the zone holds half a vehicle's occupancy.
      state.detector_call[k] = (std::floor(after) > std::floor(before) || occupancy >= 0.5) ? 1.0 : 0.0;
    }
  }
}

}  // namespace itsc::detail

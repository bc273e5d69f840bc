// Detectors on the fluid: per step the vehicles across a detector's downstream edge (count), the share
// of time its zone is occupied, and whether a vehicle was present (docs/model.md, "Detectors").
#include <algorithm>
#include <cmath>

#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

namespace {

// Vehicles (member b of a batch of `batch`) in the cells of the detector's link from its first cell to
// the one holding the detector's edge.
double up_to_edge(const Model& model, const State& state, std::size_t d, std::size_t b, std::size_t batch) noexcept {
  double sum = 0;
  for (std::size_t c = model.link_first_cell[model.detector_link[d]]; c <= model.detector_point_cell[d]; ++c) {
    sum += state.cell_veh[c * batch + b];
  }
  return sum;
}

}  // namespace

// The cell pass keeps no outflow row (cells.hpp), so the flows at a detector come from conservation:
// what the cells up to its cell held before the step, plus the link's inflow, minus what they hold after.
template <bool kOne>
void snapshot_detectors(const Model& model, State& state, const Block& block) noexcept {
  const Members<kOne> members(state, block);
  const std::size_t batch = members.batch;
  for (std::size_t d = 0; d < model.detector_count(); ++d) {
    const std::size_t cell = model.detector_point_cell[d];
    for (std::size_t b = members.begin; b < members.end; ++b) {
      state.detector_upstream_before_veh[d * batch + b] = up_to_edge(model, state, d, b, batch);
      state.detector_cell_before_veh[d * batch + b] = state.cell_veh[cell * batch + b];
    }
  }
}

template <bool kOne>
void update_detectors(const Model& model, State& state, const Block& block) noexcept {
  const Members<kOne> members(state, block);
  const std::size_t batch = members.batch;
  const double* n = state.cell_veh.data();
  for (std::size_t d = 0; d < model.detector_count(); ++d) {
    const std::size_t cell = model.detector_point_cell[d];
    const std::uint32_t link = model.detector_link[d];
    const double* inflow = &state.link_inflow_veh[link * batch];
    const double upstream = model.detector_point_upstream[d];
    const double lanes = model.detector_lane_share[d];
    const double factor = model.detector_occupancy_factor[d];
    for (std::size_t b = members.begin; b < members.end; ++b) {
      const std::size_t k = d * batch + b;
      // The flow across the edge: its cell's outflow and inflow, weighted by where in the cell it lies.
      const double out = inflow[b] + state.detector_upstream_before_veh[k] - up_to_edge(model, state, d, b, batch);
      const double in = out + n[cell * batch + b] - state.detector_cell_before_veh[k];
      // Conservation leaves rounding noise of ~1e-14 vehicle where nothing crossed: that is no vehicle.
      const double crossed = lanes * ((1.0 - upstream) * out + upstream * in);
      const double count = crossed > kPresent ? crossed : 0.0;
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

template void snapshot_detectors<false>(const Model&, State&, const Block&) noexcept;
template void snapshot_detectors<true>(const Model&, State&, const Block&) noexcept;
template void update_detectors<false>(const Model&, State&, const Block&) noexcept;
template void update_detectors<true>(const Model&, State&, const Block&) noexcept;

}  // namespace itsc::detail::ITSC_KERNEL_ISA

// Detectors on the fluid: per step the vehicles across a detector's downstream edge (count), the share
// of time its zone is occupied, and whether a vehicle was present (docs/model.md, "Detectors").
#include <algorithm>
#include <cmath>

#include "sim/kernel/passes.hpp"
#include "util/counter_random.hpp"

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

// Vehicles group g discharged over the stop line in the step, and its last-cell (and bay) content.
double group_flow(const Model& model, const State& state, std::uint32_t g, std::size_t b, std::size_t batch) noexcept {
  double sum = 0;
  for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
    sum += std::max(0.0, state.movement_flow_veh[m * batch + b]);
  }
  return sum;
}

double group_content(const Model& model, const State& state, std::uint32_t g, std::size_t b, std::size_t batch) noexcept {
  double sum = 0;
  for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
    sum += state.movement_veh[m * batch + b];
  }
  return sum;
}

// Vehicles of bay group g over detector d's zone, over all the bay's lanes: its held vehicles queue from
// the stop bar at jam spacing, the others spread over the rest of the bay.
double over_bay_zone(const Model& model, const State& state, std::size_t d, std::uint32_t g, std::size_t b,
                     std::size_t batch) noexcept {
  const double bay = model.lane_group_bay_length_m[g];
  const double storage = model.lane_group_bay_storage_veh[g];
  const double lanes = model.lane_group_lanes[g];
  const double spacing = model.link_jam_spacing_m[model.lane_group_link[g]];
  const double stored = std::min(group_content(model, state, g, b, batch), storage);
  const double held = std::min(state.group_held_veh[g * batch + b], stored);
  const double queue = std::min(bay, held / lanes * spacing);
  const double near = model.detector_near_m[d];
  const double far = model.detector_far_m[d];
  const auto overlap = [&](double from, double to) { return std::max(0.0, std::min(far, to) - std::max(near, from)); };
  const double moving = bay > queue ? (stored - held) * overlap(queue, bay) / (bay - queue) : 0.0;
  return lanes * overlap(0.0, queue) / spacing + moving;
}

// Share of the vehicles in the bays detector d covers that have stopped.
double bay_stopped_share(const Model& model, const State& state, std::size_t d, std::size_t b, std::size_t batch) noexcept {
  double stopped = 0, all = 0;
  for (auto j = model.detector_bay_begin[d]; j < model.detector_bay_begin[d + 1]; ++j) {
    const auto g = model.detector_bay_group[j];
    for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
      stopped += state.movement_stopped_veh[m * batch + b];
      all += state.movement_veh[m * batch + b];
    }
  }
  return all > kPresent ? stopped / all : 0.0;
}

// A uniform number in (0, 1) from (seed, detector, draw): a member's arrivals depend on nothing but its
// seed and its own history.
double uniform(std::uint64_t seed, std::size_t d, std::uint64_t draw) noexcept {
  return counter_uniform(seed, static_cast<std::uint64_t>(d), draw);
}

// Vehicles (of the count across the edge) to the next one leaving the zone. Even: one. Random: HCM's
// bunched exponential at flow q over the detector's lanes (7th ed. Eqs. 31-4, 31-5): a share 1 − φ of
// the vehicles follows at the bunched headway Δ, the others at Δ plus an exponential headway of rate
// λ = φ·q / (1 − Δ·q), so the mean headway is 1/q and the mean step one vehicle.
double next_gap_veh(const Model& model, State& state, std::size_t d, std::size_t k, std::size_t b, double q,
                    bool even) noexcept {
  const double delta = model.detector_bunched_headway_s[d];
  if (even || q * delta >= 1.0) return 1.0;
  const double phi = std::exp(-model.detector_bunching_factor[d] * delta * q);
  const double lambda = phi * q / (1.0 - delta * q);
  const std::uint64_t seed = state.member_seed[b];
  const double free = uniform(seed, d, state.detector_draws[k]++);
  const double headway = free < phi ? delta - std::log(uniform(seed, d, state.detector_draws[k]++)) / lambda : delta;
  return q * headway;
}

// Random arrivals: the vehicles crossing the edge in the step are the thresholds `detector_next_veh`
// passed; each occupies the zone over the last `occupancy` vehicles of count before its threshold (its
// occupancy time at the current flow), so the detector reports whole vehicles, their presence and
// their share of the step, as a loop does.
void actuate(const Model& model, State& state, std::size_t d, std::size_t k, std::size_t b, double before,
             double after, double occupancy, double q, bool even) noexcept {
  double& next = state.detector_next_veh[k];
  if (state.detector_draws[k] == 0) {
    next = before + uniform(state.member_seed[b], d, 0);  // the first arrival anywhere in the first vehicle
    state.detector_draws[k] = 1;
  }
  const double span = after - before;
  const double width = std::min(occupancy, 1.0);
  double covered = 0;
  int vehicles = 0;
  const auto cover = [&](double threshold) {
    covered += std::max(0.0, std::min(after, threshold) - std::max(before, threshold - width));
  };
  for (int guard = 0; next <= after && guard < 1000; ++guard) {
    cover(next);
    ++vehicles;
    next += next_gap_veh(model, state, d, k, b, q, even);
  }
  cover(next);  // the next vehicle may already be over the zone
  // A standing queue (half a vehicle's occupancy or more) occupies it whatever crosses.
  const double share = span > kPresent ? std::min(1.0, covered / span) : 0.0;
  state.detector_count[k] = vehicles;
  state.detector_occupancy[k] = std::max(share, occupancy >= 0.5 ? occupancy : 0.0);
  state.detector_call[k] = vehicles > 0 || state.detector_occupancy[k] > 0 ? 1.0 : 0.0;
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
  const double step_s = model.dt_s;
  const bool random = model.detector_arrivals == DetectorArrivals::random;
  for (std::size_t d = 0; d < model.detector_count(); ++d) {
    const std::size_t cell = model.detector_point_cell[d];
    const std::uint32_t link = model.detector_link[d];
    const double* inflow = &state.link_inflow_veh[link * batch];
    const double upstream = model.detector_point_upstream[d];
    const double lanes = model.detector_lane_share[d];
    const double factor = model.detector_occupancy_factor[d];
    const auto bays_begin = model.detector_bay_begin[d];
    const auto bays_end = model.detector_bay_begin[d + 1];
    for (std::size_t b = members.begin; b < members.end; ++b) {
      const std::size_t k = d * batch + b;
      // The flow across the edge: its cell's outflow and inflow, weighted by where in the cell it lies.
      double out = inflow[b] + state.detector_upstream_before_veh[k] - up_to_edge(model, state, d, b, batch);
      const double in = out + n[cell * batch + b] - state.detector_cell_before_veh[k];
      // Beside bays the link's lanes carry the last cell's discharge less the bays'; a bay lane carries its group's.
      if (model.detector_edge_in_bays[d] != 0) {
        for (auto j = model.link_bay_begin[link]; j < model.link_bay_begin[link + 1]; ++j) out -= group_flow(model, state, model.bay_lane_group[j], b, batch);
        out = std::max(0.0, out);
      }
      double crossed = lanes * ((1.0 - upstream) * out + upstream * in);
      double over = 0;  // vehicles over the zone on its lanes
      for (auto z = model.detector_zone_begin[d]; z < model.detector_zone_begin[d + 1]; ++z) {
        over += model.zone_share[z] * n[model.zone_cell[z] * batch + b];
      }
      over -= model.detector_last_cell_share[d] * state.link_bay_held_veh[link * batch + b];
      for (auto j = bays_begin; j < bays_end; ++j) {
        const auto g = model.detector_bay_group[j];
        crossed += model.detector_bay_lane_share[j] * group_flow(model, state, g, b, batch);
        over += model.detector_bay_lane_share[j] * over_bay_zone(model, state, d, g, b, batch);
      }
      // Conservation leaves rounding noise of ~1e-14 vehicle where nothing crossed: that is no vehicle.
      const double count = crossed > kPresent ? crossed : 0.0;
      const double occupancy = std::clamp(over * factor, 0.0, 1.0);
      const double before = state.detector_passed_veh[k];
      const double after = before + count;
      state.detector_passed_veh[k] = after;
      if (random) {
        // Vehicles that stopped cross at even (saturation) headways; free ones at random headways.
        const double stopped = n[cell * batch + b] > kPresent ? state.cell_stopped_veh[cell * batch + b] / n[cell * batch + b] : 0.0;
        const bool even = bays_begin != bays_end && lanes == 0 ? bay_stopped_share(model, state, d, b, batch) >= 0.5 : stopped >= 0.5;
        actuate(model, state, d, k, b, before, after, occupancy, count / step_s, even);
        continue;
      }
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

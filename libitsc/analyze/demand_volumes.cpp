// The demand volumes of the movements: entry flows (and trips that start mid-network) carried through
// the network by the turning proportions, less the trips that end on the way (what a signal engineer's
// volume balancing gives), in the busiest interval.
#include <cmath>

#include "itsc/analyze.hpp"

namespace itsc {

std::vector<double> demand_volumes(const Model& model, const BatchDemand& demand, std::size_t b) {
  const std::size_t entries = model.entry_count();
  const std::size_t movements = model.movement_count();
  const std::size_t batch = demand.batch;
  std::size_t busiest = 0;
  double busiest_flow = -1;
  for (std::size_t k = 0; k < demand.interval_count; ++k) {
    double flow = 0;
    for (std::size_t e = 0; e < entries; ++e) flow += demand.entry_veh_per_s[(k * entries + e) * batch + b];
    if (flow > busiest_flow) {
      busiest = k;
      busiest_flow = flow;
    }
  }
  const auto end_share = [&](std::size_t sink) { return demand.end_share[(busiest * model.sink_count() + sink) * batch + b]; };
  std::vector<double> link_flow(model.link_count(), 0.0);
  std::vector<double> volume(movements, 0.0);
  // Gauss-Seidel over the links: each pass carries the flows further downstream. Traffic leaves at the
  // boundary, so the flows converge geometrically (a loop that keeps a share of its traffic forever is
  // cut off after the last pass).
  constexpr int kMaxPasses = 10000;
  constexpr double kTolerance_veh_per_h = 1e-9;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    double change = 0;
    for (std::size_t l = 0; l < model.link_count(); ++l) {
      double inflow = 0;
      if (model.link_entry[l] != kNone) {
        inflow += demand.entry_veh_per_s[(busiest * entries + model.link_entry[l]) * batch + b] * 3600.0;
      }
      for (auto j = model.link_merge_begin[l]; j < model.link_merge_begin[l + 1]; ++j) {
        const auto m = model.merge_movement[j];
        const auto ends = model.movement_stop_line_sink[m];  // those ending at its stop line go no further
        inflow += ends == kNone ? volume[m] : volume[m] * (1.0 - end_share(ends));
      }
      change = std::max(change, std::fabs(inflow - link_flow[l]));
      link_flow[l] = inflow;
      // Trips that end on the link ahead of its queue do not reach its stop line.
      const auto sink = model.link_sink[l];
      const double reaching = sink == kNone || model.sink_at_stop_line[sink] != 0 ? inflow : inflow * (1.0 - end_share(sink));
      for (auto m = model.link_movement_begin[l]; m < model.link_movement_end[l]; ++m) {
        volume[m] = reaching * demand.turn_proportion[(busiest * movements + m) * batch + b];
      }
    }
    if (change <= kTolerance_veh_per_h) break;
  }
  for (double& v : volume) v /= demand.peak_hour_factor[b];
  return volume;
}

}  // namespace itsc

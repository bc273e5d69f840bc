// The objective of one member's run: the network's delay (with HCM's overflow term), stops, throughput
// and spill-back, weighted into one index.
#include "itsc/objective.hpp"

#include "sim/group_terms.hpp"

namespace itsc {

Objective objective(const Model& model, const State& state, const BatchDemand& demand, std::size_t b,
                    const ObjectiveWeights& weights, std::span<Controller* const> controllers) noexcept {
  const Metrics& metrics = state.metrics;
  const std::size_t batch = state.batch;
  double overflow_veh_s = 0;
  // Signals' lane groups, then two-way stops' (the order the results add them in: the same sum).
  for (const NodeControl control : {NodeControl::signalized, NodeControl::two_way_stop}) {
    for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
      if (model.node_control[model.lane_group_node[g]] != control) continue;
      const detail::GroupTerms terms =
          detail::group_terms(model, state, demand, g, b, detail::unit_extension_s(model, controllers, g));
      overflow_veh_s += terms.overflow_delay_s_per_veh * terms.arrivals_veh;
    }
  }
  Objective r;
  r.delay_veh_h = (metrics.delay_veh_s[b] + overflow_veh_s) / 3600.0;
  r.stops = metrics.stops[b];
  r.throughput_veh = metrics.window_exited_veh[b];
  for (std::size_t l = 0; l < model.link_count(); ++l) r.spillback_h += metrics.link_spillback_s[l * batch + b];
  r.spillback_h /= 3600.0;
  r.index = weights.delay_per_veh_h * r.delay_veh_h + weights.stop * r.stops + weights.spillback_per_h * r.spillback_h -
            weights.throughput_per_veh * r.throughput_veh;
  return r;
}

}  // namespace itsc

// The objective of one member's run: the network's delay (with HCM's overflow term), stops, throughput
// and spill-back, weighted into one index.
#include "itsc/objective.hpp"

#include "sim/group_terms.hpp"

namespace itsc {

Objective objective(const Model& model, const State& state, const BatchDemand& demand, std::size_t b,
                    const ObjectiveWeights& weights, std::span<Controller* const> controllers) noexcept {
  const Metrics& metrics = state.metrics;
  const std::size_t batch = state.batch;
  // Every lane group's movements in model order, then the links leaving the network and the entries:
  // each vehicle-second and stop once, where it happened.
  double simulated_veh_s = 0;
  double overflow_veh_s = 0;
  double stops = 0;
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    const detail::GroupTerms terms =
        detail::group_terms(model, state, demand, g, b, detail::unit_extension_s(model, controllers, g));
    simulated_veh_s += terms.delay_veh_s;
    overflow_veh_s += terms.overflow_delay_s_per_veh * terms.arrivals_veh;
    stops += terms.stops;
  }
  simulated_veh_s += metrics.exit_link_delay_veh_s[b] + metrics.entry_delay_veh_s[b];
  stops += metrics.exit_link_stops[b];
  Objective r;
  r.simulated_delay_veh_h = simulated_veh_s / 3600.0;
  r.overflow_delay_veh_h = overflow_veh_s / 3600.0;
  r.delay_veh_h = (simulated_veh_s + overflow_veh_s) / 3600.0;
  r.stops = stops;
  r.throughput_veh = metrics.window_exited_veh[b];
  for (std::size_t l = 0; l < model.link_count(); ++l) r.spillback_h += metrics.link_spillback_s[l * batch + b];
  r.spillback_h /= 3600.0;
  r.index = weights.delay_per_veh_h * r.delay_veh_h + weights.stop * r.stops + weights.spillback_per_h * r.spillback_h -
            weights.throughput_per_veh * r.throughput_veh;
  return r;
}

}  // namespace itsc

// Pedestrian calls from the crosswalks' demand, without randomness: the expected number of pedestrians
// λ·t accumulates, and the button is pushed in each step in which it passes a whole pedestrian
// (docs/signals.md, "Pedestrian calls"): a call every 1/λ seconds, as a detector counts whole vehicles.
#include <cmath>

#include "sim/kernel.hpp"

namespace itsc::detail {

void pedestrian_calls(const Model& model, State& state, const BatchDemand& demand) noexcept {
  const std::size_t count = state.pedestrian_call.size();
  for (std::size_t k = 0; k < count; ++k) {
    const double before = state.pedestrian_arrived[k];
    const double after = before + demand.crosswalk_ped_per_s[k] * model.dt_s;
    state.pedestrian_arrived[k] = after;
    state.pedestrian_call[k] = std::floor(after) > std::floor(before) ? 1.0 : 0.0;
  }
}

}  // namespace itsc::detail

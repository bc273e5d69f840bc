// Stage plans as one-ring plans, and absent phase intervals from the node's geometry.
#include "itsc/ring_plan.hpp"

#include <algorithm>

#include "itsc/clearance.hpp"
#include "signal/phase_defaults.hpp"

namespace itsc {

RingPlan ring_plan_of(const Timing& timing) {
  if (timing.rings) return *timing.rings;
  RingPlan plan;
  std::vector<int> order;
  for (std::size_t k = 0; k < timing.stages.size(); ++k) {
    const Stage& stage = timing.stages[k];
    Phase phase;
    phase.number = static_cast<int>(k + 1);
    phase.serves = stage.serves;
    phase.split_s = stage.split_s();
    phase.yellow_s = stage.yellow_s;
    phase.red_clearance_s = stage.red_clearance_s;
    plan.phases.push_back(std::move(phase));
    order.push_back(static_cast<int>(k + 1));
  }
  plan.rings = {{order}};
  return plan;
}

RingPlan resolve_ring_plan(const Timing& timing, const Node& node, const Network& network) {
  RingPlan plan = ring_plan_of(timing);
  for (Phase& phase : plan.phases) {
    if (!phase.yellow_s || !phase.red_clearance_s) {
      const detail::ChangeIntervals change = detail::ite_change_intervals(phase.serves, node, network);
      // MUTCD (11th ed., 4F.17) asks for at least 3 s of yellow; slow approaches fall below it by the formula.
      if (!phase.yellow_s)
        phase.yellow_s = change.yellow_s > 0 ? std::max(kMinUsualYellowS, detail::ceil_tenth(change.yellow_s)) : 0.0;
      if (!phase.red_clearance_s) phase.red_clearance_s = detail::ceil_tenth(change.red_clearance_s);
    }
    if (!phase.walk_s || !phase.pedestrian_clearance_s) {
      const detail::PedestrianIntervals walking =
          detail::default_pedestrian_intervals(phase.serves, node, phase.pedestrian_clearance_s);
      if (!phase.walk_s) phase.walk_s = walking.walk_s;
      if (!phase.pedestrian_clearance_s) phase.pedestrian_clearance_s = walking.clearance_s;
    }
  }
  return plan;
}

Timing resolve_timing(const Timing& timing, const Node& node, const Network& network) {
  Timing resolved = timing;
  resolved.rings = resolve_ring_plan(timing, node, network);
  resolved.stages.clear();
  return resolved;
}

}  // namespace itsc

// Scenario-wide derived values.
#include <algorithm>

#include "itsc/scenario.hpp"

namespace itsc {

double Scenario::duration_s() const {
  if (simulation.duration_s) return *simulation.duration_s;
  // The demand profile's length: as many intervals as its longest profile, at least one.
  std::size_t intervals = 1;
  for (const EntryFlow& entry : demand.entries) intervals = std::max(intervals, entry.flow_veh_per_h.size());
  for (const ApproachTurns& turns : demand.turns) {
    for (const TurnShare& share : turns.shares) intervals = std::max(intervals, share.values.size());
  }
  return demand.interval_s * static_cast<double>(intervals);
}

}  // namespace itsc

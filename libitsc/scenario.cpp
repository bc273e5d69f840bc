// Scenario-wide derived values.
#include "itsc/scenario.hpp"

namespace itsc {

double Scenario::duration_s() const {
  if (simulation.duration_s) return *simulation.duration_s;
  return demand.interval_s * static_cast<double>(interval_count(demand));  // the demand profile's length
}

}  // namespace itsc

// SUMO and CityFlow give no saturation flow, so imported links take the base value, except where the
// free speed is so low (a 10 km/h service road) that a triangular fundamental diagram cannot carry it:
// capacity must be reached below jam density with a congested wave no faster than the cells' free
// flow. There the capacity is the largest the cell transmission model carries at the scenario's step,
// q = kj v' / 2 (w' = v'): the jam density, not the discharge headway, limits a road that slow.
#include <cmath>

#include "io/import/import_steps.hpp"
#include "itsc/model.hpp"
#include "util/format_number.hpp"

namespace itsc::detail {

void cap_slow_links(Scenario& scenario, std::vector<std::string>& report) {
  const double dt_s = scenario.simulation.dt_s;
  std::size_t capped = 0;
  std::string first;
  for (Link& link : scenario.network.links) {
    const double cells = static_cast<double>(cell_count(link.length_m, link.speed_kmh, dt_s));
    const double cell_speed_kmh = link.length_m / cells / dt_s * 3.6;
    const double jam_veh_per_km = 1000.0 / link.jam_spacing_m;
    // A whole veh/h below the limit, so that rounding never puts the wave at the cells' speed.
    const double cap = std::floor(jam_veh_per_km * cell_speed_kmh / 2) - 1;
    if (link.saturation_flow_veh_per_h_per_lane <= cap) continue;
    link.saturation_flow_veh_per_h_per_lane = cap;
    if (capped++ == 0) {
      first = "'" + link.id + "' at " + format_number(link.speed_kmh) + " km/h: " + format_number(cap) + " veh/h/lane";
    }
  }
  if (capped == 0) return;
  report.push_back(std::to_string(capped) + " links too slow for the base saturation flow have their capacity capped "
                   "at half the jam density times the speed of their cells at the " + format_number(dt_s) +
                   " s step (" + first + (capped > 1 ? ", ..." : "") + ")");
}

}  // namespace itsc::detail

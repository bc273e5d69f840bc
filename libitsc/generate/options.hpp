#pragma once
// What both generators' options share: copying them into the street grid, and their checks (each
// generator checks its own counts and lanes).

#include <cmath>

#include "generate/street_grid.hpp"

namespace itsc::detail {

/// The street grid with the settings every generator's options share (corridor and grid options
/// have these members under the same names); the caller sets the layout and lanes.
template <class Options>
StreetGrid street_grid_from(const Options& options) {
  StreetGrid grid;
  grid.spacing_m = options.spacing_m;
  grid.speed_kmh = options.speed_kmh;
  grid.bay_length_m = options.bay_length_m;
  grid.left_share = options.left_share;
  grid.right_share = options.right_share;
  grid.cycle_s = options.cycle_s;
  grid.dt_s = options.dt_s;
  grid.duration_s = options.duration_s;
  return grid;
}

/// Checks the options every generator has, by their public names.
inline void check_common(OptionCheck& check, const StreetGrid& grid) {
  check.at_least("spacing_m", grid.spacing_m, 100);
  check.positive("speed_kmh", grid.speed_kmh);
  check.at_least("bay_length_m", grid.bay_length_m, 0);
  check.require(grid.bay_length_m < grid.spacing_m / 2, "bay_length_m",
                "must be shorter than half the spacing");
  check.at_least("main_entry_veh_per_h", grid.east_west.entry_veh_per_h, 0);
  check.at_least("side_entry_veh_per_h", grid.north_south.entry_veh_per_h, 0);
  check.share("left_share", grid.left_share);
  check.share("right_share", grid.right_share);
  check.require(grid.left_share + grid.right_share <= 1, "right_share",
                "left_share + right_share must not exceed 1");
  check.positive("cycle_s", grid.cycle_s);
  check.require(grid.cycle_s <= 300, "cycle_s", "must not exceed 300 s");
  check.positive("dt_s", grid.dt_s);
  check.require(std::abs(grid.dt_s * 10 - std::round(grid.dt_s * 10)) < 1e-9, "dt_s",
                "must be a multiple of 0.1 s");
  // The scenario keeps the default 900 s warm-up; a run must last beyond it.
  check.require(grid.duration_s > 900 && grid.duration_s <= 86400, "duration_s", "must be in (900, 86400] s");
}

}  // namespace itsc::detail

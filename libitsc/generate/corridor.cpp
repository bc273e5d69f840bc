// generate_corridor: an east-west arterial, each signal crossed by its own two-way side street.
#include "generate/options.hpp"
#include "generate/street_grid.hpp"
#include "itsc/generate.hpp"

namespace itsc {

Scenario generate_corridor(const CorridorOptions& options) {
  detail::StreetGrid grid;
  grid.rows = 1;
  grid.columns = options.signals;
  grid.spacing_m = options.spacing_m;
  grid.speed_kmh = options.speed_kmh;
  grid.bay_length_m = options.bay_length_m;
  grid.left_share = options.left_share;
  grid.right_share = options.right_share;
  grid.cycle_s = options.cycle_s;
  grid.dt_s = options.dt_s;
  grid.duration_s = options.duration_s;
  grid.leading_left = options.leading_left;
  grid.east_west = {options.main_lanes, options.main_entry_veh_per_h, options.one_way};
  grid.north_south = {options.side_lanes, options.side_entry_veh_per_h, false};
  grid.name = "Generated corridor of " + std::to_string(options.signals) + " signals (" +
              detail::number_text(options.spacing_m) + " m spacing, " +
              (options.one_way ? "one-way" : "two-way") + " arterial, " +
              detail::number_text(options.cycle_s) + " s cycle)";

  detail::OptionCheck check;
  check.require(options.signals >= 1 && options.signals <= 100, "signals",
                "must be in 1..100, got " + std::to_string(options.signals));
  check.require(options.main_lanes >= 1 && options.main_lanes <= 8, "main_lanes",
                "must be in 1..8, got " + std::to_string(options.main_lanes));
  check.require(options.side_lanes >= 1 && options.side_lanes <= 8, "side_lanes",
                "must be in 1..8, got " + std::to_string(options.side_lanes));
  detail::check_common(check, grid);
  check.finish();
  return detail::build_street_grid(grid);
}

}  // namespace itsc

// generate_grid: the pinned benchmark grid and its variants.
#include "generate/options.hpp"
#include "generate/street_grid.hpp"
#include "itsc/generate.hpp"

namespace itsc {

Scenario generate_grid(const GridOptions& options) {
  detail::StreetGrid grid;
  grid.rows = options.rows;
  grid.columns = options.columns;
  grid.spacing_m = options.spacing_m;
  grid.speed_kmh = options.speed_kmh;
  grid.bay_length_m = options.bay_length_m;
  grid.left_share = options.left_share;
  grid.right_share = options.right_share;
  grid.cycle_s = options.cycle_s;
  grid.dt_s = options.dt_s;
  grid.duration_s = options.duration_s;
  grid.east_west = {options.lanes, options.main_entry_veh_per_h, options.one_way};
  grid.north_south = {options.lanes, options.side_entry_veh_per_h, options.one_way};
  grid.name = "Generated " + std::to_string(options.rows) + "x" + std::to_string(options.columns) +
              " grid (" + detail::number_text(options.spacing_m) + " m spacing, " +
              (options.one_way ? "one-way" : "two-way") + " streets, " +
              detail::number_text(options.cycle_s) + " s cycle)";

  detail::OptionCheck check;
  check.require(options.rows >= 1 && options.rows <= 50, "rows",
                "must be in 1..50, got " + std::to_string(options.rows));
  check.require(options.columns >= 1 && options.columns <= 50, "columns",
                "must be in 1..50, got " + std::to_string(options.columns));
  check.require(options.lanes >= 1 && options.lanes <= 8, "lanes",
                "must be in 1..8, got " + std::to_string(options.lanes));
  detail::check_common(check, grid);
  check.finish();
  return detail::build_street_grid(grid);
}

}  // namespace itsc

// generate_grid: the pinned benchmark grid and its variants.
#include "generate/options.hpp"
#include "generate/street_grid.hpp"
#include "itsc/generate.hpp"

namespace itsc {

Scenario generate_grid(const GridOptions& options) {
  detail::StreetGrid grid = detail::street_grid_from(options);
  grid.rows = options.rows;
  grid.columns = options.columns;
  grid.east_west = {options.lanes, options.main_entry_veh_per_h, options.one_way};
  grid.north_south = {options.lanes, options.side_entry_veh_per_h, options.one_way};
  grid.name = "Generated " + std::to_string(options.rows) + "x" + std::to_string(options.columns) +
              " grid (" + detail::number_text(options.spacing_m) + " m spacing, " +
              (options.one_way ? "one-way" : "two-way") + " streets, " +
              detail::number_text(options.cycle_s) + " s cycle)";

  detail::OptionCheck check;
  check.count("rows", options.rows, 1, 50);
  check.count("columns", options.columns, 1, 50);
  check.count("lanes", options.lanes, 1, 8);
  detail::check_common(check, grid);
  check.finish();
  return detail::build_street_grid(grid);
}

}  // namespace itsc

// generate_corridor: an east-west arterial, each signal crossed by its own two-way side street.
#include "generate/options.hpp"
#include "generate/street_grid.hpp"
#include "itsc/generate.hpp"

namespace itsc {

Scenario generate_corridor(const CorridorOptions& options) {
  detail::StreetGrid grid = detail::street_grid_from(options);
  grid.rows = 1;
  grid.columns = options.signals;
  grid.leading_left = options.leading_left;
  grid.east_west = {options.main_lanes, options.main_entry_veh_per_h, options.one_way};
  grid.north_south = {options.side_lanes, options.side_entry_veh_per_h, false};
  grid.name = "Generated corridor of " + std::to_string(options.signals) + " signals (" +
              detail::number_text(options.spacing_m) + " m spacing, " +
              (options.one_way ? "one-way" : "two-way") + " arterial, " +
              detail::number_text(options.cycle_s) + " s cycle)";

  detail::OptionCheck check;
  check.count("signals", options.signals, 1, 100);
  check.count("main_lanes", options.main_lanes, 1, 8);
  check.count("side_lanes", options.side_lanes, 1, 8);
  detail::check_common(check, grid);
  check.finish();
  return detail::build_street_grid(grid);
}

}  // namespace itsc

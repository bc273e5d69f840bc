#pragma once
// The street grid both generators build on (see include/itsc/generate.hpp for its conventions).

#include <map>
#include <string>
#include <vector>

#include "itsc/error.hpp"
#include "itsc/scenario.hpp"

namespace itsc::detail {

/// One family of parallel streets (all east-west or all north-south).
struct StreetFamily {
  int lanes = 1;               ///< through lanes per direction
  double entry_veh_per_h = 0;  ///< per entry link
  bool one_way = false;        ///< alternating direction, the first street eastbound / northbound
};

/// Everything the grid builder needs; the public options map onto it.
struct StreetGrid {
  std::string name;
  int rows = 1;
  int columns = 1;
  double spacing_m = 400;
  double speed_kmh = 50;
  double bay_length_m = 0;
  double left_share = 0;
  double right_share = 0;
  double cycle_s = 90;
  double dt_s = 1;
  double duration_s = 3600;
  bool leading_left = false;  ///< protected leading east-west lefts where both are opposed
  StreetFamily east_west;
  StreetFamily north_south;
};

/// Builds the scenario: network, demand, simulation settings and the initial plan.
[[nodiscard]] Scenario build_street_grid(const StreetGrid& grid);

/// Collects option errors (path = option name) and throws them together.
class OptionCheck {
 public:
  void positive(const char* name, double value);
  void at_least(const char* name, double value, double minimum);
  void share(const char* name, double value);
  /// An integer count within [low, high].
  void count(const char* name, int value, int low, int high);
  void require(bool ok, const char* name, const std::string& message);
  /// Throws `Error` (invalid_input) if any check failed.
  void finish() const;

 private:
  std::vector<Diagnostic> problems_;
};

/// Steady link flows (veh/h) implied by the entry flows and the turning proportions: each
/// approach's flow is split over its movements' leaving links, to a fixed point (the grid has loops).
[[nodiscard]] std::map<std::string, double> link_flows(const Scenario& scenario);

/// Text of a number in its shortest round-trip form ("0.15", "400").
[[nodiscard]] std::string number_text(double value);

}  // namespace itsc::detail

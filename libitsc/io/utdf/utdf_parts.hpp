#pragma once
// The UTDF import's and export's shared vocabulary: compass directions of the approach columns
// (NB, NE, ... NW), movement columns (NBL, NBT, ...), the offset conventions, and the steps of the
// import (network and demand; timing).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/utdf/utdf_tables.hpp"
#include "itsc/scenario.hpp"

namespace itsc::detail::utdf {

/// The eight approach columns of `[Links]`, named by the direction of travel arriving at the node.
inline constexpr std::string_view kDirections[] = {"NB", "NE", "EB", "SE", "SB", "SW", "WB", "NW"};
/// Compass bearing of travel of direction `index` (NB 0, NE 45, ...).
[[nodiscard]] inline double travel_bearing(std::size_t index) { return 45.0 * static_cast<double>(index); }
/// Index of the direction whose bearing is nearest to `bearing_deg`.
[[nodiscard]] std::size_t nearest_direction(double bearing_deg);

/// Movement column suffixes in their order across an approach, from the left to the right.
inline constexpr std::string_view kTurnSuffixes[] = {"U", "L2", "L", "T", "R", "R2"};

/// A movement column split into its approach direction and turn ("NBL" -> NB, L).
struct MovementColumn {
  std::size_t direction = 0;  ///< index into kDirections
  std::size_t turn = 0;       ///< index into kTurnSuffixes
};
[[nodiscard]] std::optional<MovementColumn> parse_movement_column(std::string_view column);
[[nodiscard]] std::string movement_column_name(std::size_t direction, std::size_t turn);
[[nodiscard]] TurnType turn_type(std::size_t turn);
/// Bearing of travel after turn `turn` from direction `direction`.
[[nodiscard]] double exit_bearing(std::size_t direction, std::size_t turn);

/// Synchro's "Referenced To" codes.
enum class SynchroReference { begin_green = 0, begin_yellow = 1, begin_red = 2, ts2_first_green = 3, style_170 = 4 };
/// Local time (s, from libitsc's reference: the first coordinated phase's start of green) of the point
/// in the cycle that Synchro's reference `code` names. The plan must be in ring form with every yellow and
/// red clearance given.
[[nodiscard]] double reference_point_s(const Timing& timing, SynchroReference code);

/// Link id of the link from node `from` to node `to`.
[[nodiscard]] inline std::string link_id(const std::string& from, const std::string& to) { return from + "-" + to; }

/// Length and speed factors of the file's units into metres and km/h.
struct FileUnits {
  bool metric = false;
  [[nodiscard]] double metres(double value) const;
  [[nodiscard]] double kmh(double value) const;
  [[nodiscard]] double to_file_length(double length_m) const;
  [[nodiscard]] double to_file_speed(double speed_kmh) const;
};

/// Reads `[Nodes]`, `[Links]` and `[Lanes]` into the scenario's network. `signalized` lists the INTIDs
/// with timing data, which become signalized nodes.
void build_network(const Tables& tables, const FileUnits& units, const std::vector<std::string>& signalized,
                   Scenario& scenario, Problems& problems, std::vector<std::string>& report);

/// Where the Volume rows are: `[Volume]` in the record layout (Synchro's time-stamped volume files are
/// another layout, not read), else `[Lanes]`.
[[nodiscard]] const Section* volume_section(const Tables& tables);

/// Reads the Volume, HeavyVehicles and PHF rows into the scenario's demand (after `build_network`).
void build_demand(const Tables& tables, Scenario& scenario, Problems& problems, std::vector<std::string>& report);

/// Reads `[Timeplans]` and `[Phases]` (movements served from `[Lanes]` Phase1.. and PermPhase1.. rows)
/// into `scenario.timing` and `scenario.utdf->signals`.
void build_timing(const Tables& tables, Scenario& scenario, Problems& problems, std::vector<std::string>& report);

/// INTIDs that have timing data (`[Phases]` rows with BRP).
[[nodiscard]] std::vector<std::string> signal_ids(const Tables& tables, Problems& problems);

}  // namespace itsc::detail::utdf

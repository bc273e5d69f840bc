#pragma once
// The steps every importer of another tool's network and demand (SUMO, CityFlow) shares, one file each:
// legs and lane groups from the tool's geometry and lanes, clean-up of what cannot carry traffic, slow
// links, the demand window, and trips -> demand.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "itsc/scenario.hpp"

namespace itsc::detail {

/// How an importer's report lines name the tool and its elements.
struct ImportTerms {
  std::string tool;     ///< "SUMO"
  std::string link;     ///< what the tool calls a link: "edge"
  std::string arrival;  ///< where its vehicles end their trips: "at the end of the edge, SUMO's default arrival"
};

/// One vehicle of the demand: its departure (the tool's time) and its path as link indices of the network.
struct ImportTrip {
  double depart_s = 0;
  std::vector<std::size_t> links;
  bool heavy = false;
};

/// Compass bearing of a polyline at its first point (its last with `at_end`), toward the point 20 m
/// along it: the direction of a lane or road where it meets the junction. None for a polyline without length.
[[nodiscard]] std::optional<double> polyline_bearing(std::vector<std::pair<double, double>> shape, bool at_end);

/// The bearing (degrees) of `link` at the node it arrives at (`arriving`) or leaves, if known.
using LinkBearing = std::function<std::optional<double>(const Link& link, bool arriving)>;

/// Legs of `node`: its links grouped by the node at their other end, in and out paired, each leg's bearing
/// the mean of its links' bearings (none when neither is known).
void add_legs(Node& node, const Network& network, const LinkBearing& bearing);

/// Lane groups of the approach `link` at `node` from the movements each lane serves (lane index -> movement
/// ids): lanes that share a movement form one group, named by `lane_id` of its first lane.
void add_lane_groups(Node& node, const std::string& link, const std::map<int, std::set<std::string>>& lanes,
                     const std::function<std::string(int lane)>& lane_id);

/// Makes an imported network valid: turn types that contradict the bearings follow the bearings, and
/// links that no entry reaches or that reach no exit are dropped (with their movements), repeatedly.
/// Every change is a report line.
void clean_network(Network& network, const ImportTerms& terms, std::vector<std::string>& report);

/// Caps the saturation flow of links too slow to carry the base value at the scenario's step (a report
/// line says how many and the first; slow_links.cpp says why).
void cap_slow_links(Scenario& scenario, std::vector<std::string>& report);

/// Checks the demand window options: `interval` positive, `end` after `begin` and at most 7 days later.
/// Throws `Error` (invalid_input) naming the options.
void check_demand_window(double begin_s, std::optional<double> end_s, double interval_s);

/// The end of the demand: `end_s` as given, or whole intervals past the last departure. Throws `Error` when
/// it is more than 7 days after `begin_s` or makes more than 100000 intervals.
[[nodiscard]] double demand_end_s(std::span<const ImportTrip> trips, double begin_s, std::optional<double> end_s,
                                  double interval_s);

/// Entry profiles per boundary link and turning proportions per approach and interval, each turn
/// dated by when the vehicle reaches the approach's stop line at free-flow travel time.
[[nodiscard]] Demand build_demand(std::span<const ImportTrip> trips, const Network& network, double begin_s,
                                  double end_s, double interval_s, const ImportTerms& terms,
                                  std::vector<std::string>& report);

/// The last step of every import: `scenario` validated, each diagnostic placed in the source by `locate`
/// (its file, line and element), warnings appended to `report`. Throws `Error` (invalid_input) with every
/// error, so that no importer returns a scenario that does not validate.
void require_imported_valid(const Scenario& scenario, const std::function<void(Diagnostic&)>& locate,
                            std::vector<std::string>& report);

/// Free-flow travel time of a link (length / speed), s.
[[nodiscard]] double free_flow_time_s(const Link& link);

}  // namespace itsc::detail

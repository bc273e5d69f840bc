// Flows -> departures. CityFlow releases a flow's first vehicle at startTime and one more every `interval`
// seconds while the time is not past endTime (-1: no end); libitsc's t = 0 is CityFlow's time 0.
#include <cmath>

#include "io/cityflow/cityflow_data.hpp"
#include "io/cityflow/json_fields.hpp"
#include "util/format_number.hpp"

namespace itsc::detail {

namespace {

constexpr double kMaxVehicles = 2'000'000;  // against flows that would expand without end

// Whether the path takes a movement closed to traffic (a road link no light phase opens).
bool takes_closed(const std::vector<std::size_t>& links, const Network& network) {
  for (std::size_t i = 0; i + 1 < links.size(); ++i) {
    const Link& from = network.links[links[i]];
    const Node* node = network.find_node(from.to);
    const std::string id = from.id + "->" + network.links[links[i + 1]].id;
    for (const Movement& movement : node->movements) {
      if (movement.id == id && movement.closed) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<ImportTrip> cityflow_trips(const std::vector<CfFlow>& flows, const CfRoadnet& roadnet,
                                       const Network& network, std::optional<double> end_s,
                                       const std::string& flow_file, std::vector<std::string>& report) {
  std::vector<ImportTrip> trips;
  std::size_t dropped = 0;
  std::size_t held = 0;
  double vehicles = 0;
  for (const CfFlow& flow : flows) {
    if (!flow.end_s && !end_s) {
      throw Error(ErrorCode::invalid_input, std::vector<Diagnostic>{{Severity::error, flow_file, 0, 0,
                                                                     json_member(flow.path, "endTime"),
                                                                     "-1 (no end): give --end"}});
    }
    // Departures at startTime + k interval up to endTime, and before the import's end.
    double last_s = flow.end_s.value_or(*end_s);
    if (end_s) last_s = std::min(last_s, std::nextafter(*end_s, 0.0));
    const double count = last_s < flow.start_s ? 0 : std::floor((last_s - flow.start_s) / flow.interval_s + 1e-9) + 1;
    vehicles += count;
    if (vehicles > kMaxVehicles) {
      throw Error(ErrorCode::invalid_input,
                  std::vector<Diagnostic>{{Severity::error, flow_file, 0, 0, flow.path,
                                           "the flows release more than " + format_number(kMaxVehicles) + " vehicles"}});
    }
    ImportTrip trip;
    for (const std::size_t road : flow.route) {
      const auto link = network.link_index(roadnet.roads[road].id);
      if (!link) break;
      trip.links.push_back(*link);
    }
    if (trip.links.size() != flow.route.size()) {
      dropped += static_cast<std::size_t>(count);
      continue;
    }
    if (takes_closed(trip.links, network)) {
      held += static_cast<std::size_t>(count);
      continue;
    }
    for (double k = 0; k < count; ++k) {
      trip.depart_s = flow.start_s + k * flow.interval_s;
      trips.push_back(trip);
    }
  }
  if (dropped > 0) {
    report.push_back(flow_file + ": " + std::to_string(dropped) +
                     " vehicles skipped: their routes use roads dropped from the network");
  }
  if (held > 0) {
    report.push_back(flow_file + ": " + std::to_string(held) +
                     " vehicles skipped: their routes take road links no light phase opens (CityFlow holds them there)");
  }
  report.push_back(flow_file + ": " + std::to_string(flows.size()) + " flows expanded into " +
                   std::to_string(trips.size()) + " departures (vehicle parameters not used: the links' speeds and "
                   "saturation flows govern)");
  return trips;
}

}  // namespace itsc::detail

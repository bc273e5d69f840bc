// .rou.xml -> trips: vehicles (with a route id or a nested route), trips (from/to) and flows (expanded
// into evenly spaced departures), each as a departure time and a path of links of the network.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "io/sumo/import_parts.hpp"
#include "io/sumo/xml_reader.hpp"
#include "network/shortest_path.hpp"
#include "util/id_index.hpp"

namespace itsc::detail {

namespace {

constexpr std::size_t kMaxVehicles = 2'000'000;  // against flows that would expand without end
constexpr double kDefaultFlowLength_s = 86'400;     // SUMO's default flow end: one day after its begin

enum class VehicleKind { car, heavy, not_a_car };

VehicleKind kind_of_class(std::string_view v_class) {
  static const std::set<std::string_view> heavy{"truck", "trailer", "bus", "coach", "delivery", "emergency", "army"};
  static const std::set<std::string_view> cars{"", "passenger", "private", "taxi", "evehicle", "custom1", "custom2",
                                               "motorcycle", "moped", "hov", "authority", "vip"};
  if (heavy.count(v_class) != 0) return VehicleKind::heavy;
  if (cars.count(v_class) != 0) return VehicleKind::car;
  return VehicleKind::not_a_car;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

class RoutesReader {
 public:
  RoutesReader(const SumoSource& source, const SumoNet& net, const Network& network, std::vector<std::string>& report)
      : xml_(source, "routes"), network_(network), links_(network.links), report_(report) {
    for (const SumoEdge& edge : net.edges) net_edges_.insert(edge.id);
  }

  std::vector<ImportTrip> read() {
    for (pugi::xml_node element : xml_.root().children()) {
      const std::string_view name = element.name();
      if (name == "vType") {
        types_[xml_.text(element, "id")] = kind_of_class(XmlReader::optional_text(element, "vClass"));
      } else if (name == "route") {
        routes_[xml_.text(element, "id")] = edges_of(element);
      } else if (name == "vehicle" || name == "trip" || name == "flow") {
        read_vehicle(element, name);
      } else if (name == "routeDistribution") {
        distributions_.insert(xml_.text(element, "id"));
        ++skipped_elements_["routeDistribution"];
      } else {
        ++skipped_elements_[std::string(name)];
      }
    }
    xml_.throw_if_errors();
    for (const auto& [name, count] : skipped_elements_) {
      report_.push_back(xml_.file() + ": " + std::to_string(count) + " <" + name + "> elements skipped");
    }
    for (const auto& [reason, count] : skipped_vehicles_) {
      report_.push_back(xml_.file() + ": " + std::to_string(count) + " vehicles skipped: " + reason);
    }
    return std::move(trips_);
  }

 private:
  // Edge ids of a <route> (every id must be an edge of the net).
  std::vector<std::string> edges_of(pugi::xml_node route) {
    std::vector<std::string> edges = words(xml_.text(route, "edges"));
    for (const std::string& edge : edges) check_edge(route, edge);
    return edges;
  }

  void check_edge(pugi::xml_node element, const std::string& edge) {
    if (net_edges_.count(edge) == 0) xml_.error(element, "unknown edge '" + edge + "'");
  }

  // The path of a vehicle, trip or flow as SUMO edge ids; empty after an error.
  std::vector<std::string> path_of(pugi::xml_node element) {
    if (const pugi::xml_node nested = element.child("route")) return edges_of(nested);
    const std::string route = XmlReader::optional_text(element, "route");
    if (!route.empty()) {
      const auto found = routes_.find(route);
      if (distributions_.count(route) != 0) return {};
      if (found == routes_.end()) {
        xml_.error(element, "unknown route '" + route + "'");
        return {};
      }
      return found->second;
    }
    const std::string from = XmlReader::optional_text(element, "from");
    const std::string to = XmlReader::optional_text(element, "to");
    if (from.empty() || to.empty()) {
      xml_.error(element, "<" + std::string(element.name()) + "> needs a route, or 'from' and 'to' edges");
      return {};
    }
    check_edge(element, from);
    check_edge(element, to);
    return {from, to};
  }

  // Links of the network along the path (shortest path between from and to for trips); empty, with
  // the reason in `why`, when it cannot be driven in the imported network.
  std::vector<std::size_t> links_of(const std::vector<std::string>& edges, bool is_trip, std::string& why) {
    std::vector<std::size_t> path;
    for (const std::string& edge : edges) {
      const auto link = links_.find(edge);
      if (!link) {
        why = "the route uses an edge the import dropped (no car lanes, unreachable or a dead end)";
        return {};
      }
      path.push_back(*link);
    }
    if (is_trip) {
      const auto key = std::pair{path.front(), path.back()};
      auto cached = shortest_.find(key);
      if (cached == shortest_.end()) {
        const auto cost = [&](std::size_t l) { return free_flow_time_s(network_.links[l]); };
        cached = shortest_.emplace(key, shortest_link_path(network_, key.first, key.second, cost)).first;
      }
      if (cached->second.empty()) why = "no path from its origin to its destination";
      return cached->second;
    }
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      const Node* node = network_.find_node(network_.links[path[i]].to);
      const std::string id = network_.links[path[i]].id + "->" + network_.links[path[i + 1]].id;
      const bool joined = node != nullptr && std::any_of(node->movements.begin(), node->movements.end(),
                                                         [&](const Movement& m) { return m.id == id; });
      if (!joined) {
        why = "the route has a turn the imported network does not have";
        return {};
      }
    }
    return path;
  }

  void read_vehicle(pugi::xml_node element, std::string_view name) {
    const bool is_flow = name == "flow";
    const std::string type = XmlReader::optional_text(element, "type");
    const auto type_kind = types_.find(type);
    const VehicleKind kind = type_kind == types_.end() ? VehicleKind::car : type_kind->second;
    if (!type.empty() && type_kind == types_.end() && type != "DEFAULT_VEHTYPE") {
      xml_.error(element, "unknown vType '" + type + "'");
    }
    std::vector<std::string> edges = path_of(element);
    if (edges.empty() && distributions_.count(XmlReader::optional_text(element, "route")) != 0) {
      ++skipped_vehicles_["route distributions are not imported"];
      return;
    }
    const bool is_trip = !element.child("route") && XmlReader::optional_text(element, "route").empty();
    std::vector<double> departures;
    if (is_flow) {
      departures = flow_departures(element);
    } else {
      const std::string depart = xml_.text(element, "depart");
      const auto time = parse_number(depart);
      if (!depart.empty() && !time) {
        ++skipped_vehicles_["departure '" + depart + "' is not a time"];
        return;
      }
      if (time) departures.push_back(*time);
    }
    if (edges.empty() || departures.empty()) return;
    if (kind == VehicleKind::not_a_car) {
      skipped_vehicles_["not a car (pedestrian, bicycle, rail, ship)"] += departures.size();
      return;
    }
    std::string why;
    const std::vector<std::size_t> path = links_of(edges, is_trip, why);
    if (path.empty()) {
      skipped_vehicles_[why] += departures.size();
      return;
    }
    if (trips_.size() + departures.size() > kMaxVehicles) {
      xml_.error(element, "more than " + std::to_string(kMaxVehicles) + " vehicles");
      return;
    }
    for (double depart : departures) trips_.push_back({depart, path, kind == VehicleKind::heavy});
  }

  // Evenly spaced departures of a flow over [begin, end).
  std::vector<double> flow_departures(pugi::xml_node element) {
    const double begin = xml_.number(element, "begin", 0);
    const double number = xml_.number(element, "number", -1);
    double end = xml_.number(element, "end", begin + kDefaultFlowLength_s);
    double period = 0;
    if (element.attribute("vehsPerHour")) {
      period = 3600 / xml_.number(element, "vehsPerHour");
    } else if (element.attribute("period")) {
      const std::string text = element.attribute("period").value();
      if (text.rfind("exp(", 0) == 0 && text.back() == ')') {
        const auto rate = parse_number(std::string_view(text).substr(4, text.size() - 5));
        period = rate ? 1 / *rate : 0;
        ++approximated_["random departures (period=exp(...)) spread evenly at their mean rate"];
      } else {
        period = xml_.number(element, "period");
      }
    } else if (element.attribute("probability")) {
      period = 1 / xml_.number(element, "probability");
      ++approximated_["random departures (probability) spread evenly at their mean rate"];
    } else if (number > 0) {
      if (!element.attribute("end")) {
        xml_.error(element, "<flow> with 'number' alone needs 'end'");
        return {};
      }
      period = (end - begin) / number;
    } else {
      xml_.error(element, "<flow> needs vehsPerHour, period, probability or number");
      return {};
    }
    if (!(period > 0) || !std::isfinite(period) || !(end >= begin)) {
      xml_.error(element, "<flow> gives no positive spacing of departures over [begin, end]");
      return {};
    }
    if (number > 0) end = std::min(end, begin + number * period);
    if ((end - begin) / period > static_cast<double>(kMaxVehicles)) {
      xml_.error(element, "<flow> expands to more than " + std::to_string(kMaxVehicles) + " vehicles");
      return {};
    }
    std::vector<double> departures;
    for (std::size_t i = 0;; ++i) {
      const double depart = begin + static_cast<double>(i) * period;
      if (depart >= end - 1e-9) break;
      departures.push_back(depart);
    }
    return departures;
  }

 public:
  void report_approximations() {
    for (const auto& [what, count] : approximated_) {
      report_.push_back(xml_.file() + ": " + std::to_string(count) + " flows with " + what);
    }
  }

 private:
  XmlReader xml_;
  const Network& network_;
  IdIndex links_;
  std::vector<std::string>& report_;
  std::set<std::string, std::less<>> net_edges_;
  std::map<std::string, VehicleKind, std::less<>> types_;
  std::map<std::string, std::vector<std::string>, std::less<>> routes_;
  std::set<std::string, std::less<>> distributions_;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> shortest_;
  std::map<std::string, std::size_t> skipped_elements_;
  std::map<std::string, std::size_t> skipped_vehicles_;
  std::map<std::string, std::size_t> approximated_;
  std::vector<ImportTrip> trips_;
};

}  // namespace

std::vector<ImportTrip> read_sumo_routes(const SumoSource& source, const SumoNet& net, const Network& network,
                                       std::vector<std::string>& report) {
  RoutesReader reader(source, net, network, report);
  std::vector<ImportTrip> trips = reader.read();
  reader.report_approximations();
  return trips;
}

}  // namespace itsc::detail

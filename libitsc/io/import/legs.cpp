// Legs of a node from an imported network's geometry: the links to and from one neighbour form a leg
// (several in and out links to one neighbour pair up in order), its bearing the mean direction of its
// links where they meet the junction.
#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "io/import/import_steps.hpp"
#include "network/geometry.hpp"

namespace itsc::detail {

namespace {

constexpr double kBearingReach_m = 20;  // how far along a lane its direction at the junction is measured

double round_tenth(double value) { return std::round(value * 10) / 10; }

}  // namespace

std::optional<double> polyline_bearing(std::vector<std::pair<double, double>> shape, bool at_end) {
  if (shape.size() < 2) return std::nullopt;
  if (at_end) std::reverse(shape.begin(), shape.end());
  double left = kBearingReach_m;
  std::pair<double, double> reach = shape.back();
  for (std::size_t i = 1; i < shape.size(); ++i) {
    const double dx = shape[i].first - shape[i - 1].first;
    const double dy = shape[i].second - shape[i - 1].second;
    const double length = std::hypot(dx, dy);
    if (length >= left) {
      reach = {shape[i - 1].first + dx * left / length, shape[i - 1].second + dy * left / length};
      break;
    }
    left -= length;
  }
  if (reach == shape.front()) return std::nullopt;
  return bearing_deg(shape.front().first, shape.front().second, reach.first, reach.second);
}

void add_legs(Node& node, const Network& network, const LinkBearing& bearing_of) {
  std::map<std::string, std::vector<const Link*>> in_by_neighbour;
  std::map<std::string, std::vector<const Link*>> out_by_neighbour;
  std::set<std::string> neighbours;
  for (const Link& link : network.links) {
    if (link.to == node.id) {
      in_by_neighbour[link.from].push_back(&link);
      neighbours.insert(link.from);
    }
    if (link.from == node.id) {
      out_by_neighbour[link.to].push_back(&link);
      neighbours.insert(link.to);
    }
  }
  for (const std::string& neighbour : neighbours) {
    const auto& ins = in_by_neighbour[neighbour];
    const auto& outs = out_by_neighbour[neighbour];
    for (std::size_t k = 0; k < std::max(ins.size(), outs.size()); ++k) {
      Leg leg;
      leg.id = k == 0 ? neighbour : neighbour + "#" + std::to_string(k + 1);
      double x = 0;
      double y = 0;
      int bearings = 0;
      const auto add_bearing = [&](const Link* link, bool arriving) {
        if (const auto bearing = bearing_of(*link, arriving)) {
          x += std::sin(*bearing * std::numbers::pi / 180);
          y += std::cos(*bearing * std::numbers::pi / 180);
          ++bearings;
        }
      };
      if (k < ins.size()) {
        leg.in_link = ins[k]->id;
        add_bearing(ins[k], true);
      }
      if (k < outs.size()) {
        leg.out_link = outs[k]->id;
        add_bearing(outs[k], false);
      }
      if (bearings > 0 && std::hypot(x, y) > 1e-9) {
        const double bearing = round_tenth(std::fmod(std::atan2(x, y) * 180 / std::numbers::pi + 360, 360));
        leg.bearing_deg = bearing >= 360 ? 0 : bearing;
      }
      node.legs.push_back(std::move(leg));
    }
  }
}

}  // namespace itsc::detail

// CfRoadnet -> Network: a link per road from intersection centre to intersection centre (the cell
// transmission model has no junction area, so a link runs from stop line to stop line; CityFlow's lanes
// stop short of each intersection by its width and its vehicles cross it on the lane links), nodes from
// intersections, legs with bearings from the roads' points, movements from road links, lane groups from
// the lane links.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "io/cityflow/cityflow_data.hpp"
#include "util/format_number.hpp"
#include "util/id_index.hpp"

namespace itsc::detail {

namespace {

// The lane widths the saturation flow's lane width factor accepts (validation's range).
constexpr double kMinLaneWidth_m = 2.4;
constexpr double kMaxLaneWidth_m = 4.9;

double round_hundredth(double value) { return std::round(value * 100) / 100; }

Link make_link(const CfRoad& road) {
  Link link;
  link.id = road.id;
  link.from = road.from;
  link.to = road.to;
  double length_m = 0;
  for (std::size_t k = 1; k < road.points.size(); ++k) {
    length_m += std::hypot(road.points[k].x - road.points[k - 1].x, road.points[k].y - road.points[k - 1].y);
  }
  link.length_m = round_hundredth(length_m);
  link.lanes = static_cast<int>(road.lanes.size());
  double speed_mps = 0;
  for (const CfLane& lane : road.lanes) speed_mps = std::max(speed_mps, lane.max_speed_mps);
  link.speed_kmh = round_hundredth(speed_mps * 3.6);
  return link;
}

std::vector<std::pair<double, double>> shape_of(const CfRoad& road) {
  std::vector<std::pair<double, double>> shape;
  for (const CfPoint& point : road.points) shape.emplace_back(point.x, point.y);
  return shape;
}

NodeControl control_of(const CfIntersection& intersection) {
  if (intersection.is_virtual) return NodeControl::boundary;
  return intersection.phases.empty() ? NodeControl::uncontrolled : NodeControl::signalized;
}

// Mean lane width of a road, within the range the saturation flow accepts (`clamped` counts those outside).
double lane_width_m(const CfRoad& road, std::size_t& clamped) {
  double sum = 0;
  for (const CfLane& lane : road.lanes) sum += lane.width_m;
  const double mean = sum / static_cast<double>(road.lanes.size());
  const double width = std::clamp(round_hundredth(mean), kMinLaneWidth_m, kMaxLaneWidth_m);
  clamped += width != round_hundredth(mean) ? 1 : 0;
  return width;
}

}  // namespace

const ImportTerms& cityflow_terms() {
  static const ImportTerms terms{"CityFlow", "road", "at the end of their last road, where CityFlow's vehicles leave"};
  return terms;
}

void build_cityflow_network(const CfRoadnet& roadnet, Network& network, std::vector<std::string>& report) {
  std::map<std::string, const CfRoad*> roads;
  for (const CfRoad& road : roadnet.roads) {
    roads.emplace(road.id, &road);
    network.links.push_back(make_link(road));
  }
  report.push_back(std::to_string(network.links.size()) + " roads imported as links from intersection centre to centre "
                   "(CityFlow's lanes end short of each intersection by its width; the links include the crossing), "
                   "speed the fastest lane's maxSpeed");

  std::set<std::string> touched;
  for (const Link& link : network.links) {
    touched.insert(link.from);
    touched.insert(link.to);
  }
  std::size_t isolated = 0;
  std::size_t counts[5] = {};
  for (const CfIntersection& intersection : roadnet.intersections) {
    if (touched.count(intersection.id) == 0) {
      ++isolated;
      continue;
    }
    Node node;
    node.id = intersection.id;
    node.control = control_of(intersection);
    node.x_m = intersection.point.x;
    node.y_m = intersection.point.y;
    ++counts[static_cast<int>(node.control)];
    network.nodes.push_back(std::move(node));
  }
  report.push_back(std::to_string(network.nodes.size()) + " intersections imported as nodes: " +
                   std::to_string(counts[static_cast<int>(NodeControl::boundary)]) + " virtual ones as boundary, " +
                   std::to_string(counts[static_cast<int>(NodeControl::signalized)]) + " with light phases as signalized, " +
                   std::to_string(counts[static_cast<int>(NodeControl::uncontrolled)]) + " without as uncontrolled");
  if (isolated > 0) report.push_back(std::to_string(isolated) + " intersections no road touches skipped");
  if (roadnet.virtual_road_links > 0) {
    report.push_back(std::to_string(roadnet.virtual_road_links) +
                     " road links of virtual intersections skipped (boundary nodes have no movements)");
  }

  // Movements from the road links of real intersections, and the lanes of each approach that serve them.
  const IdIndex nodes(network.nodes);
  std::map<std::pair<std::string, std::string>, std::map<int, std::set<std::string>>> approach_lanes;
  std::size_t movements = 0;
  for (const CfIntersection& intersection : roadnet.intersections) {
    const auto index = nodes.find(intersection.id);
    if (!index) continue;
    Node& node = network.nodes[*index];
    for (const CfRoadLink& road_link : intersection.road_links) {
      const std::string id = road_link.from_road + "->" + road_link.to_road;
      if (std::none_of(node.movements.begin(), node.movements.end(), [&](const Movement& m) { return m.id == id; })) {
        Movement movement;
        movement.id = id;
        movement.from_link = road_link.from_road;
        movement.to_link = road_link.to_road;
        movement.turn = road_link.turn;
        node.movements.push_back(std::move(movement));
        ++movements;
      }
      for (const CfLaneLink& lane : road_link.lane_links) {
        approach_lanes[{node.id, road_link.from_road}][static_cast<int>(lane.from_lane)].insert(id);
      }
    }
  }
  report.push_back(std::to_string(movements) + " road links imported as movements FROM->TO (go_straight: through, "
                   "turn_left: left, turn_right: right)");

  const LinkBearing road_bearing = [&](const Link& link, bool arriving) {
    return polyline_bearing(shape_of(*roads.at(link.id)), arriving);
  };
  for (Node& node : network.nodes) add_legs(node, network, road_bearing);
  std::size_t clamped = 0;
  for (const auto& [key, lanes] : approach_lanes) {
    Node& node = network.nodes[*nodes.find(key.first)];
    if (node.control != NodeControl::signalized) continue;
    const CfRoad& road = *roads.at(key.second);
    const std::size_t first = node.lane_groups.size();
    // CityFlow names a road's lanes ROAD_INDEX.
    add_lane_groups(node, key.second, lanes, [&](int lane) { return road.id + "_" + std::to_string(lane); });
    const double width = lane_width_m(road, clamped);
    for (std::size_t g = first; g < node.lane_groups.size(); ++g) node.lane_groups[g].lane_width_m = width;
  }
  if (clamped > 0) {
    report.push_back(std::to_string(clamped) + " approaches have lanes narrower than " + format_number(kMinLaneWidth_m) +
                     " m or wider than " + format_number(kMaxLaneWidth_m) +
                     " m: their lane groups take the nearest width the saturation flow accepts");
  }
}

}  // namespace itsc::detail

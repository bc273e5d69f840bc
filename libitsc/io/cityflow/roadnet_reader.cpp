// roadnet.json -> CfRoadnet. Only what the import maps is read (CityFlow's own fields such as `width`,
// `roads`, `direction`, the lane links' `points` and `trafficLight.roadLinkIndices` are ignored), but what
// is read is checked: every reference must resolve, so that the network builder can trust it.
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "io/cityflow/cityflow_data.hpp"
#include "io/cityflow/json_fields.hpp"

namespace itsc::detail {

namespace {

std::optional<TurnType> turn_of(const std::string& type) {
  if (type == "go_straight") return TurnType::through;
  if (type == "turn_left") return TurnType::left;
  if (type == "turn_right") return TurnType::right;
  return std::nullopt;
}

class RoadnetReader {
 public:
  explicit RoadnetReader(const SourceText& source) : json_(source) { roadnet_.file = source.name; }

  CfRoadnet read() {
    if (!json_.is_object(json_.root(), "")) json_.throw_if_errors();
    collect_intersection_ids();
    // Roads first: the intersections' road links refer to them; the roads' ends to the intersections.
    if (const Json* roads = json_.array(json_.root(), "", "roads")) {
      for (std::size_t i = 0; i < roads->size(); ++i) read_road((*roads)[i], json_index("roads", i));
    }
    if (const Json* intersections = json_.array(json_.root(), "", "intersections")) {
      for (std::size_t i = 0; i < intersections->size(); ++i) {
        read_intersection((*intersections)[i], json_index("intersections", i));
      }
    }
    check_road_ends();
    json_.throw_if_errors();
    return std::move(roadnet_);
  }

 private:
  CfPoint point(const Json& value, const std::string& path) {
    CfPoint p;
    if (!json_.is_object(value, path)) return p;
    p.x = json_.number(value, path, "x");
    p.y = json_.number(value, path, "y");
    return p;
  }

  // A positive number (0, recorded, otherwise: once, as not a number or as not positive).
  double positive(const Json& object, const std::string& path, std::string_view key) {
    const Json* value = json_.member(object, path, key, false);
    const double number = json_.number(object, path, key);
    if (value != nullptr && value->is_number() && !(number > 0)) json_.error(json_member(path, key), "must be positive");
    return number;
  }

  void read_road(const Json& value, const std::string& path) {
    if (!json_.is_object(value, path)) return;
    CfRoad road;
    road.path = path;
    road.id = json_.string(value, path, "id");
    road.from = json_.string(value, path, "startIntersection");
    road.to = json_.string(value, path, "endIntersection");
    if (const Json* points = json_.array(value, path, "points")) {
      const std::string points_path = json_member(path, "points");
      for (std::size_t k = 0; k < points->size(); ++k) road.points.push_back(point((*points)[k], json_index(points_path, k)));
      double length_m = 0;
      for (std::size_t k = 1; k < road.points.size(); ++k) {
        length_m += std::hypot(road.points[k].x - road.points[k - 1].x, road.points[k].y - road.points[k - 1].y);
      }
      if (points->size() < 2) {
        json_.error(points_path, "must list at least 2 points");
      } else if (!(length_m > 0)) {
        json_.error(points_path, "the points give the road no length");
      }
    }
    if (const Json* lanes = json_.array(value, path, "lanes")) {
      const std::string lanes_path = json_member(path, "lanes");
      for (std::size_t k = 0; k < lanes->size(); ++k) {
        const std::string lane_path = json_index(lanes_path, k);
        if (!json_.is_object((*lanes)[k], lane_path)) continue;
        CfLane lane;
        lane.width_m = positive((*lanes)[k], lane_path, "width");
        lane.max_speed_mps = positive((*lanes)[k], lane_path, "maxSpeed");
        road.lanes.push_back(lane);
      }
      if (lanes->empty()) json_.error(lanes_path, "must list at least one lane");
    }
    if (!road.id.empty() && !road_index_.emplace(road.id, roadnet_.roads.size()).second) {
      json_.error(json_member(path, "id"), "duplicate road id '" + road.id + "'");
      return;
    }
    roadnet_.roads.push_back(std::move(road));
  }

  // The road `id` names (at `path`), or nullptr (recorded).
  const CfRoad* road(const std::string& id, const std::string& path) {
    const auto found = road_index_.find(id);
    if (found != road_index_.end()) return &roadnet_.roads[found->second];
    if (!id.empty()) json_.error(path, "unknown road '" + id + "'");
    return nullptr;
  }

  void read_intersection(const Json& value, const std::string& path) {
    if (!json_.is_object(value, path)) return;
    CfIntersection intersection;
    intersection.path = path;
    intersection.id = json_.string(value, path, "id");
    if (const Json* p = json_.member(value, path, "point")) intersection.point = point(*p, json_member(path, "point"));
    intersection.is_virtual = json_.boolean(value, path, "virtual", false);
    if (intersection.is_virtual) {
      // CityFlow simulates nothing at a virtual intersection: vehicles appear and vanish there.
      if (const Json* links = json_.member(value, path, "roadLinks", false); links != nullptr && links->is_array()) {
        roadnet_.virtual_road_links += links->size();
      }
    } else {
      if (const Json* links = json_.array(value, path, "roadLinks")) {
        for (std::size_t k = 0; k < links->size(); ++k) {
          read_road_link((*links)[k], json_index(json_member(path, "roadLinks"), k), intersection);
        }
      }
      if (const Json* light = json_.member(value, path, "trafficLight", false)) {
        read_light(*light, json_member(path, "trafficLight"), intersection);
      }
    }
    if (!intersection.id.empty() && !intersection_index_.emplace(intersection.id, roadnet_.intersections.size()).second) {
      json_.error(json_member(path, "id"), "duplicate intersection id '" + intersection.id + "'");
      return;
    }
    roadnet_.intersections.push_back(std::move(intersection));
  }

  void read_road_link(const Json& value, const std::string& path, CfIntersection& intersection) {
    if (!json_.is_object(value, path)) return;
    CfRoadLink link;
    const std::string type = json_.string(value, path, "type");
    if (const auto turn = turn_of(type)) {
      link.turn = *turn;
    } else if (json_.member(value, path, "type", false) != nullptr && value.at("type").is_string()) {
      json_.error(json_member(path, "type"), "must be go_straight, turn_left or turn_right, got '" + type + "'");
    }
    link.from_road = json_.string(value, path, "startRoad");
    link.to_road = json_.string(value, path, "endRoad");
    const CfRoad* from = road(link.from_road, json_member(path, "startRoad"));
    const CfRoad* to = road(link.to_road, json_member(path, "endRoad"));
    // A road whose end names no intersection has its own message; a road without lanes has no lane indices.
    if (from != nullptr && known(from->to) && from->to != intersection.id) {
      json_.error(json_member(path, "startRoad"), "road '" + from->id + "' does not end at intersection '" +
                                                      intersection.id + "' (it ends at '" + from->to + "')");
    }
    if (to != nullptr && known(to->from) && to->from != intersection.id) {
      json_.error(json_member(path, "endRoad"), "road '" + to->id + "' does not start at intersection '" +
                                                    intersection.id + "' (it starts at '" + to->from + "')");
    }
    if (const Json* lanes = json_.array(value, path, "laneLinks")) {
      const std::string lanes_path = json_member(path, "laneLinks");
      if (lanes->empty()) json_.error(lanes_path, "must list at least one lane link");
      for (std::size_t k = 0; k < lanes->size(); ++k) {
        const std::string lane_path = json_index(lanes_path, k);
        const Json& lane = (*lanes)[k];
        if (!json_.is_object(lane, lane_path)) continue;
        const Json* start = json_.member(lane, lane_path, "startLaneIndex");
        const Json* end = json_.member(lane, lane_path, "endLaneIndex");
        std::optional<std::size_t> from_lane;
        std::optional<std::size_t> to_lane;
        if (start != nullptr && from != nullptr && !from->lanes.empty()) {
          from_lane = json_.index(*start, json_member(lane_path, "startLaneIndex"), from->lanes.size(),
                                  "lanes on road '" + from->id + "'");
        }
        if (end != nullptr && to != nullptr && !to->lanes.empty()) {
          to_lane = json_.index(*end, json_member(lane_path, "endLaneIndex"), to->lanes.size(),
                                "lanes on road '" + to->id + "'");
        }
        if (from_lane && to_lane) link.lane_links.push_back({*from_lane, *to_lane});
      }
    }
    intersection.road_links.push_back(std::move(link));
  }

  void read_light(const Json& value, const std::string& path, CfIntersection& intersection) {
    if (!json_.is_object(value, path)) return;
    const Json* phases = json_.array(value, path, "lightphases");
    if (phases == nullptr) return;
    const std::string phases_path = json_member(path, "lightphases");
    for (std::size_t k = 0; k < phases->size(); ++k) {
      const std::string phase_path = json_index(phases_path, k);
      const Json& phase = (*phases)[k];
      if (!json_.is_object(phase, phase_path)) continue;
      CfPhase read;
      read.time_s = json_.number(phase, phase_path, "time");
      if (!(read.time_s > 0) || read.time_s > 86'400) {
        json_.error(json_member(phase_path, "time"), "must be a positive number of seconds up to a day");
      }
      if (const Json* links = json_.array(phase, phase_path, "availableRoadLinks")) {
        const std::string links_path = json_member(phase_path, "availableRoadLinks");
        for (std::size_t i = 0; i < links->size(); ++i) {
          const auto index = json_.index((*links)[i], json_index(links_path, i), intersection.road_links.size(),
                                         "road links at intersection '" + intersection.id + "'");
          if (index) read.road_links.push_back(*index);
        }
      }
      intersection.phases.push_back(std::move(read));
    }
  }

  // The ids the intersections give, before they are read: the road links check the roads' ends by them.
  void collect_intersection_ids() {
    const Json* intersections = json_.member(json_.root(), "", "intersections", false);
    if (intersections == nullptr || !intersections->is_array()) return;
    for (const Json& intersection : *intersections) {
      if (intersection.is_object() && intersection.contains("id") && intersection["id"].is_string()) {
        intersection_ids_.insert(intersection["id"].get<std::string>());
      }
    }
  }

  bool known(const std::string& intersection) const { return intersection_ids_.count(intersection) != 0; }

  void check_road_ends() {
    for (const CfRoad& road : roadnet_.roads) {
      for (const auto& [key, id] : {std::pair{"startIntersection", &road.from}, std::pair{"endIntersection", &road.to}}) {
        if (!id->empty() && !known(*id)) {
          json_.error(json_member(road.path, key), "unknown intersection '" + *id + "'");
        }
      }
      if (!road.from.empty() && road.from == road.to) {
        json_.error(road.path, "road '" + road.id + "' starts and ends at intersection '" + road.from + "'");
      }
    }
  }

  JsonFields json_;
  CfRoadnet roadnet_;
  std::map<std::string, std::size_t, std::less<>> road_index_;
  std::map<std::string, std::size_t, std::less<>> intersection_index_;
  std::set<std::string, std::less<>> intersection_ids_;
};

}  // namespace

CfRoadnet read_cityflow_roadnet(const SourceText& source) { return RoadnetReader(source).read(); }

}  // namespace itsc::detail

// flow.json -> CfFlow: an array of flows, each a route (road ids), `interval`, `startTime` and `endTime`
// (-1: no end). The `vehicle` parameters (length, accelerations, gaps, maxSpeed) are CityFlow's car
// following and not read: the cell transmission model takes speeds and capacities from the links.
#include <map>
#include <set>
#include <utility>

#include "io/cityflow/cityflow_data.hpp"
#include "io/cityflow/json_fields.hpp"

namespace itsc::detail {

namespace {

class FlowReader {
 public:
  FlowReader(const SourceText& source, const CfRoadnet& roadnet) : json_(source), roadnet_(roadnet) {
    for (std::size_t r = 0; r < roadnet.roads.size(); ++r) roads_.emplace(roadnet.roads[r].id, r);
    for (const CfIntersection& intersection : roadnet.intersections) {
      intersections_.emplace(intersection.id, &intersection);
      for (const CfRoadLink& link : intersection.road_links) joined_.insert({link.from_road, link.to_road});
    }
  }

  std::vector<CfFlow> read() {
    if (!json_.root().is_array()) {
      json_.error("", "must be an array of flows, got " + std::string(json_.root().type_name()));
      json_.throw_if_errors();
    }
    std::vector<CfFlow> flows;
    for (std::size_t i = 0; i < json_.root().size(); ++i) {
      if (auto flow = read_flow(json_.root()[i], json_index("", i))) flows.push_back(std::move(*flow));
    }
    json_.throw_if_errors();
    return flows;
  }

 private:
  std::optional<CfFlow> read_flow(const Json& value, const std::string& path) {
    if (!json_.is_object(value, path)) return std::nullopt;
    CfFlow flow;
    flow.path = path;
    flow.interval_s = json_.number(value, path, "interval");
    flow.start_s = json_.number(value, path, "startTime");
    const double end_s = json_.number(value, path, "endTime");
    if (!(flow.interval_s > 0)) json_.error(json_member(path, "interval"), "must be positive");
    if (flow.start_s < 0) json_.error(json_member(path, "startTime"), "must not be negative");
    if (end_s != -1) {
      flow.end_s = end_s;
      if (end_s < flow.start_s) json_.error(json_member(path, "endTime"), "must be -1 (no end) or at least startTime");
    }
    if (const Json* route = json_.array(value, path, "route")) {
      const std::string route_path = json_member(path, "route");
      if (route->empty()) json_.error(route_path, "must list at least one road");
      for (std::size_t k = 0; k < route->size(); ++k) read_step((*route)[k], json_index(route_path, k), flow);
    }
    return flow;
  }

  // One road of a route: known, and joined to the road before it by a road link of a real intersection.
  void read_step(const Json& value, const std::string& path, CfFlow& flow) {
    const std::string id = json_.string(value, path);
    if (!value.is_string()) return;
    const auto found = roads_.find(id);
    if (found == roads_.end()) {
      json_.error(path, "unknown road '" + id + "'");
      flow.route.push_back(roadnet_.roads.size());  // keeps the next step from checking against the wrong road
      return;
    }
    if (!flow.route.empty() && flow.route.back() < roadnet_.roads.size()) {
      const CfRoad& before = roadnet_.roads[flow.route.back()];
      const CfIntersection& at = *intersections_.at(before.to);
      if (before.to != roadnet_.roads[found->second].from) {
        json_.error(path, "road '" + id + "' does not start where road '" + before.id + "' ends (intersection '" +
                              before.to + "')");
      } else if (at.is_virtual) {
        json_.error(path, "the route passes virtual intersection '" + at.id + "', where CityFlow's vehicles leave");
      } else if (joined_.count({before.id, id}) == 0) {
        json_.error(path, "no road link from road '" + before.id + "' to road '" + id + "' at intersection '" + at.id + "'");
      }
    }
    flow.route.push_back(found->second);
  }

  JsonFields json_;
  const CfRoadnet& roadnet_;
  std::map<std::string, std::size_t, std::less<>> roads_;
  std::map<std::string, const CfIntersection*, std::less<>> intersections_;
  std::set<std::pair<std::string, std::string>> joined_;  ///< (startRoad, endRoad) of every road link
};

}  // namespace

std::vector<CfFlow> read_cityflow_flows(const SourceText& source, const CfRoadnet& roadnet) {
  return FlowReader(source, roadnet).read();
}

}  // namespace itsc::detail

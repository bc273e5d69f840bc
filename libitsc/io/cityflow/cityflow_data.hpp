#pragma once
// The steps of the CityFlow import, one file each: the two readers (roadnet.json, flow.json), the
// network, the light phases, the departures. The steps it shares with the SUMO import are in io/import/.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "io/import/import_steps.hpp"
#include "itsc/cityflow.hpp"

namespace itsc::detail {

struct CfPoint {
  double x = 0;
  double y = 0;
};

struct CfLane {
  double width_m = 0;
  double max_speed_mps = 0;
};

struct CfRoad {
  std::string id;
  std::string from;  ///< startIntersection
  std::string to;    ///< endIntersection
  std::vector<CfPoint> points;
  std::vector<CfLane> lanes;
  std::string path;  ///< "roads[4]", for messages
};

struct CfLaneLink {
  std::size_t from_lane = 0;  ///< startLaneIndex
  std::size_t to_lane = 0;    ///< endLaneIndex
};

struct CfRoadLink {
  TurnType turn = TurnType::through;  ///< from `type`: go_straight, turn_left, turn_right
  std::string from_road;
  std::string to_road;
  std::vector<CfLaneLink> lane_links;
};

struct CfPhase {
  double time_s = 0;
  std::vector<std::size_t> road_links;  ///< availableRoadLinks: indices into the intersection's roadLinks
};

struct CfIntersection {
  std::string id;
  CfPoint point;
  bool is_virtual = false;              ///< at the edge of the network: vehicles enter and leave here
  std::vector<CfRoadLink> road_links;   ///< empty for virtual intersections (not read there)
  std::vector<CfPhase> phases;          ///< trafficLight.lightphases; empty without a traffic light
  std::string path;                     ///< "intersections[2]"
};

struct CfRoadnet {
  std::string file;
  std::vector<CfIntersection> intersections;
  std::vector<CfRoad> roads;
  std::size_t virtual_road_links = 0;   ///< road links of virtual intersections, not read
};

/// One entry of flow.json: a vehicle every `interval_s` from `start_s` while not past `end_s`.
struct CfFlow {
  std::vector<std::size_t> route;  ///< indices into CfRoadnet::roads
  double interval_s = 0;
  double start_s = 0;
  std::optional<double> end_s;     ///< none: CityFlow's endTime -1, no end
  std::string path;                ///< "[12]"
};

/// Reads roadnet.json and checks its references (roads' intersections, road links' roads and lanes, light
/// phases' road links). Throws `Error` with the file and JSON path of every problem.
[[nodiscard]] CfRoadnet read_cityflow_roadnet(const SourceText& source);

/// Reads flow.json; every route must run over roads of `roadnet` that road links of real intersections
/// join. Throws `Error` with the file and JSON path of every problem.
[[nodiscard]] std::vector<CfFlow> read_cityflow_flows(const SourceText& source, const CfRoadnet& roadnet);

/// How the CityFlow import's report names CityFlow's elements.
[[nodiscard]] const ImportTerms& cityflow_terms();

/// The scenario's network: a node per intersection that a road touches (virtual: boundary; with light
/// phases: signalized; else uncontrolled), a link per road, legs with bearings from the roads' points,
/// a movement per road link of a real intersection, lane groups from the lane links at signalized nodes.
void build_cityflow_network(const CfRoadnet& roadnet, Network& network, std::vector<std::string>& report);

/// A stage plan per signalized node from its light phases (cycling from phase 0 at t = 0); nodes whose
/// phases give no green become uncontrolled (reported).
void import_light_phases(const CfRoadnet& roadnet, Scenario& scenario, std::vector<std::string>& report);

/// The departures of the flows before `end_s` (when given), each with its route as links of `network`;
/// vehicles whose route uses a road the clean-up dropped are skipped and reported. Throws `Error` when a
/// flow without an end meets no `end_s`, or the flows expand to too many vehicles.
[[nodiscard]] std::vector<ImportTrip> cityflow_trips(const std::vector<CfFlow>& flows, const CfRoadnet& roadnet,
                                                     const Network& network, std::optional<double> end_s,
                                                     const std::string& flow_file, std::vector<std::string>& report);

}  // namespace itsc::detail

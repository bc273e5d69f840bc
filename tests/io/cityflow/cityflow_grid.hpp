#pragma once
// Hand-made CityFlow datasets in CityFlow's own layout and naming (the Jinan and Hangzhou grids'): real
// intersections intersection_X_Y for X = 1..columns, Y = 1..rows, 300 m apart, ringed by virtual ones;
// road_X_Y_D leaves intersection_X_Y heading D (0 east, 1 north, 2 west, 3 south) with three lanes
// (0 left, 1 straight, 2 right). Each real intersection has a road link per inbound road and turn, in
// the order of `road_link_index`, and the eight light phases of `kPhases`. The tests derive what the
// import must give from these tables.

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "itsc/cityflow.hpp"

namespace itsc::test {

using nlohmann::json;

inline constexpr double kSpacing_m = 300;
inline constexpr double kLaneWidth_m = 3.5;
inline constexpr double kMaxSpeed_mps = 11.111;

enum class Turn { left, straight, right };
inline constexpr std::array<Turn, 3> kTurns{Turn::left, Turn::straight, Turn::right};

inline const char* type_of(Turn turn) {
  switch (turn) {
    case Turn::left: return "turn_left";
    case Turn::straight: return "go_straight";
    default: return "turn_right";
  }
}

/// Heading after a turn: left is counter-clockwise (east -> north).
inline int heading_after(int heading, Turn turn) {
  return turn == Turn::straight ? heading : turn == Turn::left ? (heading + 1) % 4 : (heading + 3) % 4;
}

inline constexpr std::array<int, 4> kDx{1, 0, -1, 0};
inline constexpr std::array<int, 4> kDy{0, 1, 0, -1};

inline std::string intersection_id(int x, int y) { return "intersection_" + std::to_string(x) + "_" + std::to_string(y); }
inline std::string road_id(int x, int y, int heading) {
  return "road_" + std::to_string(x) + "_" + std::to_string(y) + "_" + std::to_string(heading);
}
/// The road arriving at (x, y) heading `heading`.
inline std::string road_into(int x, int y, int heading) { return road_id(x - kDx[heading], y - kDy[heading], heading); }
/// Road links are listed by the heading of the inbound road, then by turn.
inline std::size_t road_link_index(int inbound_heading, Turn turn) {
  return static_cast<std::size_t>(inbound_heading) * 3 + static_cast<std::size_t>(turn);
}

/// A light phase: how long, and which inbound headings get which turns (right turns: always, as CityFlow's
/// datasets have it).
struct PhaseSpec {
  double time_s;
  std::vector<int> headings;  ///< inbound headings that go
  std::vector<Turn> turns;    ///< the turns they make (empty: a change interval)
};

/// Phase 0 the change interval at t = 0, then east-west through, north-south through, east-west lefts,
/// north-south lefts, each followed by a change interval but the last (phase 0 follows it).
inline const std::vector<PhaseSpec> kPhases{
    {3, {}, {}},        {30, {0, 2}, {Turn::straight}}, {3, {}, {}}, {30, {1, 3}, {Turn::straight}},
    {3, {}, {}},        {15, {0, 2}, {Turn::left}},     {3, {}, {}}, {15, {1, 3}, {Turn::left}}};

struct Grid {
  int columns = 1;
  int rows = 1;
  [[nodiscard]] bool real(int x, int y) const { return x >= 1 && x <= columns && y >= 1 && y <= rows; }
  [[nodiscard]] bool exists(int x, int y) const {
    const bool corner = (x < 1 || x > columns) && (y < 1 || y > rows);
    return x >= 0 && x <= columns + 1 && y >= 0 && y <= rows + 1 && !corner;
  }
};

inline json point(int x, int y) { return {{"x", x * kSpacing_m}, {"y", y * kSpacing_m}}; }

inline json roadnet(const Grid& grid) {
  json roads = json::array();
  json intersections = json::array();
  for (int y = 0; y <= grid.rows + 1; ++y) {
    for (int x = 0; x <= grid.columns + 1; ++x) {
      if (!grid.exists(x, y)) continue;
      for (int heading = 0; heading < 4; ++heading) {
        const int nx = x + kDx[heading];
        const int ny = y + kDy[heading];
        if (!grid.exists(nx, ny) || !(grid.real(x, y) || grid.real(nx, ny))) continue;
        json lanes = json::array();
        for (int lane = 0; lane < 3; ++lane) lanes.push_back({{"width", kLaneWidth_m}, {"maxSpeed", kMaxSpeed_mps}});
        roads.push_back({{"id", road_id(x, y, heading)},
                         {"startIntersection", intersection_id(x, y)},
                         {"endIntersection", intersection_id(nx, ny)},
                         {"points", {point(x, y), point(nx, ny)}},
                         {"lanes", lanes}});
      }
      json node{{"id", intersection_id(x, y)}, {"point", point(x, y)}, {"width", 0}, {"virtual", !grid.real(x, y)}};
      json links = json::array();
      if (grid.real(x, y)) {
        for (int heading = 0; heading < 4; ++heading) {
          for (const Turn turn : kTurns) {
            const auto lane = static_cast<int>(turn);
            links.push_back({{"type", type_of(turn)},
                             {"startRoad", road_into(x, y, heading)},
                             {"endRoad", road_id(x, y, heading_after(heading, turn))},
                             {"direction", heading},
                             {"laneLinks", {{{"startLaneIndex", lane}, {"endLaneIndex", lane}, {"points", json::array()}}}}});
          }
        }
        json phases = json::array();
        for (const PhaseSpec& spec : kPhases) {
          json available = json::array();
          for (int heading = 0; heading < 4; ++heading) available.push_back(road_link_index(heading, Turn::right));
          for (const int heading : spec.headings) {
            for (const Turn turn : spec.turns) available.push_back(road_link_index(heading, turn));
          }
          phases.push_back({{"time", spec.time_s}, {"availableRoadLinks", available}});
        }
        node["trafficLight"] = {{"roadLinkIndices", json::array()}, {"lightphases", phases}};
      }
      node["roadLinks"] = links;
      intersections.push_back(node);
    }
  }
  return {{"intersections", intersections}, {"roads", roads}};
}

/// A flow entry as CityFlow writes it (vehicle parameters included, though the import does not use them).
inline json flow(const std::vector<std::string>& route, double interval_s, double start_s, double end_s) {
  const json vehicle{{"length", 5.0},       {"width", 2.0},       {"maxPosAcc", 2.0}, {"maxNegAcc", 4.5},
                     {"usualPosAcc", 2.0},  {"usualNegAcc", 4.5}, {"minGap", 2.5},    {"maxSpeed", kMaxSpeed_mps},
                     {"headwayTime", 1.5}};
  return {{"vehicle", vehicle}, {"route", route}, {"interval", interval_s}, {"startTime", start_s}, {"endTime", end_s}};
}

/// The import of the datasets given as JSON values (roadnet.json, flow.json).
inline CityFlowImport import_json(const json& roadnet, const json& flows, const CityFlowImportOptions& options = {}) {
  return import_cityflow(SourceText{"roadnet.json", roadnet.dump(2)}, SourceText{"flow.json", flows.dump(2)}, options);
}

/// The movement id of `turn` from the road arriving at (x, y) heading `heading`.
inline std::string movement_id(int x, int y, int heading, Turn turn) {
  return road_into(x, y, heading) + "->" + road_id(x, y, heading_after(heading, turn));
}

}  // namespace itsc::test

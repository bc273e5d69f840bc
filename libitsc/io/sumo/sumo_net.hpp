#pragma once
// A SUMO network as read from its .net.xml: the parts the import uses, in SUMO's own terms.

#include <string>
#include <utility>
#include <vector>

#include "itsc/sumo.hpp"

namespace itsc::detail {

/// Where an element starts in its file (at its '<'): for messages about it and what came of it.
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;
  /// "FILE:LINE", as report lines name elements.
  [[nodiscard]] std::string where() const { return file + ":" + std::to_string(line); }
};

struct SumoLane {
  std::string id;
  int index = 0;           ///< 0 = rightmost
  double speed_mps = 0;
  double length_m = 0;
  std::vector<std::pair<double, double>> shape;  ///< x, y in metres
  bool allows_cars = true; ///< passenger cars may use it (allow/disallow)
};

struct SumoEdge {
  std::string id;
  std::string from;        ///< junction id
  std::string to;
  std::string function;    ///< "" (normal), internal, crossing, walkingarea, connector
  std::vector<SumoLane> lanes;
  SourcePosition at;
};

struct SumoJunction {
  std::string id;
  std::string type;        ///< traffic_light, priority, dead_end, ...
  double x_m = 0;
  double y_m = 0;
  std::vector<std::string> internal_lanes;  ///< `intLanes`: the lane each request row (link) starts on
  /// `<request foes>` by index: character size - 1 - j is '1' when link j is a foe of this one.
  std::vector<std::string> foes;
  SourcePosition at;
};

struct SumoConnection {
  std::string from;        ///< edge ids
  std::string to;
  int from_lane = 0;
  int to_lane = 0;
  std::string tl;          ///< traffic light id, "" if none
  int link_index = -1;
  char dir = 's';          ///< s, t, l, L, r, R, ...
  double crossing_m = 0;   ///< length of its path through the junction (the internal lanes `via`), 0 without
  int request = -1;        ///< its row of the junction's request table (its `via` in `intLanes`), -1 without
  SourcePosition at;
};

struct SumoPhase {
  double duration_s = 0;
  std::string state;
};

struct SumoProgram {
  std::string id;
  std::string type;        ///< static, actuated, delay_based, NEMA, ...
  std::string program_id;
  double offset_s = 0;
  std::vector<SumoPhase> phases;
  SourcePosition at;       ///< in the net or the additional file it was loaded from
};

struct SumoNet {
  std::vector<SumoEdge> edges;
  std::vector<SumoJunction> junctions;
  std::vector<SumoConnection> connections;  ///< between normal edges only
  std::vector<SumoProgram> programs;        ///< per traffic light, the program SUMO would run
};

/// Reads a .net.xml (root <net>). Throws `Error` with FILE:LINE:COL for malformed XML, a wrong root,
/// missing or bad attributes and dangling references (edge -> junction, connection -> edge or
/// traffic light, link index beyond the program's states). `report` gets the elements skipped.
[[nodiscard]] SumoNet read_sumo_net(const SumoSource& source, std::vector<std::string>& report);

/// Reads an additional file (root <additional>): each of its <tlLogic> replaces the program of `net`
/// with its id, as SUMO runs the last program loaded. Throws `Error` with FILE:LINE:COL for malformed
/// XML, programs of traffic lights the net does not have and programs with another number of signals
/// (the net's connections address them by link index). `report` gets the replacements.
void read_sumo_additional(const SumoSource& source, SumoNet& net, std::vector<std::string>& report);

}  // namespace itsc::detail

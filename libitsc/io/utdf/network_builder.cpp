// UTDF [Nodes], [Links] and [Lanes] -> nodes, links, legs, movements and lane groups. Ids: INTID -> node,
// "UP-DOWN" -> link, movement column -> movement.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "io/utdf/utdf_parts.hpp"
#include "util/format_number.hpp"

namespace itsc::detail::utdf {

namespace {

constexpr double kBearingToleranceDeg = 22.5;  // a destination within half a compass sector of the turn

std::string side_name(double bearing_deg) {
  static constexpr std::string_view kNames[] = {"north", "northeast", "east", "southeast",
                                                "south", "southwest", "west", "northwest"};
  return std::string(kNames[nearest_direction(bearing_deg)]);
}

double angle_between(double a, double b) {
  const double d = std::fmod(std::fabs(a - b), 360.0);
  return d > 180 ? 360 - d : d;
}

// A link as [Links] gives it at its downstream node.
struct LinkRow {
  std::string from;
  std::string to;
  std::size_t direction = 0;  // of travel arriving at `to`
  std::optional<double> length;
  std::optional<double> speed;
  std::optional<int> lanes;
  int line = 0;
};

NodeControl control_of(int type, bool has_timing, const std::string& id, std::vector<std::string>& report) {
  if (type == 1) return NodeControl::boundary;
  if (type == 0 && has_timing) return NodeControl::signalized;
  if (type == 0) report.push_back("node " + id + ": a signal without [Phases] data: imported uncontrolled");
  if (type == 3) report.push_back("node " + id + ": unsignalized (stop or yield control): imported uncontrolled");
  if (type == 4) report.push_back("node " + id + ": roundabout: imported uncontrolled");
  return NodeControl::uncontrolled;
}

void read_nodes(const Tables& tables, const FileUnits& units, const std::vector<std::string>& signalized, Scenario& scenario,
                Problems& problems, std::vector<std::string>& report) {
  const Section* section = tables.find("Nodes");
  if (!section) {
    problems.add(0, "no [Nodes] section");
    return;
  }
  const auto id_col = section->column("INTID");
  const auto type_col = section->column("TYPE");
  if (!id_col || !type_col) {
    problems.add(section->line, "[Nodes]: the header must name INTID and TYPE");
    return;
  }
  const auto x_col = section->column("X");
  const auto y_col = section->column("Y");
  std::set<std::string> seen;
  for (const Row& row : section->rows) {
    const std::string& id = row.cells[*id_col];
    const auto cell = [&](std::optional<std::size_t> column, std::string_view name) -> std::optional<double> {
      if (!column || row.cells[*column].empty()) return std::nullopt;
      const auto value = parse_number(row.cells[*column]);
      if (!value) problems.add(row.line, "[Nodes] INTID " + id + ", column " + std::string(name) + ": not a number '" + row.cells[*column] + "'");
      return value;
    };
    if (id.empty()) {
      problems.add(row.line, "[Nodes]: no INTID");
      continue;
    }
    if (!seen.insert(id).second) {
      problems.add(row.line, "[Nodes] INTID " + id + ": a second row for this node");
      continue;
    }
    const auto type = cell(type_col, "TYPE");
    if (!type) {
      if (row.cells[*type_col].empty()) problems.add(row.line, "[Nodes] INTID " + id + ", column TYPE: missing");
      continue;
    }
    if (*type != std::floor(*type) || *type < 0 || *type > 4) {
      problems.add(row.line, "[Nodes] INTID " + id + ", column TYPE: must be 0 (signal), 1 (external), 2 (bend), 3 (unsignalized) or 4 (roundabout), got '" + row.cells[*type_col] + "'");
      continue;
    }
    Node node;
    node.id = id;
    const bool has_timing = std::find(signalized.begin(), signalized.end(), id) != signalized.end();
    node.control = control_of(static_cast<int>(*type), has_timing, id, report);
    if (const auto x = cell(x_col, "X")) node.x_m = units.metres(*x);
    if (const auto y = cell(y_col, "Y")) node.y_m = units.metres(*y);
    scenario.network.nodes.push_back(std::move(node));
  }
}

std::vector<LinkRow> read_links(const Tables& tables, const FileUnits& units, const Scenario& scenario, Problems& problems) {
  std::vector<LinkRow> out;
  const Records links(tables.find("Links"), problems);
  if (links.empty()) {
    problems.add(0, "no [Links] section");
    return out;
  }
  for (const std::string& intid : links.intids()) {
    if (!scenario.network.find_node(intid)) {
      links.problem(intid, "Up ID", "", "no such node in [Nodes]");
      continue;
    }
    for (std::size_t d = 0; d < std::size(kDirections); ++d) {
      const std::string column(kDirections[d]);
      const std::string up = links.text(intid, "Up ID", column);
      if (up.empty() || up == "0") continue;
      if (!scenario.network.find_node(up)) {
        links.problem(intid, "Up ID", column, "no node '" + up + "' in [Nodes]");
        continue;
      }
      LinkRow row{up, intid, d, links.number(intid, "Distance", column), links.number(intid, "Speed", column),
                  links.integer(intid, "Lanes", column), links.line(intid, "Up ID")};
      if (links.text(intid, "Distance", column).empty()) {
        links.problem(intid, "Distance", column, "missing");
      } else if (row.length && *row.length <= 0) {
        links.problem(intid, "Distance", column, "must be positive");
      }
      if (row.speed && *row.speed <= 0) links.problem(intid, "Speed", column, "must be positive");
      if (row.lanes && *row.lanes < 0) links.problem(intid, "Lanes", column, "must not be negative");
      if (row.length) row.length = units.metres(*row.length);
      if (row.speed) row.speed = units.kmh(*row.speed);
      out.push_back(row);
    }
  }
  return out;
}

Link make_link(const LinkRow& row, std::vector<std::string>& report) {
  Link link;
  link.id = link_id(row.from, row.to);
  link.from = row.from;
  link.to = row.to;
  link.length_m = row.length.value_or(0);
  if (row.speed) link.speed_kmh = *row.speed;
  if (!row.speed) report.push_back("link " + link.id + ": no Speed, " + format_number(link.speed_kmh) + " km/h");
  if (row.lanes && *row.lanes > 0) link.lanes = *row.lanes;
  return link;
}

// One approach of a node as [Lanes] describes it: its columns' values.
struct ApproachLanes {
  std::string node;
  std::size_t direction = 0;
  const Link* link = nullptr;
  std::map<std::size_t, std::string> movements;  // turn -> movement id, for the movements that exist
};

// The link from `node` leaving in `bearing_deg` (the nearest within tolerance), or nullptr.
const Link* exit_link(const Network& network, const std::string& node, double bearing_deg,
                      const std::map<std::string, double>& bearings) {
  const Link* best = nullptr;
  double best_angle = kBearingToleranceDeg + 1e-9;
  for (const Link& link : network.links) {
    if (link.from != node) continue;
    const auto bearing = bearings.find(link.id);
    if (bearing == bearings.end()) continue;
    const double angle = angle_between(bearing->second, bearing_deg);
    if (angle < best_angle) {
      best_angle = angle;
      best = &link;
    }
  }
  return best;
}

}  // namespace

void build_network(const Tables& tables, const FileUnits& units, const std::vector<std::string>& signalized,
                   Scenario& scenario, Problems& problems, std::vector<std::string>& report) {
  Network& network = scenario.network;
  read_nodes(tables, units, signalized, scenario, problems, report);
  const std::vector<LinkRow> rows = read_links(tables, units, scenario, problems);
  problems.throw_if_any();

  // Links; bearings of travel away from each link's upstream node (the direction it leaves in is the
  // opposite of the one its reverse arrives in, or its own arrival direction when the street is straight).
  std::map<std::string, double> leaving_bearing;   // link id -> bearing of travel leaving `from`
  std::map<std::string, double> arriving_bearing;  // link id -> bearing of travel arriving at `to`
  for (const LinkRow& row : rows) {
    network.links.push_back(make_link(row, report));
    arriving_bearing[network.links.back().id] = travel_bearing(row.direction);
  }
  // Links that [Links] lists only one way (toward an external node without a row of its own): the reverse
  // of the other, as the way out of the network.
  for (const LinkRow& row : rows) {
    const std::string reverse = link_id(row.to, row.from);
    if (!network.find_link(reverse) && network.find_node(row.from)->control == NodeControl::boundary) {
      LinkRow copy = row;
      std::swap(copy.from, copy.to);
      copy.direction = (row.direction + 4) % 8;
      network.links.push_back(make_link(copy, report));
      arriving_bearing[reverse] = travel_bearing(copy.direction);
      report.push_back("link " + reverse + ": not in [Links]; length, speed and lanes of " + link_id(row.from, row.to));
    }
  }
  for (const Link& link : network.links) {
    if (const auto back = arriving_bearing.find(link_id(link.to, link.from)); back != arriving_bearing.end()) {
      leaving_bearing[link.id] = std::fmod(back->second + 180, 360);
    } else {
      leaving_bearing[link.id] = arriving_bearing[link.id];
    }
  }

  // Legs: one per neighbour, named by its side.
  for (Node& node : network.nodes) {
    if (node.control == NodeControl::boundary) continue;
    std::map<std::string, Leg> legs;  // neighbour -> leg
    for (const Link& link : network.links) {
      if (link.to == node.id) {
        Leg& leg = legs[link.from];
        leg.in_link = link.id;
        leg.bearing_deg = std::fmod(arriving_bearing[link.id] + 180, 360);
      }
    }
    for (const Link& link : network.links) {
      if (link.from == node.id) {
        Leg& leg = legs[link.to];
        leg.out_link = link.id;
        if (!leg.bearing_deg) leg.bearing_deg = leaving_bearing[link.id];
      }
    }
    std::set<std::string> names;
    for (auto& [neighbour, leg] : legs) {
      leg.id = side_name(*leg.bearing_deg);
      if (!names.insert(leg.id).second) leg.id += "-" + neighbour;  // two legs on one side
      node.legs.push_back(leg);
    }
  }

  // Movements and lane groups from [Lanes].
  const Records lanes(tables.find("Lanes"), problems);
  if (const Section* ignored = tables.find_any({"Volume", "Volumes"}); ignored && !ignored->record_layout()) {
    report.push_back("[" + ignored->name + "]: not in the RECORDNAME,INTID layout, ignored (volumes from [Lanes])");
  }
  const Records volumes(volume_section(tables), problems);
  if (lanes.empty()) problems.add(0, "no [Lanes] section");
  problems.throw_if_any();
  for (const std::string& intid : lanes.intids()) {
    if (!network.find_node(intid)) lanes.problem(intid, "Lanes", "", "no such node in [Nodes]");
  }
  for (const std::string& column : lanes.section()->data_columns()) {
    if (!parse_movement_column(column)) report.push_back("[Lanes] column " + column + ": not a movement column, ignored");
  }
  for (Node& node : network.nodes) {
    if (node.control == NodeControl::boundary) continue;
    const std::string& intid = node.id;
    std::map<std::size_t, ApproachLanes> approaches;  // direction -> approach
    for (const std::string& column : lanes.section()->data_columns()) {
      const auto parsed = parse_movement_column(column);
      if (!parsed) continue;
      const auto count = lanes.integer(intid, "Lanes", column);
      const auto volume = volumes.number(intid, "Volume", column);
      const std::string dest = lanes.text(intid, "Dest Node", column);
      const std::string phase = lanes.text(intid, "Phase1", column);
      const std::string shared = lanes.text(intid, "Shared", column);
      const bool listed = lanes.row(intid, "Dest Node") ? !dest.empty() && dest != "0"
                                                        : (count.value_or(0) > 0 || volume.value_or(0) > 0 ||
                                                           (!phase.empty() && phase != "0"));
      if (!listed) continue;
      const Link* from = nullptr;
      for (const Link& link : network.links) {
        if (link.to == intid && arriving_bearing[link.id] == travel_bearing(parsed->direction)) from = &link;
      }
      if (!from) {
        lanes.problem(intid, "Lanes", column, "no link arrives heading " + std::string(kDirections[parsed->direction]) + " in [Links]");
        continue;
      }
      const Link* to = nullptr;
      if (!dest.empty() && dest != "0") {
        to = network.find_link(link_id(intid, dest));
        if (!to) lanes.problem(intid, "Dest Node", column, "no link from " + intid + " to " + dest + " in [Links]");
      } else {
        to = exit_link(network, intid, exit_bearing(parsed->direction, parsed->turn), leaving_bearing);
        if (!to) {
          report.push_back("node " + intid + " " + column + ": no link leaves toward it, not imported");
          continue;
        }
      }
      if (!to) continue;
      Movement movement;
      movement.id = column;
      movement.from_link = from->id;
      movement.to_link = to->id;
      movement.turn = turn_type(parsed->turn);
      if (node.control == NodeControl::signalized && movement.turn == TurnType::right) {
        movement.right_turn_on_red = lanes.integer(intid, "Allow RTOR", column).value_or(0) == 1;
      }
      node.movements.push_back(movement);
      ApproachLanes& approach = approaches[parsed->direction];
      approach.node = intid;
      approach.direction = parsed->direction;
      approach.link = from;
      approach.movements[parsed->turn] = column;
    }
    // Lane groups: a column with lanes is a group; its Shared code (1 left, 2 right, 3 both) adds the
    // neighbouring movements without lanes of their own on that side.
    for (auto& [direction, approach] : approaches) {
      std::set<std::size_t> grouped;
      std::vector<LaneGroup> groups;
      for (const auto& [turn, id] : approach.movements) {
        const int count = lanes.integer(intid, "Lanes", id).value_or(0);
        if (count <= 0) continue;
        LaneGroup group;
        group.id = id;
        group.link = approach.link->id;
        group.lanes = count;
        group.movements.push_back(id);
        grouped.insert(turn);
        const int shared = lanes.integer(intid, "Shared", id).value_or(0);
        if (shared < 0 || shared > 3) lanes.problem(intid, "Shared", id, "must be 0, 1 (left), 2 (right) or 3 (both)");
        // Named copies: lambdas may not capture structured bindings before clang 16.
        const std::size_t own_turn = turn;
        const std::map<std::size_t, std::string>& columns = approach.movements;
        const auto share_side = [&](int step) {
          for (int t = static_cast<int>(own_turn) + step; t >= 0 && t < static_cast<int>(std::size(kTurnSuffixes)); t += step) {
            const auto other = columns.find(static_cast<std::size_t>(t));
            if (other == columns.end()) continue;
            if (lanes.integer(intid, "Lanes", other->second).value_or(0) > 0) break;
            group.movements.push_back(other->second);
            grouped.insert(other->first);
          }
        };
        if (shared == 1 || shared == 3) share_side(-1);
        if (shared == 2 || shared == 3) share_side(+1);
        if (turn != 3) {
          if (const auto storage = lanes.number(intid, "Storage", id); storage && *storage > 0) group.bay_length_m = units.metres(*storage);
        }
        if (const auto width = lanes.number(intid, "Width", id); width && *width > 0) group.lane_width_m = units.metres(*width);
        groups.push_back(std::move(group));
      }
      // Movements left without lanes join the through group (else the nearest), as Synchro assigns
      // a movement without lanes of its own to its neighbour's.
      for (const auto& [turn, id] : approach.movements) {
        if (grouped.count(turn)) continue;
        LaneGroup* nearest = nullptr;
        std::size_t best = 99;
        for (LaneGroup& group : groups) {
          const std::size_t other = parse_movement_column(group.id)->turn;
          const std::size_t distance = other == 3 ? 0 : (other > turn ? other - turn : turn - other);
          if (distance < best) {
            best = distance;
            nearest = &group;
          }
        }
        if (!nearest) {
          lanes.problem(intid, "Lanes", id, "no lanes on the " + std::string(kDirections[direction]) + " approach");
          continue;
        }
        nearest->movements.push_back(id);
        report.push_back("node " + intid + " " + id + ": no lanes and no Shared flag for it; served by lane group " + nearest->id);
      }
      // A link carries its lanes past the bays; without a Lanes value in [Links], the groups' full lanes.
      int full_lanes = 0;
      for (const LaneGroup& group : groups) full_lanes += group.bay_length_m > 0 ? 0 : group.lanes;
      Link& link = network.links[*network.link_index(approach.link->id)];
      const LinkRow* row = nullptr;
      for (const LinkRow& candidate : rows) {
        if (link_id(candidate.from, candidate.to) == link.id) row = &candidate;
      }
      if ((!row || !row->lanes) && full_lanes > 0) link.lanes = full_lanes;
      for (LaneGroup& group : groups) node.lane_groups.push_back(std::move(group));
    }
  }
  problems.throw_if_any();
}

}  // namespace itsc::detail::utdf

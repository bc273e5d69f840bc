// .net.xml -> SumoNet: edges with their lanes, junctions, connections between normal edges, and the
// traffic-light programs, with every dangling reference reported at its line.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "io/sumo/sumo_net.hpp"
#include "io/sumo/xml_reader.hpp"

namespace itsc::detail {

namespace {

// "x,y x,y ..." (a third coordinate, if any, is ignored); empty when malformed.
std::vector<std::pair<double, double>> parse_shape(std::string_view text) {
  std::vector<std::pair<double, double>> points;
  std::istringstream words{std::string(text)};
  std::string word;
  while (words >> word) {
    const auto comma = word.find(',');
    if (comma == std::string::npos) return {};
    const auto second_comma = word.find(',', comma + 1);
    const auto x = parse_number(std::string_view(word).substr(0, comma));
    const auto y = parse_number(std::string_view(word).substr(comma + 1, second_comma == std::string::npos
                                                                             ? std::string::npos
                                                                             : second_comma - comma - 1));
    if (!x || !y) return {};
    points.emplace_back(*x, *y);
  }
  return points;
}

bool lists_class(std::string_view classes, std::string_view wanted) {
  std::istringstream words{std::string(classes)};
  std::string word;
  while (words >> word) {
    if (word == wanted || word == "all") return true;
  }
  return false;
}

// Whether passenger cars may use a lane with these allow/disallow lists.
bool allows_cars(pugi::xml_node lane) {
  const pugi::xml_attribute allow = lane.attribute("allow");
  const pugi::xml_attribute disallow = lane.attribute("disallow");
  if (allow) return lists_class(allow.value(), "passenger");
  if (disallow) return !lists_class(disallow.value(), "passenger");
  return true;
}

SumoEdge read_edge(XmlReader& xml, pugi::xml_node element) {
  SumoEdge edge;
  edge.id = xml.text(element, "id");
  edge.function = XmlReader::optional_text(element, "function");
  edge.at = xml.position(element);
  if (edge.function == "internal" || edge.function == "crossing" || edge.function == "walkingarea") return edge;
  edge.from = xml.text(element, "from");
  edge.to = xml.text(element, "to");
  for (pugi::xml_node lane_element : element.children("lane")) {
    SumoLane lane;
    lane.id = xml.text(lane_element, "id");
    lane.index = xml.integer(lane_element, "index", static_cast<int>(edge.lanes.size()));
    lane.speed_mps = xml.number(lane_element, "speed");
    lane.length_m = xml.number(lane_element, "length");
    lane.shape = parse_shape(XmlReader::optional_text(lane_element, "shape"));
    lane.allows_cars = allows_cars(lane_element);
    if (!(lane.speed_mps > 0)) xml.error(lane_element, "lane '" + lane.id + "': speed must be positive");
    if (!(lane.length_m > 0)) xml.error(lane_element, "lane '" + lane.id + "': length must be positive");
    edge.lanes.push_back(std::move(lane));
  }
  if (edge.lanes.empty()) xml.error(element, "edge '" + edge.id + "' has no <lane>");
  return edge;
}

SumoProgram read_program(XmlReader& xml, pugi::xml_node element) {
  SumoProgram program;
  program.id = xml.text(element, "id");
  program.type = XmlReader::optional_text(element, "type");
  if (program.type.empty()) program.type = "static";
  program.program_id = XmlReader::optional_text(element, "programID");
  program.offset_s = xml.number(element, "offset", 0);
  program.at = xml.position(element);
  for (pugi::xml_node phase_element : element.children("phase")) {
    SumoPhase phase{xml.number(phase_element, "duration"), xml.text(phase_element, "state")};
    if (!(phase.duration_s > 0)) xml.error(phase_element, "phase duration must be positive");
    if (!program.phases.empty() && phase.state.size() != program.phases.front().state.size()) {
      xml.error(phase_element, "phase state has " + std::to_string(phase.state.size()) + " signals, the first phase " +
                                   std::to_string(program.phases.front().state.size()));
    }
    program.phases.push_back(std::move(phase));
  }
  if (program.phases.empty()) xml.error(element, "tlLogic '" + program.id + "' has no <phase>");
  return program;
}

// A junction's internal lanes and the foes of each link (its right-of-way logic, `<request>`).
void read_requests(XmlReader& xml, pugi::xml_node element, SumoJunction& junction) {
  std::istringstream lanes(XmlReader::optional_text(element, "intLanes"));
  for (std::string lane; lanes >> lane;) junction.internal_lanes.push_back(lane);
  std::vector<std::string> foes;
  for (pugi::xml_node request : element.children("request")) {
    const int index = xml.integer(request, "index", -1);
    const std::string bits = XmlReader::optional_text(request, "foes");
    if (index < 0 || bits.find_first_not_of("01") != std::string::npos) {
      xml.error(request, "junction '" + junction.id + "': a request needs an index of at least 0 and foes of 0s and 1s");
      continue;
    }
    if (static_cast<std::size_t>(index) >= foes.size()) foes.resize(static_cast<std::size_t>(index) + 1);
    foes[static_cast<std::size_t>(index)] = bits;
  }
  // Only a complete table means anything: a row per link, a bit per link in each.
  const bool complete = !foes.empty() && std::all_of(foes.begin(), foes.end(), [&](const std::string& row) {
    return row.size() == foes.size();
  });
  if (complete) junction.foes = std::move(foes);
}

}  // namespace

SumoNet read_sumo_net(const SumoSource& source, std::vector<std::string>& report) {
  XmlReader xml(source, "net");
  SumoNet net;
  std::map<std::string, std::size_t, std::less<>> edge_index;
  std::set<std::string, std::less<>> pedestrian_edges;  // crossings and walking areas
  std::map<std::string, std::size_t, std::less<>> program_index;
  std::set<std::string, std::less<>> junctions;
  std::map<std::string, double, std::less<>> internal_lane_length;  // internal lane id -> length
  std::size_t skipped_pedestrian = 0;

  for (pugi::xml_node element : xml.root().children()) {
    const std::string_view name = element.name();
    if (name == "edge") {
      SumoEdge edge = read_edge(xml, element);
      if (edge.function == "internal") {
        for (pugi::xml_node lane : element.children("lane")) {
          internal_lane_length[XmlReader::optional_text(lane, "id")] = xml.number(lane, "length", 0);
        }
        continue;
      }
      if (edge.function == "crossing" || edge.function == "walkingarea") {
        ++skipped_pedestrian;
        pedestrian_edges.insert(edge.id);
        continue;
      }
      if (!edge_index.emplace(edge.id, net.edges.size()).second) xml.error(element, "duplicate edge id '" + edge.id + "'");
      net.edges.push_back(std::move(edge));
    } else if (name == "junction") {
      SumoJunction junction{xml.text(element, "id"), XmlReader::optional_text(element, "type"),
                            xml.number(element, "x"), xml.number(element, "y"), {}, {}, xml.position(element)};
      if (junction.type == "internal") continue;
      if (!junctions.insert(junction.id).second) xml.error(element, "duplicate junction id '" + junction.id + "'");
      read_requests(xml, element, junction);
      net.junctions.push_back(std::move(junction));
    } else if (name == "tlLogic") {
      SumoProgram program = read_program(xml, element);
      if (!program_index.emplace(program.id, net.programs.size()).second) {
        report.push_back(program.at.where() + ": traffic light '" + program.id + "': program '" + program.program_id +
                         "' skipped (only the first program of a traffic light is imported)");
        continue;
      }
      net.programs.push_back(std::move(program));
    }
  }
  if (skipped_pedestrian > 0) {
    report.push_back(source.name + ": " + std::to_string(skipped_pedestrian) +
                     " pedestrian crossings and walking areas skipped (pedestrians are not simulated)");
  }

  // Edges -> junctions.
  std::size_t edge_position = 0;
  for (pugi::xml_node element : xml.root().children("edge")) {
    const std::string function = XmlReader::optional_text(element, "function");
    if (function == "internal" || function == "crossing" || function == "walkingarea") continue;
    if (edge_position >= net.edges.size()) break;
    const SumoEdge& edge = net.edges[edge_position++];
    for (const std::string* end : {&edge.from, &edge.to}) {
      if (!end->empty() && junctions.count(*end) == 0) {
        xml.error(element, "edge '" + edge.id + "' refers to unknown junction '" + *end + "'");
      }
    }
  }

  // Internal lane -> the internal lane it continues on (a left turn's path is split at the point where
  // it waits inside the junction).
  std::map<std::string, std::string, std::less<>> internal_next;
  for (pugi::xml_node element : xml.root().children("connection")) {
    const std::string from = XmlReader::optional_text(element, "from");
    const std::string via = XmlReader::optional_text(element, "via");
    if (from.empty() || from.front() != ':' || via.empty()) continue;
    internal_next[from + "_" + std::to_string(xml.integer(element, "fromLane", 0))] = via;
  }
  // The length of the path through the junction that starts on internal lane `lane`.
  const auto crossing_m = [&](std::string lane) {
    double length = 0;
    for (std::size_t hops = 0; !lane.empty() && hops < internal_lane_length.size(); ++hops) {
      const auto found = internal_lane_length.find(lane);
      if (found == internal_lane_length.end()) break;
      length += found->second;
      const auto next = internal_next.find(lane);
      lane = next == internal_next.end() ? std::string() : next->second;
    }
    return length;
  };

  // Internal lane -> its row of its junction's request table.
  std::map<std::string, int, std::less<>> request_of;
  for (const SumoJunction& junction : net.junctions) {
    for (std::size_t i = 0; i < junction.internal_lanes.size(); ++i) {
      request_of.emplace(junction.internal_lanes[i], static_cast<int>(i));
    }
  }

  // Connections between normal edges.
  for (pugi::xml_node element : xml.root().children("connection")) {
    const std::string from = xml.text(element, "from");
    const std::string to = xml.text(element, "to");
    if (from.empty() || to.empty() || from.front() == ':') continue;
    if (pedestrian_edges.count(from) != 0 || pedestrian_edges.count(to) != 0) continue;
    SumoConnection connection;
    connection.from = from;
    connection.to = to;
    connection.at = xml.position(element);
    connection.from_lane = xml.integer(element, "fromLane", 0);
    connection.to_lane = xml.integer(element, "toLane", 0);
    connection.tl = XmlReader::optional_text(element, "tl");
    connection.link_index = xml.integer(element, "linkIndex", -1);
    const std::string dir = XmlReader::optional_text(element, "dir");
    connection.dir = dir.empty() ? 's' : dir.front();
    const std::string via = XmlReader::optional_text(element, "via");
    connection.crossing_m = crossing_m(via);
    // A left turn's path may be split at an internal junction: its row is that of a later part.
    std::string part = via;
    for (std::size_t hops = 0; !part.empty() && hops < internal_lane_length.size() + 1; ++hops) {
      if (const auto row = request_of.find(part); row != request_of.end()) {
        connection.request = row->second;
        break;
      }
      const auto next = internal_next.find(part);
      part = next == internal_next.end() ? std::string() : next->second;
    }
    bool known = true;
    for (const std::string* edge : {&from, &to}) {
      if (edge_index.count(*edge) == 0) {
        xml.error(element, "connection refers to unknown edge '" + *edge + "'");
        known = false;
      }
    }
    if (!connection.tl.empty()) {
      const auto program = program_index.find(connection.tl);
      if (program == program_index.end()) {
        xml.error(element, "connection refers to unknown traffic light '" + connection.tl + "'");
        known = false;
      } else {
        const std::size_t states = net.programs[program->second].phases.empty()
                                       ? 0 : net.programs[program->second].phases.front().state.size();
        if (connection.link_index < 0 || static_cast<std::size_t>(connection.link_index) >= states) {
          xml.error(element, "linkIndex " + std::to_string(connection.link_index) + " is outside the " +
                                 std::to_string(states) + " signals of traffic light '" + connection.tl + "'");
          known = false;
        }
      }
    }
    if (known) net.connections.push_back(std::move(connection));
  }
  xml.throw_if_errors();
  return net;
}

void read_sumo_additional(const SumoSource& source, SumoNet& net, std::vector<std::string>& report) {
  XmlReader xml(source, "additional");
  std::size_t ignored = 0;
  for (pugi::xml_node element : xml.root().children()) {
    if (element.type() != pugi::node_element) continue;
    if (std::string_view(element.name()) != "tlLogic") {
      ++ignored;
      continue;
    }
    SumoProgram program = read_program(xml, element);
    const auto replaced = std::find_if(net.programs.begin(), net.programs.end(),
                                       [&](const SumoProgram& p) { return p.id == program.id; });
    if (replaced == net.programs.end()) {
      xml.error(element, "tlLogic for unknown traffic light '" + program.id + "' (the net has no tlLogic with this id)");
      continue;
    }
    const std::size_t signals = replaced->phases.front().state.size();
    if (!program.phases.empty() && program.phases.front().state.size() != signals) {
      xml.error(element, "tlLogic '" + program.id + "' has " + std::to_string(program.phases.front().state.size()) +
                             " signals per phase, the net's traffic light " + std::to_string(signals));
      continue;
    }
    report.push_back(program.at.where() + ": traffic light '" + program.id + "': program '" + program.program_id +
                     "' replaces program '" + replaced->program_id + "' (" + replaced->at.where() +
                     ") (SUMO runs the last one loaded)");
    *replaced = std::move(program);
  }
  xml.throw_if_errors();
  if (ignored > 0) {
    report.push_back(source.name + ": " + std::to_string(ignored) +
                     " elements other than <tlLogic> ignored (only signal programs are imported from additional files)");
  }
}

}  // namespace itsc::detail

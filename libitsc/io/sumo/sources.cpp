// Diagnostics about an imported scenario in SUMO's terms: validation numbers links and nodes by their
// place in the scenario (`links[12]`), which the user never saw; the SUMO element each came from is
// found by id (SUMO's ids are the scenario's) and named, with its position in the file.
#include <charconv>

#include "io/sumo/import_parts.hpp"

namespace itsc::detail {

namespace {

// "name[i]" with i < count at the front of `path`: i, with `path` moved past it; nullopt, `path`
// untouched, otherwise.
std::optional<std::size_t> take_index(std::string_view& path, std::string_view name, std::size_t count) {
  if (!path.starts_with(name) || path.size() <= name.size() || path[name.size()] != '[') return std::nullopt;
  const char* first = path.data() + name.size() + 1;
  const char* last = path.data() + path.size();
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(first, last, index);
  if (ec != std::errc() || end == last || *end != ']' || index >= count) return std::nullopt;
  path.remove_prefix(static_cast<std::size_t>(end - path.data()) + 1);
  return index;
}

std::string in_quotes(std::string_view id) { return "'" + std::string(id) + "'"; }

}  // namespace

SumoSources::SumoSources(const SumoNet& net) {
  for (const SumoEdge& edge : net.edges) edges_.emplace(edge.id, &edge.at);
  for (const SumoJunction& junction : net.junctions) junctions_.emplace(junction.id, &junction.at);
  for (const SumoProgram& program : net.programs) programs_.emplace(program.id, &program.at);
  // A movement is the connections of all its lanes: the first in the file stands for them.
  for (const SumoConnection& connection : net.connections) {
    connections_.emplace(std::pair{connection.from, connection.to}, &connection.at);
  }
}

const SourcePosition* SumoSources::find(const Positions& positions, std::string_view id) {
  const auto found = positions.find(id);
  return found == positions.end() ? nullptr : found->second;
}

SumoSources::Element SumoSources::node_element(std::string_view& path, const Node& node) const {
  const std::string at_junction = " at junction " + in_quotes(node.id);
  const SourcePosition* junction = find(junctions_, node.id);
  if (const auto m = take_index(path, ".movements", node.movements.size())) {
    const Movement& movement = node.movements[*m];
    const auto connection = connections_.find({movement.from_link, movement.to_link});
    return {"connection from edge " + in_quotes(movement.from_link) + " to edge " + in_quotes(movement.to_link) +
                at_junction,
            connection == connections_.end() ? junction : connection->second};
  }
  if (const auto g = take_index(path, ".lane_groups", node.lane_groups.size())) {
    const LaneGroup& group = node.lane_groups[*g];
    return {"lane group from lane " + in_quotes(group.id) + " of edge " + in_quotes(group.link) + at_junction,
            find(edges_, group.link)};
  }
  if (const auto l = take_index(path, ".legs", node.legs.size())) {
    return {"leg " + in_quotes(node.legs[*l].id) + " of junction " + in_quotes(node.id), junction};
  }
  return {"junction " + in_quotes(node.id), junction};
}

SumoSources::Element SumoSources::light_element(const Scenario& scenario, const std::string& node) const {
  for (const SumoSignal& signal : scenario.sumo.signals) {
    if (signal.node != node) continue;
    const std::string junction = signal.tls == node ? "" : " at junction " + in_quotes(node);
    return {"traffic light " + in_quotes(signal.tls) + junction, find(programs_, signal.tls)};
  }
  return {"junction " + in_quotes(node), find(junctions_, node)};
}

SumoSources::Element SumoSources::element_of(std::string_view& path, const Scenario& scenario) const {
  const Network& network = scenario.network;
  if (const auto l = take_index(path, "links", network.links.size())) {
    return {"edge " + in_quotes(network.links[*l].id), find(edges_, network.links[*l].id)};
  }
  if (const auto n = take_index(path, "nodes", network.nodes.size())) return node_element(path, network.nodes[*n]);
  if (const auto s = take_index(path, "sumo.signals", scenario.sumo.signals.size())) {
    return light_element(scenario, scenario.sumo.signals[*s].node);
  }
  if (const auto e = take_index(path, "demand.entries", scenario.demand.entries.size())) {
    const std::string& link = scenario.demand.entries[*e].link;
    return {"entry flow on edge " + in_quotes(link), find(edges_, link)};
  }
  if (const auto t = take_index(path, "demand.turns", scenario.demand.turns.size())) {
    const ApproachTurns& turns = scenario.demand.turns[*t];
    return {"turns from edge " + in_quotes(turns.link) + " at junction " + in_quotes(turns.node), find(junctions_, turns.node)};
  }
  // timing.NODE...: ids may hold dots themselves, so the longest node id followed by '.' or the end.
  constexpr std::string_view kTiming = "timing.";
  const std::string* timed = nullptr;
  for (const auto& entry : scenario.timing) {
    const std::string& id = entry.first;
    const std::size_t end = kTiming.size() + id.size();
    const bool named = path.starts_with(kTiming) && path.substr(kTiming.size()).starts_with(id) &&
                       (path.size() == end || path[end] == '.');
    if (named && (timed == nullptr || id.size() > timed->size())) timed = &id;
  }
  if (timed == nullptr) return {};
  path.remove_prefix(kTiming.size() + timed->size());
  return light_element(scenario, *timed);
}

void SumoSources::locate(Diagnostic& diagnostic, const Scenario& scenario, const std::string& fallback_file) const {
  std::string_view rest = diagnostic.path;
  const Element element = element_of(rest, scenario);
  if (element.name.empty()) {
    if (diagnostic.file.empty()) diagnostic.file = fallback_file;
    return;
  }
  if (rest.starts_with('.')) rest.remove_prefix(1);
  std::string path = rest.empty() ? element.name : element.name + ", " + std::string(rest);
  diagnostic.path = std::move(path);
  if (element.at == nullptr) {
    diagnostic.file = fallback_file;
    return;
  }
  diagnostic.file = element.at->file;
  diagnostic.line = element.at->line;
  diagnostic.column = element.at->column;
}

}  // namespace itsc::detail

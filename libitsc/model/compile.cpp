// Scenario → Model: checks what the kernel relies on and lays the network out in flat arrays.
#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>

#include "itsc/error.hpp"
#include "itsc/interval_table.hpp"
#include "itsc/model.hpp"
#include "itsc/ring_plan.hpp"
#include "model/detectors.hpp"
#include "model/routes.hpp"
#include "model/saturation.hpp"
#include "model/yielding.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::invalid_input, message); }

std::string number(double value) {
  std::ostringstream out;
  out.precision(4);
  out << value;
  return out.str();
}

std::uint32_t to_u32(std::size_t value) { return static_cast<std::uint32_t>(value); }

using IdMap = std::unordered_map<std::string, std::uint32_t>;

// Step length in tenths; a positive multiple of 0.1 s.
std::int32_t step_tenths(double dt_s) {
  const double tenths = dt_s * 10.0;
  if (!(dt_s > 0) || std::abs(tenths - std::round(tenths)) > 1e-6 || tenths > 36000.0) {
    fail("simulation: dt_s must be a positive multiple of 0.1 s, got " + number(dt_s));
  }
  return static_cast<std::int32_t>(std::lround(tenths));
}

// Cell discretization and the triangular fundamental diagram of one link.
void compile_link(Model& model, const Link& link, double dt_s, const IdMap& nodes) {
  const std::string where = "link '" + link.id + "': ";
  if (nodes.count(link.from) == 0 || nodes.count(link.to) == 0) fail(where + "unknown from/to node");
  if (!(link.length_m > 0) || link.lanes < 1 || !(link.speed_kmh > 0) ||
      !(link.saturation_flow_veh_per_h_per_lane > 0) || !(link.jam_spacing_m > 0)) {
    fail(where + "length, lanes, speed, saturation flow and jam spacing must be positive");
  }
  const double v = link.speed_kmh / 3.6;
  const auto cells = static_cast<long long>(cell_count(link.length_m, link.speed_kmh, dt_s));
  const double dx = link.length_m / static_cast<double>(cells);
  const double v_cell = dx / dt_s;
  const double q = link.lanes * link.saturation_flow_veh_per_h_per_lane / 3600.0;
  const double kj = link.lanes / link.jam_spacing_m;
  const double spare = kj - q / v_cell;
  const double w = spare > 0 ? q / spare : 0.0;
  // The CTM needs w' <= v' (the congested wave may not cross more than a cell per step).
  if (!(spare > 0) || w > v_cell) {
    fail(where + "backward wave speed w' = " + number(w) + " m/s exceeds the cell speed v' = dx/dt = " +
         number(v_cell) + " m/s (dx = " + number(dx) + " m, dt = " + number(dt_s) + " s, capacity " +
         number(q * 3600.0) + " veh/h, jam density " + number(kj * 1000.0) +
         " veh/km): the cell transmission model would be unstable; use a smaller dt, a higher speed, or a "
         "lower saturation flow");
  }
  model.link_id.push_back(link.id);
  model.link_first_cell.push_back(to_u32(model.cell_count));
  model.link_cell_count.push_back(static_cast<std::uint32_t>(cells));
  model.link_length_m.push_back(link.length_m);
  model.link_cell_length_m.push_back(dx);
  model.link_lanes.push_back(link.lanes);
  model.link_free_speed_m_per_s.push_back(v);
  model.link_capacity_veh_per_s.push_back(q);
  model.link_step_capacity_veh.push_back(q * dt_s);
  model.link_wave_ratio.push_back(w / v_cell);
  model.link_cell_jam_veh.push_back(kj * dx);
  model.link_jam_spacing_m.push_back(link.jam_spacing_m);
  model.link_free_flow_time_s.push_back(static_cast<double>(cells) * dt_s);
  const auto index = to_u32(model.link_id.size() - 1);
  model.cell_link.insert(model.cell_link.end(), static_cast<std::size_t>(cells), index);
  model.cell_count += static_cast<std::size_t>(cells);
}

// A movement before ordering.
struct DraftMovement {
  std::string id;
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  std::optional<double> saturation_per_lane;
  TurnType turn = TurnType::through;
};

// A lane group before ordering: its movements as indices into the node's draft movements.
struct DraftGroup {
  std::string id;
  std::uint32_t link = 0;
  int lanes = 1;
  double bay_length_m = 0;
  std::vector<std::size_t> movements;
};

std::vector<DraftMovement> node_movements(const Node& node, const Scenario& scenario, const IdMap& links,
                                          const std::vector<std::uint32_t>& in_links,
                                          const std::vector<std::uint32_t>& out_links) {
  std::vector<DraftMovement> result;
  for (const Movement& movement : node.movements) {
    const std::string where = "node '" + node.id + "', movement '" + movement.id + "': ";
    const auto from = links.find(movement.from_link);
    const auto to = links.find(movement.to_link);
    if (from == links.end() || to == links.end()) fail(where + "unknown from/to link");
    if (scenario.network.links[from->second].to != node.id || scenario.network.links[to->second].from != node.id) {
      fail(where + "must arrive on a link ending at the node and leave on a link starting there");
    }
    for (const auto& other : result) {
      if (other.id == movement.id) fail(where + "duplicate movement id");
    }
    result.push_back({movement.id, from->second, to->second, movement.saturation_flow_veh_per_h_per_lane,
                      movement.turn});
  }
  // A plain change of link or a pure merge needs no movements: one per arriving link.
  if (result.empty() && node.control == NodeControl::uncontrolled) {
    if (out_links.size() != 1 && !in_links.empty()) {
      fail("node '" + node.id + "': " + std::to_string(out_links.size()) +
           " links leave this uncontrolled node but it lists no movements: a diverge needs movements and "
           "turning data");
    }
    for (const auto in : in_links) {
      result.push_back({scenario.network.links[in].id + "->" + scenario.network.links[out_links[0]].id, in,
                        out_links[0], std::nullopt, TurnType::through});
    }
  }
  for (const auto in : in_links) {
    const bool served = std::any_of(result.begin(), result.end(), [&](const DraftMovement& m) { return m.from == in; });
    if (!served) {
      fail("node '" + node.id + "': link '" + scenario.network.links[in].id +
           "' arrives here but no movement leaves it");
    }
  }
  return result;
}

std::vector<DraftGroup> node_lane_groups(const Node& node, const Scenario& scenario, const IdMap& links,
                                         const std::vector<DraftMovement>& movements,
                                         const std::vector<std::uint32_t>& in_links) {
  std::vector<DraftGroup> groups;
  std::vector<bool> assigned(movements.size(), false);
  if (node.control == NodeControl::signalized || node.control == NodeControl::two_way_stop) {
    for (const LaneGroup& group : node.lane_groups) {
      const std::string where = "node '" + node.id + "', lane group '" + group.id + "': ";
      const auto link = links.find(group.link);
      if (link == links.end()) fail(where + "unknown link '" + group.link + "'");
      if (group.lanes < 1 || group.bay_length_m < 0) fail(where + "needs lanes >= 1 and bay_length_m >= 0");
      DraftGroup draft{group.id, link->second, group.lanes, group.bay_length_m, {}};
      for (const auto& id : group.movements) {
        const auto found = std::find_if(movements.begin(), movements.end(),
                                        [&](const DraftMovement& m) { return m.id == id; });
        if (found == movements.end()) fail(where + "unknown movement '" + id + "'");
        const auto index = static_cast<std::size_t>(found - movements.begin());
        if (found->from != link->second) fail(where + "movement '" + id + "' does not arrive on its link");
        if (assigned[index]) fail(where + "movement '" + id + "' is already in another lane group");
        assigned[index] = true;
        draft.movements.push_back(index);
      }
      if (draft.movements.empty()) fail(where + "serves no movement");
      groups.push_back(std::move(draft));
    }
  }
  // Movements outside any lane group share the remaining lanes of their link as one FIFO stream.
  for (const auto in : in_links) {
    DraftGroup rest{scenario.network.links[in].id, in, 0, 0, {}};
    int used = 0;
    for (const auto& group : groups) {
      if (group.link == in) used += group.lanes;
    }
    for (std::size_t m = 0; m < movements.size(); ++m) {
      if (!assigned[m] && movements[m].from == in) rest.movements.push_back(m);
    }
    if (rest.movements.empty()) continue;
    rest.lanes = std::max(1, scenario.network.links[in].lanes - used);
    groups.push_back(std::move(rest));
  }
  std::stable_sort(groups.begin(), groups.end(), [](const DraftGroup& a, const DraftGroup& b) { return a.link < b.link; });
  return groups;
}

// Lane groups and movements of one node, in the kernel's order.
void compile_node(Model& model, const Node& node, const Scenario& scenario, const IdMap& links,
                  const std::vector<std::uint32_t>& in_links, const std::vector<std::uint32_t>& out_links) {
  const auto node_index = to_u32(model.node_id.size());
  model.node_id.push_back(node.id);
  model.node_control.push_back(node.control);
  model.node_movement_begin.push_back(to_u32(model.movement_id.size()));
  if (node.control == NodeControl::all_way_stop) {
    fail("node '" + node.id + "': all-way stop control is not modelled yet; use signalized or two_way_stop");
  }
  if (node.control == NodeControl::boundary) {
    model.node_movement_end.push_back(model.node_movement_begin.back());
    return;
  }
  auto movements = node_movements(node, scenario, links, in_links, out_links);
  std::uint32_t signal = kNone;
  if (node.control == NodeControl::signalized) {
    const auto timing = scenario.timing.find(node.id);
    if (timing == scenario.timing.end()) fail("node '" + node.id + "': signalized but has no timing");
    signal = to_u32(model.signalized_nodes.size());
    model.signalized_nodes.push_back(node_index);
  } else {
    model.uncontrolled_nodes.push_back(node_index);
  }
  const auto groups = node_lane_groups(node, scenario, links, movements, in_links);
  for (const DraftGroup& group : groups) {
    const Link& link = scenario.network.links[group.link];
    double per_lane = link.saturation_flow_veh_per_h_per_lane;
    bool first = true;
    for (const auto m : group.movements) {
      if (movements[m].saturation_per_lane) {
        per_lane = first ? *movements[m].saturation_per_lane : std::min(per_lane, *movements[m].saturation_per_lane);
        first = false;
      }
    }
    if (!(per_lane > 0)) fail("node '" + node.id + "', lane group '" + group.id + "': saturation flow must be positive");
    const auto group_index = to_u32(model.lane_group_id.size());
    model.lane_group_id.push_back(group.id);
    model.lane_group_node.push_back(node_index);
    model.lane_group_link.push_back(group.link);
    model.lane_group_lanes.push_back(group.lanes);
    model.lane_group_saturation_veh_per_s.push_back(group.lanes * per_lane / 3600.0);
    model.lane_group_movement_begin.push_back(to_u32(model.movement_id.size()));
    const double link_storage = model.link_cell_jam_veh[group.link] * model.link_cell_count[group.link];
    // A bay adds its own lanes ahead of the link's full lanes; a full bay spills into as many of them.
    const double bay_storage = group.bay_length_m * group.lanes / link.jam_spacing_m;
    const double lane_share = std::min(1.0, static_cast<double>(group.lanes) / link.lanes);
    model.lane_group_storage_veh.push_back(link_storage * lane_share + bay_storage);
    model.lane_group_bay_length_m.push_back(group.bay_length_m);
    model.lane_group_storage_m.push_back(group.bay_length_m > 0 ? group.bay_length_m : model.link_length_m[group.link]);
    model.lane_group_queue_m_per_veh.push_back(link.jam_spacing_m /
                                               (bay_storage > 0 ? group.lanes : std::min(group.lanes, link.lanes)));
    model.lane_group_bay_storage_veh.push_back(bay_storage);
    model.lane_group_spill_share.push_back(bay_storage > 0 ? lane_share : 0.0);
    model.lane_group_signalized.push_back(node.control == NodeControl::signalized ? 1 : 0);
    for (const auto m : group.movements) {
      model.movement_id.push_back(movements[m].id);
      model.movement_node.push_back(node_index);
      model.movement_from_link.push_back(movements[m].from);
      model.movement_to_link.push_back(movements[m].to);
      model.movement_lane_group.push_back(group_index);
      model.movement_signal.push_back(signal);
      model.movement_turn.push_back(movements[m].turn);
    }
    model.lane_group_movement_end.push_back(to_u32(model.movement_id.size()));
  }
  model.node_movement_end.push_back(to_u32(model.movement_id.size()));
  if (signal != kNone) {
    model.signal_movement_begin.push_back(model.node_movement_begin.back());
    model.signal_movement_end.push_back(model.node_movement_end.back());
    IntersectionLayout& layout = model.signal_layout.emplace_back();
    for (auto m = model.node_movement_begin.back(); m < model.node_movement_end.back(); ++m) {
      layout.movements.push_back(model.movement_id[m]);
      // What max-pressure weighs: saturation flow, and the storages its normalization divides by.
      const auto group = model.movement_lane_group[m];
      const auto to = model.movement_to_link[m];
      layout.saturation_veh_per_s.push_back(model.lane_group_saturation_veh_per_s[group]);
      layout.storage_veh.push_back(model.lane_group_storage_veh[group]);
      layout.receiving_storage_veh.push_back(model.link_cell_jam_veh[to] * model.link_cell_count[to]);
    }
    for (const Leg& leg : node.legs) {
      if (leg.crosswalk_length_m) layout.crosswalks.push_back(leg.id);
    }
    for (const Detector& detector : scenario.network.detectors) {
      const auto link = links.find(detector.link);
      if (link != links.end() && std::find(in_links.begin(), in_links.end(), link->second) != in_links.end()) {
        layout.detectors.push_back(detector.id);
        layout.detector_calls.push_back(detector.calls);
        layout.detector_extends.push_back(detector.extends);
        layout.detector_delay_s.push_back(detector.delay_s);
        layout.detector_extend_s.push_back(detector.extend_s);
      }
    }
    if (model.signal_crosswalk_begin.empty()) model.signal_crosswalk_begin.push_back(0);
    model.signal_crosswalk_begin.push_back(model.signal_crosswalk_begin.back() + to_u32(layout.crosswalks.size()));
  }
}

// Per link: its leaving movements (contiguous), its feeding movements (CSR), entry and exit indices.
void index_links(Model& model) {
  const std::size_t links = model.link_count();
  model.link_movement_begin.assign(links, 0);
  model.link_movement_end.assign(links, 0);
  for (std::size_t m = model.movement_count(); m-- > 0;) {
    const auto link = model.movement_from_link[m];
    model.link_movement_begin[link] = to_u32(m);
    if (model.link_movement_end[link] == 0) model.link_movement_end[link] = to_u32(m + 1);
  }
  model.link_merge_begin.assign(links + 1, 0);
  for (std::size_t m = 0; m < model.movement_count(); ++m) ++model.link_merge_begin[model.movement_to_link[m] + 1];
  for (std::size_t l = 0; l < links; ++l) model.link_merge_begin[l + 1] += model.link_merge_begin[l];
  model.merge_movement.assign(model.movement_count(), 0);
  auto fill = model.link_merge_begin;
  for (std::size_t m = 0; m < model.movement_count(); ++m) model.merge_movement[fill[model.movement_to_link[m]]++] = to_u32(m);
  // Lane groups with a bay, grouped by their link (lane groups are in link order within a node only).
  model.link_bay_begin.assign(links + 1, 0);
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    if (model.lane_group_bay_storage_veh[g] > 0) ++model.link_bay_begin[model.lane_group_link[g] + 1];
  }
  for (std::size_t l = 0; l < links; ++l) model.link_bay_begin[l + 1] += model.link_bay_begin[l];
  model.bay_lane_group.assign(model.link_bay_begin[links], 0);
  auto bay_fill = model.link_bay_begin;
  for (std::size_t g = 0; g < model.lane_group_count(); ++g) {
    if (model.lane_group_bay_storage_veh[g] > 0) model.bay_lane_group[bay_fill[model.lane_group_link[g]]++] = to_u32(g);
  }
}

// Entries for the links trips start on and sinks for those they end on, in link order, from every demand of
// the scenario (a batch may run any of them): the kernel gives them a place, each run its own rates.
void compile_trip_ends(Model& model, const Scenario& scenario) {
  std::vector<bool> source(model.link_count(), false);
  std::vector<bool> sink(model.link_count(), false);
  std::vector<std::optional<bool>> at_stop_line(model.link_count());
  const auto mark = [&](const Demand& demand) {
    for (const EntryFlow& flow : demand.sources) {
      const auto link = model.find_link(flow.link);
      if (link == kNone || model.link_entry[link] != kNone) fail("demand: trips start on '" + flow.link + "', which is not a link inside the network");
      source[link] = true;
    }
    for (const TripEnds& ends : demand.sinks) {
      const auto link = model.find_link(ends.link);
      if (link == kNone || model.link_exit[link] != kNone) fail("demand: trips end on '" + ends.link + "', which is not a link inside the network");
      if (at_stop_line[link] && *at_stop_line[link] != ends.at_stop_line) {
        fail("demand: trips end on '" + ends.link + "' at its stop line in one demand and ahead of its queue in another");
      }
      sink[link] = true;
      at_stop_line[link] = ends.at_stop_line;
    }
  };
  mark(scenario.demand);
  for (const auto& entry : scenario.demand_scenarios) mark(entry.second);
  model.link_sink.assign(model.link_count(), kNone);
  for (std::size_t l = 0; l < model.link_count(); ++l) {
    if (source[l]) {
      model.link_entry[l] = to_u32(model.entry_link.size());
      model.entry_link.push_back(to_u32(l));
      model.entry_is_source.push_back(1);
    }
    if (sink[l]) {
      model.link_sink[l] = to_u32(model.sink_link.size());
      model.sink_link.push_back(to_u32(l));
      model.sink_at_stop_line.push_back(*at_stop_line[l] ? 1 : 0);
    }
  }
  model.movement_stop_line_sink.assign(model.movement_count(), kNone);
  model.link_fed_by_stop_line_sink.assign(model.link_count(), 0);
  for (std::size_t m = 0; m < model.movement_count(); ++m) {
    const auto sink_index = model.link_sink[model.movement_from_link[m]];
    if (sink_index == kNone || model.sink_at_stop_line[sink_index] == 0) continue;
    model.movement_stop_line_sink[m] = sink_index;
    model.link_fed_by_stop_line_sink[model.movement_to_link[m]] = 1;
  }
}

}  // namespace

std::uint32_t Model::find_movement(std::uint32_t node, const std::string& id) const noexcept {
  for (auto m = node_movement_begin[node]; m < node_movement_end[node]; ++m) {
    if (movement_id[m] == id) return m;
  }
  return kNone;
}

std::uint32_t Model::find_node(const std::string& id) const noexcept {
  const auto found = std::find(node_id.begin(), node_id.end(), id);
  return found == node_id.end() ? kNone : to_u32(static_cast<std::size_t>(found - node_id.begin()));
}

std::uint32_t Model::find_link(const std::string& id) const noexcept {
  const auto found = std::find(link_id.begin(), link_id.end(), id);
  return found == link_id.end() ? kNone : to_u32(static_cast<std::size_t>(found - link_id.begin()));
}

Model compile(const Scenario& scenario, const CompileOptions& options) {
  Model model;
  const double dt_s = options.dt_s > 0 ? options.dt_s : scenario.simulation.dt_s;
  model.dt_tenths = step_tenths(dt_s);
  model.dt_s = model.dt_tenths / 10.0;
  const double lost_s = options.startup_lost_time_s.value_or(scenario.simulation.startup_lost_time_s);
  const double usable_s = options.usable_yellow_s.value_or(scenario.simulation.usable_yellow_s);
  if (!(lost_s >= 0 && lost_s <= kMaxLostTime_s) || !(usable_s >= 0 && usable_s <= kMaxLostTime_s)) {
    fail("compile options: start-up lost time and usable yellow must be within [0, " +
         detail::format_number(kMaxLostTime_s) + "] s");
  }
  model.startup_lost_tenths = static_cast<std::int32_t>(to_tenths(lost_s));
  model.usable_yellow_tenths = static_cast<std::int32_t>(to_tenths(usable_s));
  model.analysis_period_h = scenario.simulation.analysis_period_h;
  model.warmup_s = scenario.simulation.warmup_s;
  model.detector_arrivals = scenario.simulation.detector_arrivals;
  model.seed = static_cast<std::uint64_t>(scenario.simulation.seed);
  model.duration_s = scenario.duration_s();
  if (!(model.analysis_period_h > 0)) fail("simulation: analysis_period_h must be positive");

  const auto& network = scenario.network;
  IdMap nodes;
  IdMap links;
  for (std::size_t n = 0; n < network.nodes.size(); ++n) {
    if (!nodes.emplace(network.nodes[n].id, to_u32(n)).second) fail("duplicate node id '" + network.nodes[n].id + "'");
  }
  for (std::size_t l = 0; l < network.links.size(); ++l) {
    if (!links.emplace(network.links[l].id, to_u32(l)).second) fail("duplicate link id '" + network.links[l].id + "'");
    compile_link(model, network.links[l], model.dt_s, nodes);
  }
  if (network.links.empty()) fail("network: no links");

  // Nodes in scenario order; each node's arriving and leaving links in link order.
  for (const Node& node : network.nodes) {
    std::vector<std::uint32_t> in_links;
    std::vector<std::uint32_t> out_links;
    for (std::size_t l = 0; l < network.links.size(); ++l) {
      if (network.links[l].to == node.id) in_links.push_back(to_u32(l));
      if (network.links[l].from == node.id) out_links.push_back(to_u32(l));
    }
    compile_node(model, node, scenario, links, in_links, out_links);
  }
  index_links(model);
  detail::compile_yielding(model, scenario);
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    for (auto m = model.signal_movement_begin[s]; m < model.signal_movement_end[s]; ++m) {
      if (model.movement_yield[m] == YieldRule::turn_on_red) model.signal_layout[s].turn_on_red.push_back(model.movement_id[m]);
    }
  }
  detail::compile_detectors(model, scenario);
  detail::compile_routes(model, scenario);

  // Boundaries: links that start or end at a boundary node.
  model.link_entry.assign(model.link_count(), kNone);
  model.link_exit.assign(model.link_count(), kNone);
  for (std::size_t l = 0; l < network.links.size(); ++l) {
    if (network.nodes[nodes.at(network.links[l].from)].control == NodeControl::boundary) {
      model.link_entry[l] = to_u32(model.entry_link.size());
      model.entry_link.push_back(to_u32(l));
      model.entry_is_source.push_back(0);
    }
    if (network.nodes[nodes.at(network.links[l].to)].control == NodeControl::boundary) {
      model.link_exit[l] = to_u32(model.exit_link.size());
      model.exit_link.push_back(to_u32(l));
    }
    if (model.link_exit[l] == kNone && model.link_movement_begin[l] == model.link_movement_end[l]) {
      fail("link '" + network.links[l].id + "': no movement leaves it");
    }
  }
  compile_trip_ends(model, scenario);
  detail::compile_saturation(model, scenario);
  return model;
}

}  // namespace itsc

// The scenario's sections (all but timing) from the YAML tree.
#include <string>

#include "io/readers.hpp"

namespace itsc::detail {

namespace {

SimulationSettings read_simulation(MapReader& in) {
  SimulationSettings out;
  in.read("dt_s", out.dt_s);
  in.read("duration_s", out.duration_s);
  in.read("warmup_s", out.warmup_s);
  in.read("analysis_period_h", out.analysis_period_h);
  in.read_clock_time("start_time", out.start_time_s);
  in.read("sneakers_per_cycle", out.sneakers_per_cycle);
  in.read("startup_lost_time_s", out.startup_lost_time_s);
  in.read("usable_yellow_s", out.usable_yellow_s);
  in.read_choice("detector_arrivals", out.detector_arrivals, parse_detector_arrivals);
  in.read("seed", out.seed);
  return out;
}

Leg read_leg(MapReader& in) {
  Leg out;
  in.read("id", out.id);
  in.read("in", out.in_link);
  in.read("out", out.out_link);
  in.read("bearing_deg", out.bearing_deg);
  in.read("crosswalk_length_m", out.crosswalk_length_m);
  in.read("grade_percent", out.grade_percent);
  in.read("approach_speed_kmh", out.approach_speed_kmh);
  in.read("width_m", out.width_m);
  return out;
}

Movement read_movement(MapReader& in) {
  Movement out;
  in.read("id", out.id);
  in.read("from", out.from_link);
  in.read("to", out.to_link);
  in.read_choice("turn", out.turn, parse_turn_type);
  in.read("saturation_flow_veh_per_h_per_lane", out.saturation_flow_veh_per_h_per_lane);
  in.read("right_turn_on_red", out.right_turn_on_red);
  in.read("closed", out.closed);
  return out;
}

LaneGroup read_lane_group(MapReader& in) {
  LaneGroup out;
  in.read("id", out.id);
  in.read("link", out.link);
  in.read("movements", out.movements);
  in.read("lanes", out.lanes);
  in.read("bay_length_m", out.bay_length_m);
  in.read("lane_width_m", out.lane_width_m);
  in.read("parking_maneuvers_per_h", out.parking_maneuvers_per_h);
  in.read("buses_stopping_per_h", out.buses_stopping_per_h);
  in.read("lane_utilization_factor", out.lane_utilization_factor);
  return out;
}

Node read_node(MapReader& in) {
  Node out;
  in.read("id", out.id);
  in.read_choice("control", out.control, parse_node_control);
  in.read("x_m", out.x_m);
  in.read("y_m", out.y_m);
  out.legs = read_items<Leg>(in, "legs", sections::leg, read_leg);
  out.movements = read_items<Movement>(in, "movements", sections::movement, read_movement);
  out.lane_groups = read_items<LaneGroup>(in, "lane_groups", sections::lane_group, read_lane_group);
  in.read("major_links", out.major_links);
  in.read_choice("area_type", out.area_type, parse_area_type);
  return out;
}

Link read_link(MapReader& in) {
  Link out;
  in.read("id", out.id);
  in.read("from", out.from);
  in.read("to", out.to);
  in.read("length_m", out.length_m);
  in.read("lanes", out.lanes);
  in.read("speed_kmh", out.speed_kmh);
  in.read("saturation_flow_veh_per_h_per_lane", out.saturation_flow_veh_per_h_per_lane);
  in.read("jam_spacing_m", out.jam_spacing_m);
  return out;
}

Detector read_detector(MapReader& in) {
  Detector out;
  in.read("id", out.id);
  in.read("link", out.link);
  in.read("lanes", out.lanes);
  in.read("setback_m", out.setback_m);
  in.read("length_m", out.length_m);
  in.read("calls", out.calls);
  in.read("extends", out.extends);
  in.read("delay_s", out.delay_s);
  in.read("extend_s", out.extend_s);
  return out;
}

EntryFlow read_entry(MapReader& in) {
  EntryFlow out;
  in.read("link", out.link);
  in.read_profile("flow_veh_per_h", out.flow_veh_per_h);
  in.read("heavy_vehicle_percent", out.heavy_vehicle_percent);
  return out;
}

TripEnds read_sink(MapReader& in) {
  TripEnds out;
  in.read("link", out.link);
  in.read_profile("share", out.share);
  in.read("at_stop_line", out.at_stop_line);
  return out;
}

ApproachTurns read_turns(MapReader& in) {
  ApproachTurns out;
  in.read("node", out.node);
  in.read("link", out.link);
  const YamlNode* counts = in.find("counts");
  const YamlNode* proportions = in.find("proportions");
  if (counts != nullptr && proportions != nullptr) {
    in.context().error(in.key_position("proportions"), in.path(),
                           "give either 'counts' or 'proportions', not both");
  } else if (counts == nullptr && proportions == nullptr) {
    in.context().error(in.position(), in.path(), "missing required key 'counts' (or 'proportions')");
  }
  out.counts = counts != nullptr;
  const std::string key = out.counts ? "counts" : "proportions";
  if (const YamlNode* shares = out.counts ? counts : proportions) {
    for_each_entry(in.context(), *shares, in.path_of(key),
                   [&](const YamlNode& movement, const YamlNode& value, const std::string& path) {
                     TurnShare share{movement.value, {}};
                     to_profile(in.context(), value, path, share.values);
                     out.shares.push_back(std::move(share));
                   });
  }
  return out;
}

PedestrianFlow read_pedestrians(MapReader& in) {
  PedestrianFlow out;
  in.read("node", out.node);
  in.read("leg", out.leg);
  in.read("flow_ped_per_h", out.flow_ped_per_h);
  in.read("flow_bic_per_h", out.flow_bic_per_h);
  return out;
}

Demand read_demand(MapReader& in) {
  Demand out;
  in.read("interval_s", out.interval_s);
  in.read("peak_hour_factor", out.peak_hour_factor);
  in.read("normalize_turns", out.normalize_turns);
  in.read_choice("balance", out.balance, parse_demand_balance);
  in.read_choice("unit", out.unit, parse_flow_unit);
  out.entries = read_items<EntryFlow>(in, "entries", sections::entry, read_entry);
  out.sources = read_items<EntryFlow>(in, "sources", sections::source, read_entry);
  out.sinks = read_items<TripEnds>(in, "sinks", sections::sink, read_sink);
  out.turns = read_items<ApproachTurns>(in, "turns", sections::turns, read_turns);
  out.pedestrians = read_items<PedestrianFlow>(in, "pedestrians", sections::pedestrians, read_pedestrians);
  // Raw counts become hourly rates here, once: everything after the reader works in veh/h.
  if (out.unit == FlowUnit::veh_per_interval && out.interval_s > 0) {
    const double per_hour = 3600.0 / out.interval_s;
    for (std::vector<EntryFlow>* flows : {&out.entries, &out.sources}) {
      for (EntryFlow& entry : *flows) {
        for (double& value : entry.flow_veh_per_h) value *= per_hour;
      }
    }
    for (ApproachTurns& turns : out.turns) {
      if (!turns.counts) continue;
      for (TurnShare& share : turns.shares) {
        for (double& value : share.values) value *= per_hour;
      }
    }
  }
  return out;
}

SumoSignal read_sumo_signal(MapReader& in) {
  SumoSignal out;
  in.read("node", out.node);
  in.read("tls", out.tls);
  in.read("link_count", out.link_count);
  if (const YamlNode* indices = in.find("link_indices")) {
    for_each_entry(in.context(), *indices, in.path_of("link_indices"),
                   [&](const YamlNode& movement, const YamlNode& value, const std::string& path) {
                     std::vector<int>& list = out.link_indices[movement.value];
                     for_each_item(in.context(), value, path, [&](const YamlNode& item, const std::string& item_path) {
                       if (const auto index = to_integer(in.context(), item, item_path)) list.push_back(*index);
                     });
                   });
  }
  if (const YamlNode* foes = in.find("foes")) {
    out.foes.emplace();
    for_each_entry(in.context(), *foes, in.path_of("foes"),
                   [&](const YamlNode& movement, const YamlNode& value, const std::string& path) {
                     std::vector<std::string>& list = (*out.foes)[movement.value];
                     for_each_item(in.context(), value, path, [&](const YamlNode& item, const std::string& item_path) {
                       if (auto foe = to_text(in.context(), item, item_path)) list.push_back(std::move(*foe));
                     });
                   });
  }
  return out;
}

SumoReferences read_sumo(MapReader& in) {
  SumoReferences out;
  in.read("begin_s", out.begin_s);
  out.signals = read_items<SumoSignal>(in, "signals", sections::sumo_signal, read_sumo_signal);
  return out;
}

UtdfSignal read_utdf_signal(MapReader& in) {
  UtdfSignal out;
  in.read("node", out.node);
  in.read("referenced_to", out.referenced_to);
  in.read("control_type", out.control_type);
  return out;
}

UtdfReferences read_utdf(MapReader& in) {
  UtdfReferences out;
  in.read("metric", out.metric);
  out.signals = read_items<UtdfSignal>(in, "signals", sections::utdf_signal, read_utdf_signal);
  return out;
}

ScheduleEntry read_schedule_entry(MapReader& in) {
  ScheduleEntry out;
  in.read_clock_time("at", out.at_s);
  in.read("pattern", out.pattern);
  in.read_choice("transition", out.transition, parse_transition_method);
  return out;
}

// patterns: name -> {timing: node -> timing}, each a plan file's `timing` map.
std::map<std::string, Pattern> read_patterns(LoadContext& context, const YamlNode& node, const std::string& path,
                                             const Network& network) {
  std::map<std::string, Pattern> patterns;
  for_each_entry(context, node, path, [&](const YamlNode& key, const YamlNode& value, const std::string& value_path) {
    MapReader in(context, sections::pattern, value, value_path);
    if (!in.is_map()) return;
    Pattern& pattern = patterns[key.value];
    if (const YamlNode* timing = in.find("timing")) {
      pattern.timing = read_timing_map(context, *timing, in.path_of("timing"), network);
    }
  });
  return patterns;
}

}  // namespace

bool check_schema_version(LoadContext& context, const YamlNode& root) {
  if (root.kind != YamlNode::Kind::map) return true;
  for (const auto& [key, value] : root.pairs) {
    if (key->kind != YamlNode::Kind::scalar || key->value != "schema_version") continue;
    LoadContext scratch;  // a malformed version is reported by the section reader
    const auto version = to_integer(scratch, *value, "schema_version");
    if (!version || *version == kSchemaVersion) return true;
    context.error(value->position, "schema_version",
                  "unsupported schema_version " + std::to_string(*version) + " (this build reads " +
                      std::to_string(kSchemaVersion) + ")");
    return false;
  }
  return true;
}

Scenario read_scenario(LoadContext& context, const YamlNode& root) {
  Scenario out;
  MapReader in(context, sections::top, root, "");
  in.read("schema_version", out.schema_version);
  in.read("name", out.name);
  if (const YamlNode* node = in.find("simulation")) {
    MapReader simulation(context, sections::simulation, *node, in.path_of("simulation"));
    out.simulation = read_simulation(simulation);
  }
  out.network.nodes = read_items<Node>(in, "nodes", sections::node, read_node);
  out.network.links = read_items<Link>(in, "links", sections::link, read_link);
  out.network.detectors = read_items<Detector>(in, "detectors", sections::detector, read_detector);
  if (const YamlNode* node = in.find("demand")) {
    MapReader demand(context, sections::demand, *node, in.path_of("demand"));
    out.demand = read_demand(demand);
  }
  if (const YamlNode* node = in.find("demand_scenarios")) {
    for_each_entry(context, *node, in.path_of("demand_scenarios"),
                   [&](const YamlNode& key, const YamlNode& value, const std::string& value_path) {
                     MapReader demand(context, sections::demand, value, value_path);
                     if (demand.is_map()) out.demand_scenarios[key.value] = read_demand(demand);
                   });
  }
  if (const YamlNode* node = in.find("timing")) {
    out.timing = read_timing_map(context, *node, in.path_of("timing"), out.network);
  }
  if (const YamlNode* node = in.find("patterns")) {
    out.patterns = read_patterns(context, *node, in.path_of("patterns"), out.network);
  }
  out.schedule = read_items<ScheduleEntry>(in, "schedule", sections::schedule, read_schedule_entry);
  if (const YamlNode* node = in.find("sumo")) {
    MapReader sumo(context, sections::sumo, *node, in.path_of("sumo"));
    out.sumo = read_sumo(sumo);
  }
  if (const YamlNode* node = in.find("utdf")) {
    MapReader utdf(context, sections::utdf, *node, in.path_of("utdf"));
    out.utdf = read_utdf(utdf);
  }
  return out;
}

}  // namespace itsc::detail

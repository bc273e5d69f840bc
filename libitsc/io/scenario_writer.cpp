// Scenario and plan files from the value types: keys in the key table's order, metric units,
// offsets in the internal convention (`offset_reference: green_start`), defaults left out.
#include <array>
#include <cstdio>
#include <map>

#include "io/yaml_writer.hpp"
#include "itsc/io.hpp"

namespace itsc {

namespace {

using detail::SectionWriter;
using detail::YamlOut;
namespace sections = detail::sections;

YamlOut clock_time(double seconds_after_midnight) {
  const auto total = static_cast<long>(seconds_after_midnight);
  std::array<char, 64> text{};  // room for any long, so no truncation warning
  if (total % 60 == 0) {
    std::snprintf(text.data(), text.size(), "%02ld:%02ld", total / 3600, total / 60 % 60);
  } else {
    std::snprintf(text.data(), text.size(), "%02ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  }
  YamlOut out;
  out.text = '"' + std::string(text.data()) + '"';
  return out;
}

YamlOut profile(const std::vector<double>& values) {
  if (values.size() == 1) return YamlOut::number(values.front());
  return YamlOut::list_of(values, YamlOut::number);
}

template <typename Item, typename Write>
YamlOut items(const std::vector<Item>& values, Write write) {
  return YamlOut::list_of(values, [&](const Item& value) { return write(value); });
}

void write_service(SectionWriter& out, const Service& serves) {
  out.add_ids("protected", serves.protected_movements);
  out.add_ids("permitted", serves.permitted_movements);
  out.add_ids("crosswalks", serves.crosswalks);
}

YamlOut write_simulation(const SimulationSettings& in) {
  const SimulationSettings defaults;
  SectionWriter out(sections::simulation);
  out.add_number("dt_s", in.dt_s);  // always written: every figure depends on the step
  out.add_optional("duration_s", in.duration_s);
  out.add_number("warmup_s", in.warmup_s, defaults.warmup_s);
  out.add_number("analysis_period_h", in.analysis_period_h, defaults.analysis_period_h);
  if (in.start_time_s != defaults.start_time_s) out.add("start_time", clock_time(in.start_time_s));
  out.add_number("sneakers_per_cycle", in.sneakers_per_cycle, defaults.sneakers_per_cycle);
  out.add_number("startup_lost_time_s", in.startup_lost_time_s, defaults.startup_lost_time_s);
  out.add_number("usable_yellow_s", in.usable_yellow_s, defaults.usable_yellow_s);
  if (in.detector_arrivals != defaults.detector_arrivals) {
    out.add("detector_arrivals", YamlOut::string(to_string(in.detector_arrivals)));
  }
  if (in.seed != defaults.seed) out.add("seed", YamlOut::integer(in.seed));
  return out.finish();
}

YamlOut write_leg(const Leg& in) {
  SectionWriter out(sections::leg);
  out.add("id", YamlOut::string(in.id));
  if (!in.in_link.empty()) out.add("in", YamlOut::string(in.in_link));
  if (!in.out_link.empty()) out.add("out", YamlOut::string(in.out_link));
  out.add_optional("bearing_deg", in.bearing_deg);
  out.add_optional("crosswalk_length_m", in.crosswalk_length_m);
  out.add_number("grade_percent", in.grade_percent, Leg{}.grade_percent);
  out.add_optional("approach_speed_kmh", in.approach_speed_kmh);
  out.add_optional("width_m", in.width_m);
  return out.finish();
}

YamlOut write_movement(const Movement& in) {
  SectionWriter out(sections::movement);
  out.add("id", YamlOut::string(in.id));
  out.add("from", YamlOut::string(in.from_link));
  out.add("to", YamlOut::string(in.to_link));
  out.add("turn", YamlOut::string(to_string(in.turn)));
  out.add_optional("saturation_flow_veh_per_h_per_lane", in.saturation_flow_veh_per_h_per_lane);
  if (in.right_turn_on_red) out.add("right_turn_on_red", YamlOut::boolean(true));
  if (in.closed) out.add("closed", YamlOut::boolean(true));
  return out.finish();
}

YamlOut write_lane_group(const LaneGroup& in) {
  SectionWriter out(sections::lane_group);
  out.add("id", YamlOut::string(in.id));
  out.add("link", YamlOut::string(in.link));
  out.add("movements", YamlOut::list_of(in.movements, YamlOut::string));
  if (in.lanes != LaneGroup{}.lanes) out.add("lanes", YamlOut::integer(in.lanes));
  out.add_number("bay_length_m", in.bay_length_m, LaneGroup{}.bay_length_m);
  out.add_number("lane_width_m", in.lane_width_m, LaneGroup{}.lane_width_m);
  out.add_optional("parking_maneuvers_per_h", in.parking_maneuvers_per_h);
  out.add_number("buses_stopping_per_h", in.buses_stopping_per_h, LaneGroup{}.buses_stopping_per_h);
  out.add_optional("lane_utilization_factor", in.lane_utilization_factor);
  return out.finish();
}

YamlOut write_node(const Node& in) {
  SectionWriter out(sections::node);
  out.add("id", YamlOut::string(in.id));
  out.add("control", YamlOut::string(to_string(in.control)));
  out.add_optional("x_m", in.x_m);
  out.add_optional("y_m", in.y_m);
  if (!in.legs.empty()) out.add("legs", items(in.legs, write_leg));
  if (!in.movements.empty()) out.add("movements", items(in.movements, write_movement));
  if (!in.lane_groups.empty()) out.add("lane_groups", items(in.lane_groups, write_lane_group));
  out.add_ids("major_links", in.major_links);
  if (in.area_type != Node{}.area_type) out.add("area_type", YamlOut::string(to_string(in.area_type)));
  return out.finish();
}

YamlOut write_link(const Link& in) {
  const Link defaults;
  SectionWriter out(sections::link);
  out.add("id", YamlOut::string(in.id));
  out.add("from", YamlOut::string(in.from));
  out.add("to", YamlOut::string(in.to));
  out.add_number("length_m", in.length_m);
  if (in.lanes != defaults.lanes) out.add("lanes", YamlOut::integer(in.lanes));
  out.add_number("speed_kmh", in.speed_kmh, defaults.speed_kmh);
  out.add_number("saturation_flow_veh_per_h_per_lane", in.saturation_flow_veh_per_h_per_lane,
                 defaults.saturation_flow_veh_per_h_per_lane);
  out.add_number("jam_spacing_m", in.jam_spacing_m, defaults.jam_spacing_m);
  return out.finish();
}

YamlOut write_detector(const Detector& in) {
  const Detector defaults;
  SectionWriter out(sections::detector);
  out.add("id", YamlOut::string(in.id));
  out.add("link", YamlOut::string(in.link));
  out.add_integers("lanes", in.lanes);
  out.add_number("setback_m", in.setback_m, defaults.setback_m);
  out.add_number("length_m", in.length_m, defaults.length_m);
  out.add_integers("calls", in.calls);
  out.add_integers("extends", in.extends);
  out.add_number("delay_s", in.delay_s, defaults.delay_s);
  out.add_number("extend_s", in.extend_s, defaults.extend_s);
  return out.finish();
}

YamlOut write_flow(const EntryFlow& in, const detail::Section& section) {
  SectionWriter out(section);
  out.add("link", YamlOut::string(in.link));
  out.add("flow_veh_per_h", profile(in.flow_veh_per_h));
  out.add_number("heavy_vehicle_percent", in.heavy_vehicle_percent, EntryFlow{}.heavy_vehicle_percent);
  return out.finish();
}

YamlOut write_entry(const EntryFlow& in) { return write_flow(in, sections::entry); }
YamlOut write_source(const EntryFlow& in) { return write_flow(in, sections::source); }

YamlOut write_sink(const TripEnds& in) {
  SectionWriter out(sections::sink);
  out.add("link", YamlOut::string(in.link));
  out.add("share", profile(in.share));
  if (in.at_stop_line) out.add("at_stop_line", YamlOut::boolean(true));
  return out.finish();
}

YamlOut write_turns(const ApproachTurns& in) {
  SectionWriter out(sections::turns);
  out.add("node", YamlOut::string(in.node));
  out.add("link", YamlOut::string(in.link));
  YamlOut shares = YamlOut::map();
  for (const TurnShare& share : in.shares) shares.add(share.movement, profile(share.values));
  out.add(in.counts ? "counts" : "proportions", std::move(shares));
  return out.finish();
}

YamlOut write_pedestrians(const PedestrianFlow& in) {
  SectionWriter out(sections::pedestrians);
  out.add("node", YamlOut::string(in.node));
  out.add("leg", YamlOut::string(in.leg));
  out.add_number("flow_ped_per_h", in.flow_ped_per_h);
  out.add_number("flow_bic_per_h", in.flow_bic_per_h, PedestrianFlow{}.flow_bic_per_h);
  return out.finish();
}

YamlOut write_demand(const Demand& in) {
  const Demand defaults;
  SectionWriter out(sections::demand);
  out.add_number("interval_s", in.interval_s, defaults.interval_s);
  out.add_optional("peak_hour_factor", in.peak_hour_factor);
  if (in.normalize_turns) out.add("normalize_turns", YamlOut::boolean(true));
  if (in.balance != defaults.balance) out.add("balance", YamlOut::string(to_string(in.balance)));
  if (in.unit != defaults.unit) out.add("unit", YamlOut::string(to_string(in.unit)));
  // Raw counts go back out as the vehicles of each interval (the reader made them hourly rates).
  std::vector<EntryFlow> entries = in.entries;
  std::vector<EntryFlow> sources = in.sources;
  std::vector<ApproachTurns> turns = in.turns;
  if (in.unit == FlowUnit::veh_per_interval) {
    const double per_interval = in.interval_s / 3600.0;
    for (std::vector<EntryFlow>* flows : {&entries, &sources}) {
      for (EntryFlow& entry : *flows) {
        for (double& value : entry.flow_veh_per_h) value *= per_interval;
      }
    }
    for (ApproachTurns& approach : turns) {
      if (!approach.counts) continue;
      for (TurnShare& share : approach.shares) {
        for (double& value : share.values) value *= per_interval;
      }
    }
  }
  if (!entries.empty()) out.add("entries", items(entries, write_entry));
  if (!sources.empty()) out.add("sources", items(sources, write_source));
  if (!in.sinks.empty()) out.add("sinks", items(in.sinks, write_sink));
  if (!turns.empty()) out.add("turns", items(turns, write_turns));
  if (!in.pedestrians.empty()) out.add("pedestrians", items(in.pedestrians, write_pedestrians));
  return out.finish();
}

YamlOut write_stage(const Stage& in) {
  SectionWriter out(sections::stage);
  write_service(out, in.serves);
  out.add_number("green_s", in.green_s);
  out.add_number("yellow_s", in.yellow_s);
  out.add_number("red_clearance_s", in.red_clearance_s, Stage{}.red_clearance_s);
  return out.finish();
}

YamlOut write_phase(const Phase& in) {
  SectionWriter out(sections::phase);
  out.add("phase", YamlOut::integer(in.number));
  write_service(out, in.serves);
  out.add_number("split_s", in.split_s);
  out.add_optional("min_green_s", in.min_green_s);
  out.add_optional("max1_s", in.max1_s);
  out.add_optional("max2_s", in.max2_s);
  out.add_optional("passage_s", in.passage_s);
  out.add_optional("yellow_s", in.yellow_s);
  out.add_optional("red_clearance_s", in.red_clearance_s);
  out.add_optional("walk_s", in.walk_s);
  out.add_optional("pedestrian_clearance_s", in.pedestrian_clearance_s);
  if (in.recall != Recall::none) out.add("recall", YamlOut::string(to_string(in.recall)));
  if (in.dual_entry) out.add("dual_entry", YamlOut::boolean(true));
  if (in.simultaneous_gap_out) out.add("simultaneous_gap_out", YamlOut::boolean(true));
  if (in.rest_in_walk) out.add("rest_in_walk", YamlOut::boolean(true));
  out.add_optional("added_initial_s", in.added_initial_s);
  out.add_optional("time_before_reduction_s", in.time_before_reduction_s);
  out.add_optional("time_to_reduce_s", in.time_to_reduce_s);
  out.add_optional("minimum_gap_s", in.minimum_gap_s);
  return out.finish();
}

YamlOut write_overlap(const Overlap& in) {
  SectionWriter out(sections::overlap);
  out.add("id", YamlOut::string(in.id));
  out.add("parents", YamlOut::list_of(in.parents, YamlOut::integer));
  write_service(out, in.serves);
  return out.finish();
}

YamlOut write_sequence(const Timing& in) {
  SectionWriter out(sections::sequence);
  if (!in.rings) {
    out.add("stages", items(in.stages, write_stage));
    return out.finish();
  }
  const RingPlan& plan = *in.rings;
  out.add("rings", YamlOut::list_of(plan.rings, [](const auto& ring) {
            return YamlOut::list_of(ring, [](const auto& group) { return YamlOut::list_of(group, YamlOut::integer); });
          }));
  out.add("phases", items(plan.phases, write_phase));
  out.add_integers("coordinated_phases", plan.coordinated_phases);
  if (plan.force_off != ForceOff::fixed) out.add("force_off", YamlOut::string(to_string(plan.force_off)));
  if (!plan.overlaps.empty()) out.add("overlaps", items(plan.overlaps, write_overlap));
  return out.finish();
}

YamlOut write_max_pressure(const MaxPressureSettings& in) {
  const MaxPressureSettings defaults;
  SectionWriter out(sections::max_pressure);
  out.add_number("decision_interval_s", in.decision_interval_s, defaults.decision_interval_s);
  if (in.normalization != defaults.normalization) out.add("normalization", YamlOut::string(to_string(in.normalization)));
  out.add_number("min_green_s", in.min_green_s, defaults.min_green_s);
  if (in.max_green_s) out.add_number("max_green_s", *in.max_green_s);
  return out.finish();
}

YamlOut write_timing(const Timing& in) {
  SectionWriter out(sections::timing);
  out.add_number("cycle_s", in.cycle_s);
  out.add_number("offset_s", in.offset_s);
  out.add("offset_reference", YamlOut::string(to_string(OffsetReference::green_start)));
  if (in.controller != Timing{}.controller) out.add("controller", YamlOut::string(in.controller));
  out.add("sequence", write_sequence(in));
  if (in.max_pressure != MaxPressureSettings{}) out.add("max_pressure", write_max_pressure(in.max_pressure));
  return out.finish();
}

YamlOut write_timing_map(const std::map<std::string, Timing>& timing) {
  YamlOut out = YamlOut::map();
  for (const auto& [id, plan] : timing) out.add(id, write_timing(plan));
  return out;
}

YamlOut write_patterns(const std::map<std::string, Pattern>& patterns) {
  YamlOut out = YamlOut::map();
  for (const auto& [name, pattern] : patterns) {
    SectionWriter section(sections::pattern);
    section.add("timing", write_timing_map(pattern.timing));
    out.add(name, section.finish());
  }
  return out;
}

YamlOut write_schedule_entry(const ScheduleEntry& in) {
  SectionWriter out(sections::schedule);
  out.add("at", clock_time(in.at_s));
  out.add("pattern", YamlOut::string(in.pattern));
  out.add("transition", YamlOut::string(to_string(in.transition)));
  return out.finish();
}

YamlOut write_sumo_signal(const SumoSignal& in) {
  SectionWriter out(sections::sumo_signal);
  out.add("node", YamlOut::string(in.node));
  out.add("tls", YamlOut::string(in.tls));
  out.add("link_count", YamlOut::integer(in.link_count));
  if (!in.link_indices.empty()) {
    YamlOut map = YamlOut::map();
    for (const auto& [movement, list] : in.link_indices) map.add(movement, YamlOut::list_of(list, YamlOut::integer));
    out.add("link_indices", std::move(map));
  }
  if (in.foes) {
    YamlOut map = YamlOut::map();
    for (const auto& [movement, list] : *in.foes) map.add(movement, YamlOut::list_of(list, YamlOut::string));
    out.add("foes", std::move(map));
  }
  return out.finish();
}

YamlOut write_sumo(const SumoReferences& in) {
  SectionWriter out(sections::sumo);
  out.add_number("begin_s", in.begin_s, SumoReferences{}.begin_s);
  if (!in.signals.empty()) out.add("signals", items(in.signals, write_sumo_signal));
  return out.finish();
}

YamlOut write_utdf_signal(const UtdfSignal& in) {
  SectionWriter out(sections::utdf_signal);
  out.add("node", YamlOut::string(in.node));
  if (in.referenced_to != UtdfSignal{}.referenced_to) out.add("referenced_to", YamlOut::integer(in.referenced_to));
  if (in.control_type != UtdfSignal{}.control_type) out.add("control_type", YamlOut::integer(in.control_type));
  return out.finish();
}

YamlOut write_utdf(const UtdfReferences& in) {
  SectionWriter out(sections::utdf);
  if (in.metric) out.add("metric", YamlOut::boolean(true));
  if (!in.signals.empty()) out.add("signals", items(in.signals, write_utdf_signal));
  return out.finish();
}

}  // namespace

std::string save_scenario_string(const Scenario& scenario) {
  SectionWriter out(sections::top);
  out.add("schema_version", YamlOut::integer(scenario.schema_version));
  if (!scenario.name.empty()) out.add("name", YamlOut::string(scenario.name));
  out.add("simulation", write_simulation(scenario.simulation));
  out.add("nodes", items(scenario.network.nodes, write_node));
  out.add("links", items(scenario.network.links, write_link));
  if (!scenario.network.detectors.empty()) out.add("detectors", items(scenario.network.detectors, write_detector));
  if (scenario.demand != Demand{}) out.add("demand", write_demand(scenario.demand));
  if (!scenario.demand_scenarios.empty()) {
    YamlOut demands = YamlOut::map();
    for (const auto& [name, demand] : scenario.demand_scenarios) demands.add(name, write_demand(demand));
    out.add("demand_scenarios", std::move(demands));
  }
  if (!scenario.timing.empty()) out.add("timing", write_timing_map(scenario.timing));
  if (!scenario.patterns.empty()) out.add("patterns", write_patterns(scenario.patterns));
  if (!scenario.schedule.empty()) out.add("schedule", items(scenario.schedule, write_schedule_entry));
  if (scenario.sumo != SumoReferences{}) out.add("sumo", write_sumo(scenario.sumo));
  if (scenario.utdf) out.add("utdf", write_utdf(*scenario.utdf));
  return detail::write_yaml(out.finish());
}

std::string save_plan_string(const Plan& plan) {
  SectionWriter out(sections::plan);
  out.add("schema_version", YamlOut::integer(kSchemaVersion));
  out.add("timing", write_timing_map(plan.timing));
  return detail::write_yaml(out.finish());
}

}  // namespace itsc

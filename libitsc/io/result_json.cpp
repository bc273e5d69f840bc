// SimulationResult → JSON (nlohmann-json stays inside the library).
#include <nlohmann/json.hpp>

#include "itsc/simulate.hpp"

namespace itsc {

namespace {

// Lengths and speeds in the report's units: the factor from metres (km, km/h) and the key suffix.
struct Lengths {
  double per_m = 1;
  std::string m = "m";
  double per_km = 1;
  std::string km = "km";
  std::string speed = "kmh";  ///< per_km converts km/h too
};

Lengths lengths(Units units) {
  if (units == Units::us) return {per_metre(units), "ft", per_km(units), "mi", "mph"};
  return {};
}

nlohmann::ordered_json movement_json(const MovementResult& m, const Lengths& l) {
  nlohmann::ordered_json j;
  j["id"] = m.id;
  j["volume_veh_per_h"] = m.volume_veh_per_h;
  j["delay_s_per_veh"] = m.delay_s_per_veh;
  j["uniform_delay_s_per_veh"] = m.uniform_delay_s_per_veh;
  j["overflow_delay_s_per_veh"] = m.overflow_delay_s_per_veh;
  j["los"] = std::string(1, m.los);
  j["stops"] = m.stops;
  j["stops_per_veh"] = m.stops_per_veh;
  j["mean_queue_veh"] = m.queue_mean_veh;
  j["max_queue_veh"] = m.queue_max_veh;
  j["mean_queue_" + l.m] = m.queue_mean_m * l.per_m;
  j["max_queue_" + l.m] = m.queue_max_m * l.per_m;
  j["arrivals_veh"] = m.arrivals_veh;
  j["departures_veh"] = m.departures_veh;
  return j;
}

nlohmann::ordered_json lane_group_json(const LaneGroupResult& g, const Lengths& l) {
  nlohmann::ordered_json j;
  j["id"] = g.id;
  j["movements"] = nlohmann::ordered_json::array();
  for (const MovementResult& m : g.movements) j["movements"].push_back(movement_json(m, l));
  j["volume_veh_per_h"] = g.volume_veh_per_h;
  j["saturation_flow_veh_per_h"] = g.saturation_flow_veh_per_h;
  const hcm::SaturationFactors& f = g.saturation_factors;
  j["saturation_factors"] = {{"lane_width", f.lane_width},     {"heavy_vehicles_grade", f.heavy_vehicles_grade},
                             {"parking", f.parking},
                             {"bus_blockage", f.bus_blockage}, {"area_type", f.area_type},
                             {"lane_utilization", f.lane_utilization}, {"turns", g.turn_factor},
                             {"pedestrian_bicycle_left", g.pedestrian_left_factor},
                             {"pedestrian_bicycle_right", g.pedestrian_right_factor}};
  j["capacity_veh_per_h"] = g.capacity_veh_per_h;
  j["degree_of_saturation"] = g.degree_of_saturation;
  j["effective_green_share"] = g.effective_green_share;
  j["delay_s_per_veh"] = g.delay_s_per_veh;
  j["uniform_delay_s_per_veh"] = g.uniform_delay_s_per_veh;
  j["overflow_delay_s_per_veh"] = g.overflow_delay_s_per_veh;
  j["delay_veh_h"] = g.delay_veh_h;
  j["los"] = std::string(1, g.los);
  j["stops"] = g.stops;
  j["stops_per_veh"] = g.stops_per_veh;
  j["mean_queue_veh"] = g.queue_mean_veh;
  j["max_queue_veh"] = g.queue_max_veh;
  j["p95_queue_veh"] = g.queue_p95_veh;
  j["mean_queue_" + l.m] = g.queue_mean_m * l.per_m;
  j["max_queue_" + l.m] = g.queue_max_m * l.per_m;
  j["p95_queue_" + l.m] = g.queue_p95_m * l.per_m;
  j["storage_veh"] = g.storage_veh;
  j["storage_" + l.m] = g.storage_m * l.per_m;
  j["spills"] = g.spills;
  // HCM's cycle-based back of queue: left out without a measured signal cycle (off signals), as a null
  // in a report stands for a number that is not finite.
  j["cycles"] = g.cycles;
  if (g.cycles > 0) {
    j["cycle_p95_queue_veh"] = g.queue_cycle_p95_veh;
    j["cycle_p95_queue_" + l.m] = g.queue_cycle_p95_m * l.per_m;
    j["queue_storage_ratio"] = g.queue_storage_ratio;
    j["cycle_p95_spills"] = g.cycle_p95_spills;
  }
  j["arrivals_veh"] = g.arrivals_veh;
  j["departures_veh"] = g.departures_veh;
  return j;
}

nlohmann::ordered_json route_json(const RouteResult& r, const Lengths& l) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  j["nodes"] = r.nodes;
  j["links"] = r.links;
  j["length_" + l.m] = r.length_m * l.per_m;
  j["running_time_s"] = r.running_time_s;
  j["control_delay_s"] = r.control_delay_s;
  j["travel_time_s"] = r.travel_time_s;
  j["free_flow_speed_" + l.speed] = r.free_flow_speed_kmh * l.per_km;
  j["speed_" + l.speed] = r.speed_kmh * l.per_km;
  j["speed_share"] = r.speed_share;
  j["through_volume_veh_per_h"] = r.through_volume_veh_per_h;
  j["critical_v_c"] = r.critical_v_c;
  j["over_capacity"] = r.over_capacity;
  j["los"] = std::string(1, r.los);
  return j;
}

}  // namespace

std::string to_json(const SimulationResult& r, Units units) {
  const Lengths l = lengths(units);
  nlohmann::ordered_json j;
  j["units"] = units == Units::us ? "us" : "si";
  j["duration_s"] = r.duration_s;
  j["dt_s"] = r.dt_s;
  j["measured_from_s"] = r.measured_from_s;
  j["rate_period_s"] = r.rate_period_s;
  j["analysis_period_h"] = r.analysis_period_h;
  j["vehicles_entered"] = r.vehicles_entered;
  j["vehicles_exited"] = r.vehicles_exited;
  j["vehicles_inside"] = r.vehicles_inside;
  j["vehicles_waiting"] = r.vehicles_waiting;
  j["measured_vehicles_entered"] = r.measured_entered;
  j["measured_vehicles_exited"] = r.measured_exited;
  j["total_delay_veh_h"] = r.total_delay_veh_h;
  j["delay_s_per_veh"] = r.delay_s_per_veh;
  j["uniform_delay_s_per_veh"] = r.uniform_delay_s_per_veh;
  j["overflow_delay_s_per_veh"] = r.overflow_delay_s_per_veh;
  j["entry_delay_veh_h"] = r.entry_delay_veh_h;
  j["other_delay_veh_h"] = r.other_delay_veh_h;
  j["total_stops"] = r.total_stops;
  j["stops_per_veh"] = r.stops_per_veh;
  j["average_travel_time_s"] = r.average_travel_time_s;
  j["vehicle_hours"] = r.vehicle_hours;
  j["vehicle_" + l.km] = r.vehicle_km * l.per_km;
  j["throughput_veh_per_h"] = r.throughput_veh_per_h;
  nlohmann::ordered_json intersections = nlohmann::ordered_json::array();
  for (const auto& i : r.intersections) {
    nlohmann::ordered_json x;
    x["id"] = i.id;
    x["control"] = std::string(to_string(i.control));
    x["delay_s_per_veh"] = i.delay_s_per_veh;
    x["uniform_delay_s_per_veh"] = i.uniform_delay_s_per_veh;
    x["overflow_delay_s_per_veh"] = i.overflow_delay_s_per_veh;
    x["delay_veh_h"] = i.delay_veh_h;
    x["los"] = std::string(1, i.los);
    x["max_queue_veh"] = i.max_queue_veh;
    x["degree_of_saturation"] = i.degree_of_saturation;
    if (i.control == NodeControl::signalized) {
      x["critical_v_c"] = i.critical_v_c;
      x["average_cycle_s"] = i.average_cycle_s;
      nlohmann::ordered_json phases = nlohmann::ordered_json::array();
      for (const auto& p : i.phases) {
        phases.push_back({{"number", p.number}, {"greens", p.greens}, {"average_green_s", p.average_green_s}});
      }
      if (!i.phases.empty()) x["phases"] = std::move(phases);
    }
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const auto& g : i.lane_groups) groups.push_back(lane_group_json(g, l));
    x["lane_groups"] = std::move(groups);
    intersections.push_back(std::move(x));
  }
  j["intersections"] = std::move(intersections);
  nlohmann::ordered_json routes = nlohmann::ordered_json::array();
  for (const auto& route : r.routes) routes.push_back(route_json(route, l));
  j["routes"] = std::move(routes);
  nlohmann::ordered_json transitions = nlohmann::ordered_json::array();
  for (const auto& t : r.transitions) {
    nlohmann::ordered_json x;
    x["node"] = t.node;
    x["pattern"] = t.pattern;
    x["method"] = std::string(to_string(t.method));
    x["requested_s"] = t.requested_s;
    x["start_s"] = t.start_s;
    x["end_s"] = t.end_s;
    x["cycles"] = t.cycles;
    x["correction_s"] = t.correction_s;
    transitions.push_back(std::move(x));
  }
  j["transitions"] = std::move(transitions);
  nlohmann::ordered_json run;
  run["wall_time_s"] = r.run.wall_time_s;
  run["steps_per_s"] = r.run.steps_per_s;
  run["cell_updates_per_s"] = r.run.cell_updates_per_s;
  run["simulated_hours_per_s"] = r.run.simulated_hours_per_s;
  run["threads"] = r.run.threads;
  j["run"] = std::move(run);
  return j.dump(2) + "\n";
}

}  // namespace itsc

// SimulationResult → a readable text table, and the time series → CSV.
#include <algorithm>
#include <cstdio>
#include <string>

#include "itsc/simulate.hpp"
#include "io/text_append.hpp"

namespace itsc {

using detail::append;

std::string_view to_string(Indication indication) noexcept {
  switch (indication) {
    case Indication::red: return "red";
    case Indication::red_turn_on_red: return "red_turn_on_red";
    case Indication::yellow: return "yellow";
    case Indication::permitted_green: return "permitted_green";
    case Indication::protected_green: return "protected_green";
  }
  return "?";
}

std::string to_text(const SimulationResult& r, Units units) {
  // Lengths in the report's units.
  const bool us = units == Units::us;
  const double per_m = per_metre(units);
  const double km_factor = per_km(units);  // km and km/h
  const char* m_unit = us ? "ft" : "m";
  const char* km_unit = us ? "veh-mi" : "veh-km";
  std::string out;
  append(out, "Simulated %.0f s (dt %.1f s), measured from %.0f s; rates over %.0f s\n", r.duration_s, r.dt_s,
         r.measured_from_s, r.rate_period_s);
  append(out, "  vehicles: entered %.1f, exited %.1f, inside %.1f, waiting at entries %.1f\n", r.vehicles_entered,
         r.vehicles_exited, r.vehicles_inside, r.vehicles_waiting);
  append(out, "  delay: %.1f s/veh (simulated %.1f + overflow %.1f), total %.2f veh-h\n", r.delay_s_per_veh,
         r.uniform_delay_s_per_veh, r.overflow_delay_s_per_veh, r.total_delay_veh_h);
  append(out, "  stops: %.1f (%.2f per veh); travel time %.1f s; %.2f veh-h; %.2f %s; throughput %.0f veh/h\n",
         r.total_stops, r.stops_per_veh, r.average_travel_time_s, r.vehicle_hours, r.vehicle_km * km_factor, km_unit,
         r.throughput_veh_per_h);
  for (const auto& i : r.intersections) {
    if (i.control != NodeControl::signalized) {
      append(out, "\nIntersection %s (%s): delay %.1f s/veh (simulated %.1f + stop control %.1f), max X %.2f\n",
             i.id.c_str(), std::string(to_string(i.control)).c_str(), i.delay_s_per_veh, i.uniform_delay_s_per_veh,
             i.overflow_delay_s_per_veh, i.degree_of_saturation);
    } else {
      append(out, "\nIntersection %s: delay %.1f s/veh (simulated %.1f + overflow %.1f), LOS %c, max X %.2f, Xc %.2f\n",
             i.id.c_str(), i.delay_s_per_veh, i.uniform_delay_s_per_veh, i.overflow_delay_s_per_veh, i.los,
             i.degree_of_saturation, i.critical_v_c);
      if (!i.phases.empty()) {
        append(out, "  average cycle %.1f s; average green per phase:", i.average_cycle_s);
        for (const auto& p : i.phases) append(out, " %d: %.1f s (%.0f)", p.number, p.average_green_s, p.greens);
        out += '\n';
      }
    }
    const std::string q_max = std::string("q max ") + m_unit;
    const std::string storage = std::string("storage ") + m_unit;
    append(out, "  %-12s %8s %8s %8s %6s %8s %8s %8s %4s %6s %8s %8s %9s %8s %9s\n", "lane group", "v veh/h", "s veh/h",
           "c veh/h", "X", "delay s", "sim s", "ovf s", "LOS", "stops", "q mean", "q p95", "cyc p95", q_max.c_str(),
           storage.c_str());
    for (const auto& g : i.lane_groups) {
      // HCM's cycle-based 95th-percentile back of queue (veh), '-' without a signal cycle.
      char cycle_p95[32] = "-";
      if (g.cycles > 0) std::snprintf(cycle_p95, sizeof cycle_p95, "%.1f", g.queue_cycle_p95_veh);
      // A queue that filled its storage (a bay overflowing, a link holding back the node upstream): '!'
      // after the storage; a cycle-based back of queue that reaches it: '!' after that.
      append(out, "  %-12s %8.0f %8.0f %8.0f %6.2f %8.1f %8.1f %8.1f %4c %6.2f %8.1f %8.1f %8s%c %8.1f %8.0f%c\n",
             g.id.c_str(), g.volume_veh_per_h, g.saturation_flow_veh_per_h, g.capacity_veh_per_h, g.degree_of_saturation,
             g.delay_s_per_veh, g.uniform_delay_s_per_veh, g.overflow_delay_s_per_veh, g.los, g.stops_per_veh,
             g.queue_mean_veh, g.queue_p95_veh, cycle_p95, g.cycle_p95_spills ? '!' : ' ', g.queue_max_m * per_m,
             g.storage_m * per_m, g.spills ? '!' : ' ');
      // A shared group: one row per movement (its share of the group's queue; the same back of queue).
      if (g.movements.size() < 2) continue;
      for (const auto& m : g.movements) {
        append(out, "    %-10s %8.0f %8s %8s %6s %8.1f %8.1f %8.1f %4c %6.2f %8.1f %8s %9s %8.1f\n", m.id.c_str(),
               m.volume_veh_per_h, "", "", "", m.delay_s_per_veh, m.uniform_delay_s_per_veh, m.overflow_delay_s_per_veh,
               m.los, m.stops_per_veh, m.queue_mean_veh, "", "", m.queue_max_m * per_m);
      }
    }
  }
  if (!r.routes.empty()) {
    // One row per through route: HCM's urban street figures from its first signal to its last, the travel
    // speed as a percentage of the base free-flow speed (what the LOS is graded on); '!' after the LOS
    // when a through movement's v/c above 1 makes it F.
    const char* speed_unit = us ? "mi/h" : "km/h";
    const std::string length = std::string("length ") + m_unit;
    const std::string ffs = std::string("ffs ") + speed_unit;
    const std::string speed = std::string("speed ") + speed_unit;
    out += "\nRoutes (through, first signal to last)\n";
    append(out, "  %-24s %6s %10s %8s %8s %8s %10s %10s %6s %8s %6s %4s\n", "route", "nodes", length.c_str(), "run s",
           "delay s", "travel s", ffs.c_str(), speed.c_str(), "% ffs", "v veh/h", "v/c", "LOS");
    for (const auto& route : r.routes) {
      append(out, "  %-24s %6zu %10.0f %8.1f %8.1f %8.1f %10.1f %10.1f %6.1f %8.0f %6.2f %4c%c\n", route.id.c_str(),
             route.nodes.size(), route.length_m * per_m, route.running_time_s, route.control_delay_s,
             route.travel_time_s, route.free_flow_speed_kmh * km_factor, route.speed_kmh * km_factor,
             route.speed_share * 100.0, route.through_volume_veh_per_h, route.critical_v_c, route.los,
             route.over_capacity ? '!' : ' ');
    }
  }
  if (!r.transitions.empty()) out += "\nPattern transitions (time-of-day schedule)\n";
  for (const auto& t : r.transitions) {
    append(out, "  %-12s to %-12s %-8s requested %.1f s, from %.1f s to %.1f s: %d cycle(s), %+.1f s\n",
           t.node.c_str(), t.pattern.c_str(), std::string(to_string(t.method)).c_str(), t.requested_s, t.start_s,
           t.end_s, t.cycles, t.correction_s);
  }
  append(out, "\nwall time %.3f s (%.3g cell-updates/s, %.1f simulated h/s)\n", r.run.wall_time_s,
         r.run.cell_updates_per_s, r.run.simulated_hours_per_s);
  return out;
}

std::string timeseries_csv(const TimeSeries& series) {
  std::string out = "time_s,lane_group,queue_veh,flow_veh_per_h,indication,vehicles_inside\n";
  const std::size_t groups = series.lane_groups.size();
  for (std::size_t t = 0; t < series.time_s.size(); ++t) {
    for (std::size_t g = 0; g < groups; ++g) {
      append(out, "%.1f,%s,%.6g,%.6g,%s,%.6g\n", series.time_s[t], series.lane_groups[g].c_str(),
             series.queue_veh[t * groups + g], series.flow_veh_per_h[t * groups + g],
             std::string(to_string(series.indication[t * groups + g])).c_str(), series.vehicles_inside[t]);
    }
  }
  return out;
}

}  // namespace itsc

// OptimizeSummary → JSON and a readable before/after report.
#include <nlohmann/json.hpp>

#include <string>

#include "io/text_append.hpp"
#include "itsc/optimize.hpp"

namespace itsc {

namespace {

using detail::append;

nlohmann::ordered_json network_json(const Objective& o, const SimulationResult& r) {
  nlohmann::ordered_json j;
  j["objective"] = o.index;
  j["total_delay_veh_h"] = r.total_delay_veh_h;
  j["delay_s_per_veh"] = r.delay_s_per_veh;
  j["total_stops"] = r.total_stops;
  j["stops_per_veh"] = r.stops_per_veh;
  j["average_travel_time_s"] = r.average_travel_time_s;
  j["throughput_veh_per_h"] = r.throughput_veh_per_h;
  j["spillback_h"] = o.spillback_h;
  nlohmann::ordered_json intersections = nlohmann::ordered_json::array();
  for (const IntersectionResult& i : r.intersections) {
    if (i.control != NodeControl::signalized) continue;
    intersections.push_back({{"id", i.id},
                             {"delay_s_per_veh", i.delay_s_per_veh},
                             {"los", std::string(1, i.los)},
                             {"degree_of_saturation", i.degree_of_saturation},
                             {"critical_v_c", i.critical_v_c}});
  }
  j["intersections"] = std::move(intersections);
  return j;
}

double change_percent(double before, double after) { return before != 0 ? (after - before) / before * 100.0 : 0.0; }

}  // namespace

std::string to_json(const OptimizeSummary& s) {
  nlohmann::ordered_json j;
  j["objective"] = std::string(to_string(s.objective));
  j["stop_reason"] = std::string(to_string(s.stop_reason));
  j["evaluations"] = s.evaluations;
  j["restarts"] = s.restarts;
  j["wall_time_s"] = s.wall_time_s;
  j["kept_scenario_plan"] = s.kept_scenario_plan;
  j["timed_as_fixed"] = s.timed_as_fixed;
  j["degree_of_saturation_met"] = s.degree_of_saturation_met;
  j["max_degree_of_saturation"] = s.max_degree_of_saturation;
  j["demands"] = s.demands;
  j["robust"] = {{"before", s.robust_before}, {"after", s.robust_after}};
  j["search"] = {{"scenario_plan", s.scenario_search_objective},
                 {"webster_plan", s.webster_search_objective},
                 {"best", s.best_search_objective}};
  j["before"] = network_json(s.before, s.before_result);
  j["after"] = network_json(s.after, s.after_result);
  nlohmann::ordered_json signals = nlohmann::ordered_json::array();
  for (const OptimizedSignal& signal : s.signals) {
    signals.push_back({{"node", signal.node},
                       {"cycle_s", signal.cycle_s},
                       {"offset_s", signal.offset_s},
                       {"max_degree_of_saturation", signal.max_degree_of_saturation},
                       {"critical_v_c", signal.critical_v_c},
                       {"phases_at_maximum", signal.phases_at_maximum}});
  }
  j["signals"] = std::move(signals);
  nlohmann::ordered_json curve = nlohmann::ordered_json::array();
  for (const OptimizePoint& p : s.curve) {
    curve.push_back({{"elapsed_s", p.elapsed_s}, {"evaluations", p.evaluations}, {"objective", p.objective}});
  }
  j["curve"] = std::move(curve);
  return j.dump(2) + "\n";
}

std::string to_text(const OptimizeSummary& s) {
  std::string out;
  const SimulationResult& b = s.before_result;
  const SimulationResult& a = s.after_result;
  append(out, "Optimized for %s: %zu plans evaluated in %.1f s, stopped: %s\n", std::string(to_string(s.objective)).c_str(),
         s.evaluations, s.wall_time_s, std::string(to_string(s.stop_reason)).c_str());
  if (!s.timed_as_fixed.empty()) {
    std::string nodes;
    for (const std::string& node : s.timed_as_fixed) nodes += (nodes.empty() ? "" : ", ") + node;
    append(out, "  timed and returned as fixed-time plans (another controller in the scenario): %s\n", nodes.c_str());
  }
  if (s.restarts > 0) append(out, "  %zu restarts from random offsets; the best over the whole run is kept\n", s.restarts);
  if (s.kept_scenario_plan) out += "  no plan better than the scenario's over the whole run: the scenario's plan is kept\n";
  append(out, "  objective per hour of the search horizon: scenario plan %.3f, Webster plan %.3f, best %.3f\n", s.scenario_search_objective,
         s.webster_search_objective, s.best_search_objective);
  if (s.demands > 1) {
    append(out, "  robust: scored over %zu demands, whole run %.3f before, %.3f after (%+.1f%%)\n", s.demands,
           s.robust_before, s.robust_after, change_percent(s.robust_before, s.robust_after));
  }
  append(out, "  largest lane-group X %.3f: %s\n", s.max_degree_of_saturation,
         s.degree_of_saturation_met ? "within the limit" : "above the limit: no plan meets it, the largest X is minimized");
  append(out, "\nWhole run (%.0f s, measured from %.0f s)   %12s %12s %8s\n", b.duration_s, b.measured_from_s, "before",
         "after", "change");
  const auto row = [&](const char* name, double before, double after, const char* format) {
    std::string line = std::string("  %-38s ") + format + " " + format + " %+7.1f%%\n";
    append(out, line.c_str(), name, before, after, change_percent(before, after));
  };
  row("objective", s.before.index, s.after.index, "%12.3f");
  row("delay (veh-h)", b.total_delay_veh_h, a.total_delay_veh_h, "%12.2f");
  row("delay (s/veh)", b.delay_s_per_veh, a.delay_s_per_veh, "%12.1f");
  row("stops (per veh)", b.stops_per_veh, a.stops_per_veh, "%12.3f");
  row("travel time (s/veh)", b.average_travel_time_s, a.average_travel_time_s, "%12.1f");
  row("throughput (veh/h)", b.throughput_veh_per_h, a.throughput_veh_per_h, "%12.0f");
  append(out, "\n  %-14s %8s %8s %11s %11s %5s %5s %7s %7s\n", "intersection", "cycle s", "offset s", "delay s/veh",
         "", "LOS", "", "max X", "");
  append(out, "  %-14s %8s %8s %11s %11s %5s %5s %7s %7s\n", "", "", "", "before", "after", "bef.", "aft.", "before", "after");
  for (std::size_t i = 0; i < b.intersections.size() && i < a.intersections.size(); ++i) {
    const IntersectionResult& x = b.intersections[i];
    const IntersectionResult& y = a.intersections[i];
    if (x.control != NodeControl::signalized) continue;
    const OptimizedSignal* signal = nullptr;
    for (const OptimizedSignal& candidate : s.signals) {
      if (candidate.node == x.id) signal = &candidate;
    }
    append(out, "  %-14s %8.0f %8.1f %11.1f %11.1f %5c %5c %7.2f %7.2f\n", x.id.c_str(), signal ? signal->cycle_s : 0.0,
           signal ? signal->offset_s : 0.0, x.delay_s_per_veh, y.delay_s_per_veh, x.los, y.los, x.degree_of_saturation,
           y.degree_of_saturation);
  }
  for (const OptimizedSignal& signal : s.signals) {
    if (signal.phases_at_maximum.empty()) continue;
    std::string numbers;
    for (const int n : signal.phases_at_maximum) numbers += (numbers.empty() ? "" : ", ") + std::to_string(n);
    append(out, "  %s: %s %s at Max1 (a longer green there needs a larger Max1)\n", signal.node.c_str(),
           signal.phases_at_maximum.size() > 1 ? "phases" : "phase", numbers.c_str());
  }
  return out;
}

}  // namespace itsc

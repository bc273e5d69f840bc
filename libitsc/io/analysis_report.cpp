// Analysis → JSON and readable tables.
#include <nlohmann/json.hpp>

#include <string>

#include "io/text_append.hpp"
#include "itsc/analyze.hpp"

namespace itsc {

namespace {

using detail::append;

nlohmann::ordered_json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string to_json(const Analysis& analysis) {
  nlohmann::ordered_json j;
  j["analysis_period_h"] = analysis.analysis_period_h;
  nlohmann::ordered_json signals = nlohmann::ordered_json::array();
  for (const SignalAnalysis& s : analysis.signals) {
    nlohmann::ordered_json x;
    x["node"] = s.node;
    x["cycle_s"] = s.cycle_s;
    x["critical_flow_ratio_sum"] = s.critical_flow_ratio_sum;
    x["lost_time_s"] = s.lost_time_s;
    x["critical_v_c"] = s.critical_v_c;
    x["webster_cycle_s"] = optional_json(s.webster_cycle_s);
    x["minimum_cycle_s"] = optional_json(s.minimum_cycle_s);
    x["target_v_c"] = s.target_v_c;
    x["target_cycle_s"] = optional_json(s.target_cycle_s);
    x["delay_s_per_veh"] = s.delay_s_per_veh;
    x["los"] = std::string(1, s.los);
    nlohmann::ordered_json phases = nlohmann::ordered_json::array();
    for (const PhaseAnalysis& p : s.phases) {
      phases.push_back({{"number", p.number},
                        {"flow_ratio", p.flow_ratio},
                        {"critical", p.critical},
                        {"lost_time_s", p.lost_time_s},
                        {"min_split_s", p.min_split_s},
                        {"split_s", p.split_s},
                        {"webster_split_s", optional_json(p.webster_split_s)}});
    }
    x["phases"] = std::move(phases);
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const LaneGroupAnalysis& g : s.lane_groups) {
      groups.push_back({{"id", g.id},
                        {"phase", g.phase},
                        {"critical", g.critical},
                        {"volume_veh_per_h", g.volume_veh_per_h},
                        {"saturation_flow_veh_per_h", g.saturation_flow_veh_per_h},
                        {"flow_ratio", g.flow_ratio},
                        {"effective_green_s", g.effective_green_s},
                        {"capacity_veh_per_h", g.capacity_veh_per_h},
                        {"degree_of_saturation", g.degree_of_saturation},
                        {"uniform_delay_s", g.uniform_delay_s},
                        {"incremental_delay_s", g.incremental_delay_s},
                        {"delay_s", g.delay_s},
                        {"los", std::string(1, g.los)}});
    }
    x["lane_groups"] = std::move(groups);
    signals.push_back(std::move(x));
  }
  j["signals"] = std::move(signals);
  return j.dump(2) + "\n";
}

std::string to_text(const Analysis& analysis) {
  std::string out;
  append(out, "Closed-form analysis (HCM pretimed delay d1 + d2, k = 0.5, I = 1, T = %.2f h; Webster's cycle)\n",
         analysis.analysis_period_h);
  for (const SignalAnalysis& s : analysis.signals) {
    append(out, "\nSignal %s: cycle %.1f s, Y %.3f, L %.1f s, Xc %.3f, delay %.1f s/veh, LOS %c\n", s.node.c_str(),
           s.cycle_s, s.critical_flow_ratio_sum, s.lost_time_s, s.critical_v_c, s.delay_s_per_veh, s.los);
    if (s.webster_cycle_s) {
      append(out, "  Webster cycle C0 %.1f s; minimum cycle (Xc = 1) %.1f s", *s.webster_cycle_s, *s.minimum_cycle_s);
    } else {
      out += "  Y >= 1: no cycle serves the demand (no Webster or minimum cycle)";
    }
    if (s.target_cycle_s) {
      append(out, "; cycle for Xc = %.2f: %.1f s\n", s.target_v_c, *s.target_cycle_s);
    } else {
      append(out, "; no cycle reaches Xc = %.2f\n", s.target_v_c);
    }
    append(out, "  %-6s %7s %9s %8s %9s %8s %10s\n", "phase", "y", "critical", "lost s", "min s", "split s", "Webster s");
    for (const PhaseAnalysis& p : s.phases) {
      char webster[32] = "-";
      if (p.webster_split_s) std::snprintf(webster, sizeof webster, "%.1f", *p.webster_split_s);
      append(out, "  %-6d %7.3f %9s %8.1f %9.1f %8.1f %10s\n", p.number, p.flow_ratio, p.critical ? "yes" : "", p.lost_time_s,
             p.min_split_s, p.split_s, webster);
    }
    append(out, "  %-12s %5s %8s %8s %6s %6s %8s %6s %7s %7s %7s %4s\n", "lane group", "phase", "v veh/h", "s veh/h", "y",
           "g s", "c veh/h", "X", "d1 s", "d2 s", "d s", "LOS");
    for (const LaneGroupAnalysis& g : s.lane_groups) {
      append(out, "  %-12s %5d %8.0f %8.0f %6.3f %6.1f %8.0f %6.3f %7.1f %7.1f %7.1f %4c%s\n", g.id.c_str(), g.phase,
             g.volume_veh_per_h, g.saturation_flow_veh_per_h, g.flow_ratio, g.effective_green_s, g.capacity_veh_per_h,
             g.degree_of_saturation, g.uniform_delay_s, g.incremental_delay_s, g.delay_s, g.los, g.critical ? " *" : "");
    }
  }
  out += "\n* critical lane group\n";
  return out;
}

}  // namespace itsc

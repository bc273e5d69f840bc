// Closed-form HCM and Webster analysis of the signals (docs/optimizer.md, "Analysis").
#include <algorithm>
#include <string>

#include "itsc/analyze.hpp"
#include "itsc/error.hpp"
#include "itsc/hcm.hpp"
#include "itsc/plan.hpp"
#include "analyze/permitted_left.hpp"
#include "model/signal_phases.hpp"

namespace itsc {

SignalAnalysis analyze_signal(const Model& model, std::size_t signal, const Timing& timing,
                              std::span<const double> movement_volume_veh_per_h, const AnalyzeOptions& options) {
  if (!(options.target_v_c > 0) || options.target_v_c > 1) {
    throw Error(ErrorCode::invalid_input, "analyze: the target v/c must be in (0, 1]");
  }
  const detail::SignalPhases phases = detail::signal_phases(model, signal, timing);
  SignalAnalysis r;
  r.node = model.node_id[model.signalized_nodes[signal]];
  r.cycle_s = timing.cycle_s;
  r.target_v_c = options.target_v_c;
  // Lane groups: v and s from the movements' volumes.
  std::vector<double> group_volume(model.lane_group_count(), 0.0), group_saturation(model.lane_group_count(), 0.0);
  for (const std::uint32_t g : phases.groups) {
    const detail::GroupDemand demand = detail::group_demand(model, g, movement_volume_veh_per_h);
    group_volume[g] = demand.volume_veh_per_h;
    group_saturation[g] = demand.saturation_veh_per_h;
  }
  // Permitted and protected-permitted lefts: the rate their analysed phase must serve them at is their
  // capacity (the gaps' after the opposing queue clears, and the sneakers) over its green.
  const std::vector<double> lane_saturation = group_saturation;
  detail::apply_permitted_left_saturation(model, phases, movement_volume_veh_per_h, timing.cycle_s, group_saturation);
  const std::vector<double> y = detail::phase_flow_ratios(phases, group_volume, group_saturation);
  const hcm::CriticalPath path = hcm::critical_path(phases.rings, y, phases.lost_time_s);
  r.critical_flow_ratio_sum = path.flow_ratio_sum;
  r.lost_time_s = path.lost_time_s;
  r.critical_v_c = hcm::critical_v_c(path.flow_ratio_sum, timing.cycle_s, path.lost_time_s);
  if (path.flow_ratio_sum < 1) {
    r.webster_cycle_s = hcm::webster_cycle_s(path.lost_time_s, path.flow_ratio_sum);
    r.minimum_cycle_s = hcm::cycle_for_critical_v_c_s(path.lost_time_s, path.flow_ratio_sum, 1.0);
  }
  if (path.flow_ratio_sum < options.target_v_c) {
    r.target_cycle_s = hcm::cycle_for_critical_v_c_s(path.lost_time_s, path.flow_ratio_sum, options.target_v_c);
  }
  // Phases, with Webster's splits at the plan's cycle where the minimums fit.
  std::vector<hcm::PhaseDemand> needs;
  for (std::size_t p = 0; p < phases.plan.phases.size(); ++p) {
    needs.push_back({y[p], phases.lost_time_s[p], phases.min_split_s[p]});
  }
  std::vector<double> webster;
  try {
    webster = hcm::ring_barrier_splits_s(timing.cycle_s, phases.rings, needs);
  } catch (const Error&) {
    webster.clear();  // the minimums do not fit in the cycle: no split to show
  }
  for (std::size_t p = 0; p < phases.plan.phases.size(); ++p) {
    PhaseAnalysis phase;
    phase.number = phases.plan.phases[p].number;
    phase.flow_ratio = y[p];
    phase.lost_time_s = phases.lost_time_s[p];
    phase.min_split_s = phases.min_split_s[p];
    phase.split_s = phases.plan.phases[p].split_s;
    phase.critical = std::find(path.phases.begin(), path.phases.end(), p) != path.phases.end();
    if (!webster.empty()) phase.webster_split_s = webster[p];
    r.phases.push_back(phase);
  }
  // Lane groups: capacity, X, HCM's pretimed delay and LOS.
  double volume_sum = 0;
  for (std::size_t i = 0; i < phases.groups.size(); ++i) {
    const std::uint32_t g = phases.groups[i];
    const std::size_t p = phases.group_phase[i];
    LaneGroupAnalysis group;
    group.id = model.lane_group_id[g];
    group.volume_veh_per_h = group_volume[g];
    group.saturation_flow_veh_per_h = lane_saturation[g];
    group.flow_ratio = group_saturation[g] > 0 ? group_volume[g] / group_saturation[g] : 0.0;
    if (p < phases.plan.phases.size()) {
      group.phase = phases.plan.phases[p].number;
      group.critical = r.phases[p].critical && group.flow_ratio == y[p] && y[p] > 0;
      group.effective_green_s = std::max(0.0, phases.plan.phases[p].split_s - phases.lost_time_s[p]);
    }
    group.capacity_veh_per_h = hcm::capacity_veh_per_h(group_saturation[g], group.effective_green_s, timing.cycle_s);
    group.degree_of_saturation = hcm::degree_of_saturation(group.volume_veh_per_h, group.capacity_veh_per_h);
    if (group.volume_veh_per_h > 0 && group.capacity_veh_per_h > 0) {
      group.uniform_delay_s = hcm::uniform_delay_s(timing.cycle_s, group.effective_green_s, group.degree_of_saturation);
      group.incremental_delay_s = hcm::incremental_delay_s(group.degree_of_saturation, group.capacity_veh_per_h,
                                                           model.analysis_period_h);
      group.delay_s = group.uniform_delay_s + group.incremental_delay_s;
    }
    group.los = hcm::to_char(hcm::los(group.delay_s, group.degree_of_saturation));
    if (group.volume_veh_per_h > 0 && group.capacity_veh_per_h <= 0) group.los = 'F';
    volume_sum += group.volume_veh_per_h;
    r.delay_s_per_veh += group.volume_veh_per_h * group.delay_s;
    r.lane_groups.push_back(group);
  }
  if (volume_sum > 0) r.delay_s_per_veh /= volume_sum;
  r.los = hcm::to_char(hcm::los_from_delay(r.delay_s_per_veh));
  return r;
}

Analysis analyze(const Scenario& scenario, const AnalyzeOptions& options) {
  const Model model = compile(scenario);
  const BatchDemand demand = compile_demand(model, scenario.demand, 1);
  const PlanSet plans = compile_plans(scenario, model, 1);
  const std::vector<double> volumes = demand_volumes(model, demand);
  Analysis r;
  r.analysis_period_h = model.analysis_period_h;
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    r.signals.push_back(analyze_signal(model, s, plans.plan(s, 0).timing, volumes, options));
  }
  return r;
}

}  // namespace itsc

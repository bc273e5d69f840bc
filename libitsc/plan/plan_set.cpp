// Timings → the compiled plans of a batch, and back.
#include <algorithm>

#include "itsc/error.hpp"
#include "itsc/plan.hpp"
#include "itsc/ring_plan.hpp"
#include "network/geometry.hpp"

namespace itsc {

namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::invalid_input, message); }

const Node& node_of(const Scenario& scenario, const Model& model, std::size_t signal) {
  const std::string& id = model.node_id[model.signalized_nodes[signal]];
  const Node* node = scenario.network.find_node(id);
  if (node == nullptr) throw Error(ErrorCode::invalid_input, "node '" + id + "': not in the scenario");
  return *node;
}

// The schedule's switches of one signal: one per entry whose pattern lists its node.
std::vector<NodeSwitch> node_switches(const Scenario& scenario, const Model& model, std::size_t signal) {
  std::vector<NodeSwitch> switches;
  const Node& node = node_of(scenario, model, signal);
  for (const ScheduleEntry& entry : scenario.schedule) {
    const auto pattern = scenario.patterns.find(entry.pattern);
    if (pattern == scenario.patterns.end()) continue;  // validation reports it
    const auto timing = pattern->second.timing.find(node.id);
    if (timing == pattern->second.timing.end()) continue;
    Timing fixed = timing->second;
    fixed.controller = "fixed";
    switches.push_back({to_tenths(schedule_time_s(entry.at_s, scenario.simulation.start_time_s)),
                        compile_plan(scenario, model, signal, fixed), entry.pattern, entry.transition});
  }
  return switches;
}

}  // namespace

SignalPlan compile_plan(const Scenario& scenario, const Model& model, std::size_t signal, const Timing& timing) {
  const Node& node = node_of(scenario, model, signal);
  const IntersectionLayout& layout = model.signal_layout[signal];
  const RingPlan plan = ring_plan_of(timing);
  if (plan.phases.empty()) fail("timing of node '" + node.id + "': the plan has no stage or phase");
  const auto check = [&](const Service& service) {
    for (const auto* ids : {&service.protected_movements, &service.permitted_movements}) {
      for (const std::string& id : *ids) {
        if (std::find(layout.movements.begin(), layout.movements.end(), id) == layout.movements.end()) {
          fail("timing of node '" + node.id + "': the plan references unknown movement '" + id + "'");
        }
      }
    }
  };
  for (const Phase& phase : plan.phases) check(phase.serves);
  for (const Overlap& overlap : plan.overlaps) check(overlap.serves);
  // A left it permits yields to the opposing flow, found from its approach's bearing (model/yielding.cpp).
  const auto permitted_left_needs_bearing = [&](const Service& service) {
    for (const std::string& id : service.permitted_movements) {
      const auto m = model.find_movement(model.signalized_nodes[signal], id);
      const TurnType turn = model.movement_turn[m];
      if ((turn != TurnType::left && turn != TurnType::u_turn) || model.movement_yield[m] == YieldRule::permitted_green) {
        continue;
      }
      const Link* link = scenario.network.find_link(model.link_id[model.movement_from_link[m]]);
      if (link == nullptr || !detail::leg_bearing_deg(scenario.network, node, *link)) {
        fail("node '" + node.id + "', movement '" + id + "': a yielding left turn needs the bearing of its approach "
             "(a leg bearing_deg or node coordinates) to find the opposing approach");
      }
    }
  };
  for (const Phase& phase : plan.phases) permitted_left_needs_bearing(phase.serves);
  for (const Overlap& overlap : plan.overlaps) permitted_left_needs_bearing(overlap.serves);
  return compile_signal_plan(resolve_timing(timing, node, scenario.network), layout);
}

PlanSet compile_plans(const Scenario& scenario, const Model& model, std::size_t batch, const std::string& controller) {
  return compile_plans(scenario, model, {}, batch, controller);
}

PlanSet compile_plans(const Scenario& scenario, const Model& model,
                      std::span<const std::map<std::string, Timing>> timing_per_member, std::size_t batch,
                      const std::string& controller) {
  if (!timing_per_member.empty() && timing_per_member.size() != batch) {
    throw Error(ErrorCode::invalid_input, "batch: timing given for " + std::to_string(timing_per_member.size()) +
                                              " members, expected " + std::to_string(batch));
  }
  PlanSet set;
  set.batch = batch;
  set.plans.reserve(model.signal_count() * batch);
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    const std::string& node = model.node_id[model.signalized_nodes[s]];
    for (std::size_t b = 0; b < batch; ++b) {
      const auto& source = timing_per_member.empty() ? scenario.timing : timing_per_member[b];
      const auto found = source.find(node);
      if (found == source.end()) {
        throw Error(ErrorCode::invalid_input, "batch member " + std::to_string(b) + ": no timing for node '" + node + "'");
      }
      // Members with the same timing share one compilation.
      if (b > 0 && (timing_per_member.empty() || found->second == timing_per_member[b - 1].at(node))) {
        set.plans.push_back(set.plans.back());
        continue;
      }
      Timing timing = found->second;
      if (!controller.empty()) timing.controller = controller;
      set.plans.push_back(compile_plan(scenario, model, s, timing));
    }
    const IntersectionLayout& layout = model.signal_layout[s];
    const std::string& name = set.plans.back().timing.controller;
    // Without detectors an actuated controller would serve recalls only: refused, not run blind.
    const bool called = std::any_of(layout.detector_calls.begin(), layout.detector_calls.end(),
                                    [](const std::vector<int>& phases) { return !phases.empty(); });
    if (name == "actuated" && !called) {
      throw Error(ErrorCode::invalid_input,
                  "controller 'actuated' needs detectors that call its phases; signalized node '" + node + "' has none");
    }
    // A time-of-day schedule drives the fixed-time nodes its patterns list (docs/signals.md).
    set.switches.push_back(name == "fixed" ? node_switches(scenario, model, s) : std::vector<NodeSwitch>{});
  }
  return set;
}

std::map<std::string, Timing> plan_timing(const Model& model, const PlanSet& plans, std::size_t b) {
  std::map<std::string, Timing> timing;
  for (std::size_t s = 0; s < plans.signal_count(); ++s) {
    timing.emplace(model.node_id[model.signalized_nodes[s]], plans.plan(s, b).timing);
  }
  return timing;
}

PlanSet slice(const PlanSet& plans, std::size_t begin, std::size_t count) {
  PlanSet part;
  part.batch = count;
  part.switches = plans.switches;
  part.plans.reserve(plans.signal_count() * count);
  for (std::size_t s = 0; s < plans.signal_count(); ++s) {
    const auto all = plans.signal_plans(s);
    part.plans.insert(part.plans.end(), all.begin() + static_cast<std::ptrdiff_t>(begin),
                      all.begin() + static_cast<std::ptrdiff_t>(begin + count));
  }
  return part;
}

std::vector<std::unique_ptr<Controller>> make_controllers(const Model& model, const PlanSet& plans) {
  if (plans.signal_count() != model.signal_count() || plans.plans.size() != plans.signal_count() * plans.batch) {
    throw Error(ErrorCode::invalid_input, "plans: compiled for another model");
  }
  std::vector<std::unique_ptr<Controller>> controllers;
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    const auto members = plans.signal_plans(s);
    const IntersectionLayout& layout = model.signal_layout[s];
    const bool fixed = std::all_of(members.begin(), members.end(),
                                   [](const SignalPlan& plan) { return plan.timing.controller == "fixed"; });
    if (fixed) {
      controllers.push_back(std::make_unique<FixedTimeController>(members, layout, plans.switches[s]));
      continue;
    }
    std::vector<Timing> timings;
    for (const SignalPlan& plan : members) timings.push_back(plan.timing);
    controllers.push_back(make_controller(timings, layout));
  }
  return controllers;
}

}  // namespace itsc

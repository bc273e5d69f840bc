#pragma once
/// @file plan.hpp
/// The signal plans of a batch, compiled against one Model: per signal (by index, `Model::signalized_nodes`
/// order) and per member, the resolved timing and its interval table (`SignalPlan`), with the
/// time-of-day switches of the scenario's schedule. A `Simulation` runs them; the optimizer, the C API
/// and the bindings change them member by member (`Simulation::set_plan`) without compiling anything
/// else again.

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "itsc/controller.hpp"
#include "itsc/model.hpp"
#include "itsc/scenario.hpp"
#include "itsc/signal_plan.hpp"

namespace itsc {

/// The plans of B members.
struct PlanSet {
  std::size_t batch = 1;                          ///< B
  std::vector<SignalPlan> plans;                  ///< [signal × B]
  std::vector<std::vector<NodeSwitch>> switches;  ///< [signal] schedule switches (fixed-time signals;
                                                  ///< every member the same)
  [[nodiscard]] SignalPlan& plan(std::size_t signal, std::size_t b) noexcept { return plans[signal * batch + b]; }
  [[nodiscard]] const SignalPlan& plan(std::size_t signal, std::size_t b) const noexcept {
    return plans[signal * batch + b];
  }
  /// Signal s's plans of all members, in member order.
  [[nodiscard]] std::span<const SignalPlan> signal_plans(std::size_t signal) const noexcept {
    return std::span<const SignalPlan>(plans).subspan(signal * batch, batch);
  }
  [[nodiscard]] std::size_t signal_count() const noexcept { return switches.size(); }
};

/// The plan of `timing` for signal `signal` of `model`: clearances the timing leaves out take their
/// defaults from the node's geometry (`resolve_timing`), and a fixed-time plan gets its interval table.
/// Throws `itsc::Error` (invalid_input) naming the node for a timing that does not compile.
[[nodiscard]] SignalPlan compile_plan(const Scenario& scenario, const Model& model, std::size_t signal,
                                      const Timing& timing);

/// The scenario's own plans for B members, every member the same. `controller`, when not empty, replaces
/// every timing's controller (one of `kControllerNames`). Throws `itsc::Error` (invalid_input) for a
/// signal without timing, an actuated signal without calling detectors, or a plan that does not compile.
[[nodiscard]] PlanSet compile_plans(const Scenario& scenario, const Model& model, std::size_t batch = 1,
                                    const std::string& controller = {});
/// One timing map (by signalized node id) per member; empty: the scenario's for every member.
[[nodiscard]] PlanSet compile_plans(const Scenario& scenario, const Model& model,
                                    std::span<const std::map<std::string, Timing>> timing_per_member,
                                    std::size_t batch, const std::string& controller = {});

/// Member b's plans as timings by node id: what a plan file holds.
[[nodiscard]] std::map<std::string, Timing> plan_timing(const Model& model, const PlanSet& plans, std::size_t b);

/// Members [begin, begin + count) of `plans`, a batch of their own.
[[nodiscard]] PlanSet slice(const PlanSet& plans, std::size_t begin, std::size_t count);

/// One controller per signal for the members of `plans` (`make_controller`; a fixed-time signal follows
/// its switches). Throws `itsc::Error` (invalid_input) for plans its controller cannot run.
[[nodiscard]] std::vector<std::unique_ptr<Controller>> make_controllers(const Model& model, const PlanSet& plans);

}  // namespace itsc

// Simulation: a compiled model with its batch demand, controllers and state; `simulate` runs one.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <type_traits>

#include "itsc/error.hpp"
#include "itsc/ring_plan.hpp"
#include "itsc/simulate.hpp"
#include "sim/kernel.hpp"

namespace itsc {

namespace {

// The smallest part of a batch worth a thread of its own (engine_grid6x6 at B = 4, 8 and 16 on one and
// two threads, docs/performance.md).
constexpr std::size_t kMinPartMembers = 4;

// The run length: the scenario's setting, else the demand profile's length.
std::vector<std::unique_ptr<Controller>> make_controllers(const Model& model, const Scenario& scenario,
                                                          const BatchSpec& spec, std::size_t batch,
                                                          const std::string& controller_override) {
  if (!spec.timing.empty() && spec.timing.size() != batch) {
    throw Error(ErrorCode::invalid_input, "batch: timing given for " + std::to_string(spec.timing.size()) +
                                              " members, expected " + std::to_string(batch));
  }
  std::vector<std::unique_ptr<Controller>> controllers;
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    const std::string& node = model.node_id[model.signalized_nodes[s]];
    std::vector<Timing> timings;
    for (std::size_t b = 0; b < batch; ++b) {
      const auto& source = spec.timing.empty() ? scenario.timing : spec.timing[b];
      const auto found = source.find(node);
      if (found == source.end()) {
        throw Error(ErrorCode::invalid_input, "batch member " + std::to_string(b) + ": no timing for node '" + node + "'");
      }
      Timing timing = found->second;
      if (!controller_override.empty()) timing.controller = controller_override;
      // Absent intervals take their defaults from the node's geometry.
      timings.push_back(resolve_timing(timing, *scenario.network.find_node(node), scenario.network));
    }
    IntersectionLayout layout;
    for (auto m = model.signal_movement_begin[s]; m < model.signal_movement_end[s]; ++m) {
      layout.movements.push_back(model.movement_id[m]);
      if (model.movement_yield[m] == YieldRule::turn_on_red) layout.turn_on_red.push_back(model.movement_id[m]);
      // What max-pressure weighs: saturation flow, and the storages its normalization divides by.
      const auto group = model.movement_lane_group[m];
      const auto to = model.movement_to_link[m];
      layout.saturation_veh_per_s.push_back(model.lane_group_saturation_veh_per_s[group]);
      layout.storage_veh.push_back(model.lane_group_storage_veh[group]);
      layout.receiving_storage_veh.push_back(model.link_cell_jam_veh[to] * model.link_cell_count[to]);
    }
    layout.crosswalks = model.signal_crosswalks[s];
    layout.detectors = model.signal_detectors[s];
    for (const std::string& id : layout.detectors) {
      const auto found = std::find_if(scenario.network.detectors.begin(), scenario.network.detectors.end(),
                                      [&](const Detector& d) { return d.id == id; });
      layout.detector_calls.push_back(found == scenario.network.detectors.end() ? std::vector<int>{} : found->calls);
      layout.detector_extends.push_back(found == scenario.network.detectors.end() ? std::vector<int>{} : found->extends);
      layout.detector_delay_s.push_back(found == scenario.network.detectors.end() ? 0.0 : found->delay_s);
      layout.detector_extend_s.push_back(found == scenario.network.detectors.end() ? 0.0 : found->extend_s);
    }
    // Without detectors an actuated controller would serve recalls only: refused, not run blind.
    const bool called = std::any_of(layout.detector_calls.begin(), layout.detector_calls.end(),
                                    [](const std::vector<int>& phases) { return !phases.empty(); });
    if (timings.front().controller == "actuated" && !called) {
      throw Error(ErrorCode::invalid_input,
                  "controller 'actuated' needs detectors that call its phases; signalized node '" + node + "' has none");
    }
    // A time-of-day schedule drives fixed-time nodes its patterns list (docs/signals.md).
    std::vector<NodeSwitch> switches = node_switches(scenario, node);
    if (!switches.empty() && timings.front().controller == "fixed") {
      controllers.push_back(std::make_unique<ScheduledController>(timings, switches, layout));
      continue;
    }
    controllers.push_back(make_controller(timings, layout));
  }
  return controllers;
}

CompileOptions compile_options(const SimulateOptions& options) {
  CompileOptions compile = options.compile;
  if (options.dt_s > 0) compile.dt_s = options.dt_s;
  return compile;
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, const SimulateOptions& options, const BatchSpec& spec)
    : model_(compile(scenario, compile_options(options))) {
  const std::size_t batch = std::max<std::size_t>(1, spec.size);
  if (!spec.demand.empty() && spec.demand.size() != batch) {
    throw Error(ErrorCode::invalid_input, "batch: demand given for " + std::to_string(spec.demand.size()) +
                                              " members, expected " + std::to_string(batch));
  }
  demand_ = spec.demand.empty() ? compile_demand(model_, scenario.demand, batch) : compile_demand(model_, spec.demand);
  if (!options.controller.empty() &&
      std::find(kControllerNames.begin(), kControllerNames.end(), options.controller) == kControllerNames.end()) {
    throw Error(ErrorCode::invalid_input,
                "unknown controller '" + options.controller + "' (known: " + controller_names_text() + ")");
  }
  if (!isa_supported(options.isa)) {
    throw Error(ErrorCode::invalid_input, "instruction set '" + std::string(isa_name(options.isa)) +
                                              "' is not supported by this CPU or build (best here: " +
                                              std::string(isa_name(resolve_isa(Isa::best))) + ")");
  }
  controllers_ = make_controllers(model_, scenario, spec, batch, options.controller);
  for (auto& controller : controllers_) controller_views_.push_back(controller.get());
  state_ = make_state(model_, batch);
  step_options_.threads = std::max(1, options.threads);
  step_options_.detectors = options.detectors;
  step_options_.isa = options.isa;
  // Several threads: the batch runs in parts of at least kMinPartMembers members, one per thread.
  const std::size_t parts = std::min(static_cast<std::size_t>(step_options_.threads), batch / kMinPartMembers);
  for (std::size_t p = 0; parts > 1 && p < parts; ++p) {
    const std::size_t begin = batch * p / parts;
    const std::size_t end = batch * (p + 1) / parts;
    const auto slice = [&](const auto& all) {
      using Items = std::remove_cvref_t<decltype(all)>;
      return all.empty() ? Items{} : Items(all.begin() + static_cast<std::ptrdiff_t>(begin),
                                           all.begin() + static_cast<std::ptrdiff_t>(end));
    };
    const BatchSpec part_spec{end - begin, slice(spec.timing), slice(spec.demand)};
    Part& part = parts_.emplace_back();
    part.begin = begin;
    part.demand = part_spec.demand.empty() ? compile_demand(model_, scenario.demand, end - begin)
                                           : compile_demand(model_, part_spec.demand);
    part.controllers = make_controllers(model_, scenario, part_spec, end - begin, options.controller);
    for (auto& controller : part.controllers) part.views.push_back(controller.get());
    part.state = make_state(model_, end - begin);
  }
  duration_s_ = options.duration_s > 0 ? options.duration_s : scenario.duration_s();
  if (!(duration_s_ > 0)) throw Error(ErrorCode::invalid_input, "simulation: the duration must be positive");
  timeseries_interval_s_ = options.timeseries_interval_s;
  after_step_ = options.after_step;
  if (timeseries_interval_s_ > 0) {
    for (std::size_t g = 0; g < model_.lane_group_count(); ++g) {
      if (model_.lane_group_signalized[g] == 0) continue;
      timeseries_.lane_groups.push_back(model_.node_id[model_.lane_group_node[g]] + "/" + model_.lane_group_id[g]);
    }
  }
}

void Simulation::step() noexcept { advance(state_.time_tenths + model_.dt_tenths); }

void Simulation::run_until(double time_s) {
  const Tenths end = to_tenths(time_s);
  if (after_step_) {
    // A hook after every step: the parts advance one step at a time.
    while (state_.time_tenths + model_.dt_tenths / 2 < end) {
      advance(state_.time_tenths + model_.dt_tenths);
      after_step_(*this);
    }
    return;
  }
  advance(end);
}

void Simulation::advance(Tenths end) noexcept {
  if (parts_.empty()) {
    while (state_.time_tenths + model_.dt_tenths / 2 < end) itsc::step(model_, state_, demand_, controller_views_, step_options_);
    return;
  }
  // Each part runs all its steps on its own thread: no meeting between steps.
  const auto parts = static_cast<std::ptrdiff_t>(parts_.size());
#if defined(ITSC_HAVE_OPENMP)
#pragma omp parallel for schedule(static, 1) num_threads(static_cast<int>(parts))
#endif
  for (std::ptrdiff_t p = 0; p < parts; ++p) {
    Part& part = parts_[static_cast<std::size_t>(p)];
    while (part.state.time_tenths + model_.dt_tenths / 2 < end) itsc::step(model_, part.state, part.demand, part.views, StepOptions{1, step_options_.detectors, step_options_.isa});
  }
  state_.time_tenths = parts_.front().state.time_tenths;
  stale_ = true;
}

void Simulation::gather() const noexcept {
  if (!stale_) return;
  for (const Part& part : parts_) detail::place_members(state_, part.state, part.begin);
  stale_ = false;
}

void Simulation::sample(double since_s, const std::vector<double>& departures_before) {
  const State& state = this->state();
  const std::size_t batch = state.batch;
  timeseries_.time_s.push_back(time_s());
  std::size_t column = 0;
  for (std::size_t g = 0; g < model_.lane_group_count(); ++g) {
    if (model_.lane_group_signalized[g] == 0) continue;
    double departed = 0;
    for (auto m = model_.lane_group_movement_begin[g]; m < model_.lane_group_movement_end[g]; ++m) {
      departed += state.metrics.movement_departures_veh[m * batch];
    }
    const double span_s = time_s() - since_s;
    timeseries_.queue_veh.push_back(state.group_queue_veh[g * batch]);
    timeseries_.flow_veh_per_h.push_back(span_s > 0 ? (departed - departures_before[column]) * 3600.0 / span_s : 0.0);
    timeseries_.indication.push_back(state.indication[model_.lane_group_movement_begin[g] * batch]);
    ++column;
  }
  timeseries_.vehicles_inside.push_back(state.inside_veh(0));
}

void Simulation::run() {
  if (timeseries_interval_s_ <= 0) {
    run_until(duration_s_);
    return;
  }
  // Departures are only counted after the warm-up; flows in the series are zero before it.
  double since = time_s();
  while (time_s() < duration_s_ - 1e-9) {
    std::vector<double> before;
    for (std::size_t g = 0; g < model_.lane_group_count(); ++g) {
      if (model_.lane_group_signalized[g] == 0) continue;
      double departed = 0;
      for (auto m = model_.lane_group_movement_begin[g]; m < model_.lane_group_movement_end[g]; ++m) {
        departed += state().metrics.movement_departures_veh[m * state_.batch];
      }
      before.push_back(departed);
    }
    run_until(std::min(duration_s_, since + timeseries_interval_s_));
    sample(since, before);
    since = time_s();
  }
}

SimulationResult simulate(const Scenario& scenario, const SimulateOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Simulation simulation(scenario, options);
  simulation.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  SimulationResult result = simulation.result(0);
  result.timeseries = simulation.timeseries();
  const double steps = simulation.time_s() / simulation.model().dt_s;
  for (std::size_t s = 0; s < simulation.model().signal_count(); ++s) {
    const auto* scheduled = dynamic_cast<const ScheduledController*>(simulation.controllers()[s]);
    if (scheduled == nullptr) continue;
    for (TransitionPeriod period : scheduled->transitions()) {
      period.node = simulation.model().node_id[simulation.model().signalized_nodes[s]];
      result.transitions.push_back(std::move(period));
    }
  }
  result.run.wall_time_s = wall;
  result.run.threads = std::max(1, options.threads);
  if (wall > 0) {
    result.run.steps_per_s = steps / wall;
    result.run.cell_updates_per_s = steps * static_cast<double>(simulation.model().cell_count) / wall;
    result.run.simulated_hours_per_s = simulation.time_s() / 3600.0 / wall;
  }
  return result;
}

}  // namespace itsc

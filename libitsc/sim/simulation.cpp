// Simulation: a compiled model with its batch demand, controllers and state; `simulate` runs one.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "itsc/error.hpp"
#include "itsc/simulate.hpp"
#include "sim/kernel.hpp"
#include "util/format_number.hpp"

namespace itsc {

namespace {

// The smallest part of a batch worth a thread of its own (engine_grid6x6 at B = 4, 8 and 16 on one and
// two threads, docs/performance.md).
constexpr std::size_t kMinPartMembers = 4;

CompileOptions compile_options(const SimulateOptions& options) {
  CompileOptions compile = options.compile;
  if (options.dt_s > 0) compile.dt_s = options.dt_s;
  return compile;
}

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::invalid_input, message); }

}  // namespace

struct Simulation::Compiled {
  std::shared_ptr<const Model> model;
  BatchDemand demand;
  PlanSet plans;
  std::vector<int> seeds;
};

Simulation::Compiled Simulation::compile_batch(const Scenario& scenario, const SimulateOptions& options, const BatchSpec& spec) {
  Simulation::Compiled out;
  out.model = std::make_shared<const Model>(compile(scenario, compile_options(options)));
  const std::size_t batch = std::max<std::size_t>(1, spec.size);
  if (!spec.demand.empty() && spec.demand.size() != batch) {
    fail("batch: demand given for " + std::to_string(spec.demand.size()) + " members, expected " + std::to_string(batch));
  }
  out.demand = spec.demand.empty() ? compile_demand(*out.model, scenario.demand, batch)
                                   : compile_demand(*out.model, spec.demand);
  if (!options.controller.empty() &&
      std::find(kControllerNames.begin(), kControllerNames.end(), options.controller) == kControllerNames.end()) {
    fail("unknown controller '" + options.controller + "' (known: " + controller_names_text() + ")");
  }
  out.plans = compile_plans(scenario, *out.model, spec.timing, batch, options.controller);
  if (!spec.seeds.empty() && spec.seeds.size() != batch) {
    fail("batch: seeds given for " + std::to_string(spec.seeds.size()) + " members, expected " + std::to_string(batch));
  }
  out.seeds = spec.seeds;
  return out;
}


Simulation::Simulation(const Scenario& scenario, const SimulateOptions& options, const BatchSpec& spec)
    : Simulation(compile_batch(scenario, options, spec), options) {}

Simulation::Simulation(Compiled&& compiled, const SimulateOptions& options)
    : Simulation(std::move(compiled.model), std::move(compiled.demand), std::move(compiled.plans), options) {
  if (compiled.seeds.empty()) return;
  seeds_.assign(compiled.seeds.begin(), compiled.seeds.end());
  build_parts();
}

Simulation::Simulation(std::shared_ptr<const Model> model, BatchDemand demand, PlanSet plans,
                       const SimulateOptions& options)
    : model_(std::move(model)), demand_(std::move(demand)), plans_(std::move(plans)) {
  if (!model_) fail("simulation: no model");
  if (plans_.batch != demand_.batch) {
    fail("batch: plans for " + std::to_string(plans_.batch) + " members, demand for " + std::to_string(demand_.batch));
  }
  if (!isa_supported(options.isa)) {
    fail("instruction set '" + std::string(isa_name(options.isa)) + "' is not supported by this CPU or build (best here: " +
         std::string(isa_name(resolve_isa(Isa::best))) + ")");
  }
  step_options_.threads = std::max(1, options.threads);
  step_options_.detectors = options.detectors;
  step_options_.isa = options.isa;
  seeds_.assign(demand_.batch, model_->seed);
  build_parts();
  duration_s_ = options.duration_s > 0 ? options.duration_s : model_->duration_s;
  if (!(duration_s_ > 0)) fail("simulation: the duration must be positive");
  timeseries_interval_s_ = options.timeseries_interval_s;
  after_step_ = options.after_step;
  timeseries_.resize(demand_.batch);
  if (timeseries_interval_s_ > 0) {
    const Model& m = *model_;
    std::vector<std::string> columns;
    for (std::size_t g = 0; g < m.lane_group_count(); ++g) {
      if (m.lane_group_signalized[g] == 0) continue;
      columns.push_back(m.node_id[m.lane_group_node[g]] + "/" + m.lane_group_id[g]);
    }
    for (TimeSeries& series : timeseries_) series.lane_groups = columns;
  }
}

void Simulation::build_parts() {
  const std::size_t batch = demand_.batch;
  // Several threads: the batch runs in parts of at least kMinPartMembers members, one per thread.
  const std::size_t count =
      std::max<std::size_t>(1, std::min(static_cast<std::size_t>(step_options_.threads), batch / kMinPartMembers));
  parts_.clear();
  for (std::size_t p = 0; p < count; ++p) {
    const std::size_t begin = batch * p / count;
    const std::size_t members = batch * (p + 1) / count - begin;
    Part& part = parts_.emplace_back();
    part.begin = begin;
    if (count > 1) part.demand = slice(demand_, begin, members);
    part.controllers = make_controllers(*model_, count > 1 ? slice(plans_, begin, members) : plans_);
    for (auto& controller : part.controllers) part.views.push_back(controller.get());
    part.state = make_state(*model_, members);
    std::copy_n(seeds_.begin() + static_cast<std::ptrdiff_t>(begin), members, part.state.member_seed.begin());
  }
  stale_ = true;
}

std::size_t Simulation::part_of(std::size_t b, std::size_t& local) const noexcept {
  std::size_t p = parts_.size() - 1;
  while (p > 0 && parts_[p].begin > b) --p;
  local = b - parts_[p].begin;
  return p;
}

const Controller& Simulation::controller(std::size_t signal, std::size_t b, std::size_t& local) const noexcept {
  return *parts_[part_of(b, local)].controllers[signal];
}

const State& Simulation::state() const noexcept {
  if (parts_.size() == 1) return parts_.front().state;
  if (stale_) {
    if (gathered_.batch != demand_.batch) gathered_ = make_state(*model_, demand_.batch);
    for (const Part& part : parts_) detail::copy_members(gathered_, part.begin, part.state, 0, part.state.batch);
    stale_ = false;
  }
  return gathered_;
}

void Simulation::step() noexcept { advance(parts_.front().state.time_tenths + model_->dt_tenths); }

void Simulation::run_until(double time_s) {
  const Tenths end = to_tenths(time_s);
  if (after_step_) {
    // A hook after every step: the parts advance one step at a time.
    while (parts_.front().state.time_tenths + model_->dt_tenths / 2 < end) {
      advance(parts_.front().state.time_tenths + model_->dt_tenths);
      after_step_(*this);
    }
    return;
  }
  advance(end);
}

void Simulation::advance(Tenths end) noexcept {
  const Model& model = *model_;
  stale_ = true;
  if (parts_.size() == 1) {
    Part& part = parts_.front();
    while (part.state.time_tenths + model.dt_tenths / 2 < end) itsc::step(model, part.state, demand_, part.views, step_options_);
    return;
  }
  // Each part runs all its steps on its own thread: no meeting between steps.
  const auto parts = static_cast<std::ptrdiff_t>(parts_.size());
  const StepOptions options{1, step_options_.detectors, step_options_.isa};
#if defined(ITSC_HAVE_OPENMP)
#pragma omp parallel for schedule(static, 1) num_threads(static_cast<int>(parts))
#endif
  for (std::ptrdiff_t p = 0; p < parts; ++p) {
    Part& part = parts_[static_cast<std::size_t>(p)];
    while (part.state.time_tenths + model.dt_tenths / 2 < end) itsc::step(model, part.state, part.demand, part.views, options);
  }
}

void Simulation::set_plan(std::size_t b, std::span<const SignalPlan> plans, std::optional<TransitionMethod> method) {
  if (b >= batch_size()) fail("set_plan: member " + std::to_string(b) + " out of range");
  if (plans.size() != model_->signal_count()) {
    fail("set_plan: " + std::to_string(plans.size()) + " plans for " + std::to_string(model_->signal_count()) + " signals");
  }
  std::size_t local = 0;
  Part& part = parts_[part_of(b, local)];
  for (std::size_t s = 0; s < plans.size(); ++s) {
    if (!part.controllers[s]->set_plan(local, plans[s], part.state.time_tenths, method)) {
      fail("set_plan: the controller of node '" + model_->node_id[model_->signalized_nodes[s]] +
           "' cannot change one member's plan (" + plans[s].timing.controller + ")");
    }
    plans_.plan(s, b) = plans[s];
  }
}

bool Simulation::set_plan(std::size_t b, std::size_t signal, const SignalPlan& plan,
                          std::optional<TransitionMethod> method) {
  if (b >= batch_size()) fail("set_plan: member " + std::to_string(b) + " out of range");
  if (signal >= model_->signal_count()) fail("set_plan: signal " + std::to_string(signal) + " out of range");
  std::size_t local = 0;
  Part& part = parts_[part_of(b, local)];
  if (!part.controllers[signal]->set_plan(local, plan, part.state.time_tenths, method)) return false;
  plans_.plan(signal, b) = plan;
  return true;
}

void Simulation::reset() {
  build_parts();
  for (TimeSeries& series : timeseries_) {
    std::vector<std::string> lane_groups = std::move(series.lane_groups);
    series = TimeSeries{};
    series.lane_groups = std::move(lane_groups);
  }
}

Simulation::Snapshot Simulation::save_state() const {
  Snapshot snapshot;
  snapshot.state = state();
  for (const Part& part : parts_) {
    snapshot.part_begin.push_back(part.begin);
    auto& clones = snapshot.controllers.emplace_back();
    for (const auto& controller : part.controllers) clones.push_back(controller->clone());
  }
  return snapshot;
}

void Simulation::restore_state(const Snapshot& snapshot) {
  check_snapshot(snapshot);
  if (snapshot.state.batch != batch_size()) {
    fail("restore_state: the snapshot holds " + std::to_string(snapshot.state.batch) + " members, the simulation " +
         std::to_string(batch_size()));
  }
  for (Part& part : parts_) {
    for (std::size_t local = 0; local < part.state.batch; ++local) {
      copy_controllers(snapshot, part.begin + local, part, local);
    }
    detail::copy_members(part.state, 0, snapshot.state, part.begin, part.state.batch);
  }
  stale_ = true;
}

void Simulation::restore_state(const Snapshot& snapshot, std::size_t from, std::size_t begin, std::size_t count) {
  check_snapshot(snapshot);
  if (from >= snapshot.state.batch || count == 0 || begin + count > batch_size()) {
    fail("restore_state: members out of range");
  }
  if (count < batch_size() && snapshot.state.time_tenths != parts_.front().state.time_tenths) {
    fail("restore_state: the snapshot was saved at " +
         detail::format_number(static_cast<double>(snapshot.state.time_tenths) / 10.0) +
         " s and the simulation is at " + detail::format_number(time_s()) + " s; restore every member or none");
  }
  for (Part& part : parts_) {
    // The part's members in [begin, begin + count).
    const std::size_t first = std::max(begin, part.begin);
    const std::size_t last = std::min(begin + count, part.begin + part.state.batch);
    if (first >= last) continue;
    for (std::size_t b = first; b < last; ++b) copy_controllers(snapshot, from, part, b - part.begin);
    detail::copy_members(part.state, first - part.begin, snapshot.state, from, last - first, true);
  }
  // The clock is the batch's: every part's together.
  for (Part& part : parts_) part.state.time_tenths = snapshot.state.time_tenths;
  stale_ = true;
}

void Simulation::restore_state(const Snapshot& snapshot, std::span<const std::size_t> from) {
  check_snapshot(snapshot);
  if (from.size() != batch_size()) {
    fail("restore_state: " + std::to_string(from.size()) + " members to restore from for " +
         std::to_string(batch_size()) + " members");
  }
  for (const std::size_t source : from) {
    if (source >= snapshot.state.batch) fail("restore_state: members out of range");
  }
  for (Part& part : parts_) {
    for (std::size_t local = 0; local < part.state.batch; ++local) {
      const std::size_t source = from[part.begin + local];
      copy_controllers(snapshot, source, part, local);
      detail::copy_members(part.state, local, snapshot.state, source, 1, true);
    }
    part.state.time_tenths = snapshot.state.time_tenths;
  }
  stale_ = true;
}

void Simulation::check_snapshot(const Snapshot& snapshot) const {
  const State& here = parts_.front().state;
  if (snapshot.state.batch == 0 || snapshot.part_begin.empty() ||
      snapshot.state.cell_veh.size() / snapshot.state.batch != here.cell_veh.size() / here.batch ||
      snapshot.state.movement_veh.size() / snapshot.state.batch != here.movement_veh.size() / here.batch ||
      snapshot.controllers.front().size() != model_->signal_count()) {
    fail("restore_state: the snapshot is of another model");
  }
}

void Simulation::copy_controllers(const Snapshot& snapshot, std::size_t from, Part& part, std::size_t local) {
  // The snapshot's part holding `from`, and its index there.
  std::size_t q = snapshot.part_begin.size() - 1;
  while (q > 0 && snapshot.part_begin[q] > from) --q;
  for (std::size_t s = 0; s < model_->signal_count(); ++s) {
    if (!part.controllers[s]->copy_member(*snapshot.controllers[q][s], from - snapshot.part_begin[q], local)) {
      fail("restore_state: the controller of node '" + model_->node_id[model_->signalized_nodes[s]] +
           "' cannot take the saved state of a member");
    }
  }
}

void Simulation::departures(std::size_t b, std::vector<double>& out) const {
  const State& state = this->state();
  out.clear();
  for (std::size_t g = 0; g < model_->lane_group_count(); ++g) {
    if (model_->lane_group_signalized[g] == 0) continue;
    double departed = 0;
    for (auto m = model_->lane_group_movement_begin[g]; m < model_->lane_group_movement_end[g]; ++m) {
      departed += state.metrics.movement_departures_veh[m * state.batch + b];
    }
    out.push_back(departed);
  }
}

void Simulation::sample(double since_s, const std::vector<std::vector<double>>& departures_before) {
  const State& state = this->state();
  const std::size_t batch = state.batch;
  const double span_s = time_s() - since_s;
  std::vector<double> now;
  for (std::size_t b = 0; b < batch; ++b) {
    TimeSeries& series = timeseries_[b];
    departures(b, now);
    series.time_s.push_back(time_s());
    std::size_t column = 0;
    for (std::size_t g = 0; g < model_->lane_group_count(); ++g) {
      if (model_->lane_group_signalized[g] == 0) continue;
      const double departed = now[column] - departures_before[b][column];
      series.queue_veh.push_back(state.group_queue_veh[g * batch + b]);
      series.flow_veh_per_h.push_back(span_s > 0 ? departed * 3600.0 / span_s : 0.0);
      series.indication.push_back(state.indication[model_->lane_group_movement_begin[g] * batch + b]);
      ++column;
    }
    series.vehicles_inside.push_back(state.inside_veh(b));
  }
}

void Simulation::run() {
  if (timeseries_interval_s_ <= 0) {
    run_until(duration_s_);
    return;
  }
  // Departures are only counted after the warm-up; flows in the series are zero before it.
  double since = time_s();
  std::vector<std::vector<double>> before(batch_size());
  while (time_s() < duration_s_ - 1e-9) {
    for (std::size_t b = 0; b < batch_size(); ++b) departures(b, before[b]);
    run_until(std::min(duration_s_, since + timeseries_interval_s_));
    sample(since, before);
    since = time_s();
  }
}

SimulationResult simulate(const Scenario& scenario, const SimulateOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  Simulation simulation(scenario, options);
  // A run that measures nothing would report zero delay and LOS A: refuse it, saying what to change.
  const std::vector<double>& rates = simulation.demand().entry_veh_per_s;
  if (std::none_of(rates.begin(), rates.end(), [](double rate) { return rate > 0; })) {
    fail("nothing enters the network: the demand has no entry flows (give demand.entries[] with a link and "
         "flow_veh_per_h, or turning counts at the entry links)");
  }
  if (simulation.duration_s() <= simulation.model().warmup_s) {
    fail("the run of " + detail::format_number(simulation.duration_s()) + " s ends before the warm-up of " +
         detail::format_number(simulation.model().warmup_s) +
         " s does, so nothing would be measured: run longer or shorten simulation.warmup_s");
  }
  simulation.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  SimulationResult result = simulation.result(0);
  const double steps = simulation.time_s() / simulation.model().dt_s;
  for (std::size_t s = 0; s < simulation.model().signal_count(); ++s) {
    std::size_t local = 0;
    const auto* fixed = dynamic_cast<const FixedTimeController*>(&simulation.controller(s, 0, local));
    if (fixed == nullptr) continue;
    for (TransitionPeriod period : fixed->transitions(local)) {
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

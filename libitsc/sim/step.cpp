// One step of a batch: controllers, then the kernel passes over blocks of batch members (OpenMP),
// then the clock. Members never interact, so any block split gives the same bits.
#include <algorithm>
#include <cmath>

#include "sim/kernel.hpp"

namespace itsc {

namespace detail {

namespace {

// The controller of one signalized node sees and commands its node's movements only.
void run_controllers(const Model& model, State& state, std::span<Controller* const> controllers,
                     bool observe) noexcept {
  const std::size_t batch = state.batch;
  for (std::size_t s = 0; s < model.signal_count() && s < controllers.size(); ++s) {
    const std::size_t begin = model.signal_movement_begin[s];
    const std::size_t end = model.signal_movement_end[s];
    const std::size_t count = (end - begin) * batch;
    Observation observation;
    observation.batch = batch;
    if (observe) {
      // Detectors report the last step (docs/model.md, "Detectors").
      const std::size_t first = model.signal_detector_begin[s] * batch;
      const std::size_t detectors = (model.signal_detector_begin[s + 1] - model.signal_detector_begin[s]) * batch;
      observation.detector_call = {state.detector_call.data() + first, detectors};
      observation.detector_count = {state.detector_count.data() + first, detectors};
      observation.detector_occupancy = {state.detector_occupancy.data() + first, detectors};
      const std::size_t crosswalk = model.signal_crosswalk_begin[s] * batch;
      const std::size_t crosswalks = (model.signal_crosswalk_begin[s + 1] - model.signal_crosswalk_begin[s]) * batch;
      observation.pedestrian_call = {state.pedestrian_call.data() + crosswalk, crosswalks};
      observation.queued_veh = {state.observed_queued_veh.data() + begin * batch, count};
      observation.moving_veh = {state.observed_moving_veh.data() + begin * batch, count};
      observation.feed_begin = {state.feed_begin.data() + begin, end - begin + 1};
      observation.feed_queued_veh = state.feed_queued_veh;
      observation.feed_moving_veh = state.feed_moving_veh;
      observation.feed_proportion = state.feed_proportion;
    }
    SignalCommand command;
    command.batch = batch;
    command.indication = {state.command_indication.data() + begin * batch, count};
    command.green_tenths = {state.green_tenths.data() + begin * batch, count};
    command.yellow_tenths = {state.yellow_tenths.data() + begin * batch, count};
    controllers[s]->step(state.time_tenths, model.dt_tenths, observation, command);
  }
}

// Phase statistics of the controllers that time phases, per phase number: the greens that begin and
// end in the measured period, their time, and when the first and the last of them ended.
void tally_phases(const Model& model, State& state, std::span<Controller* const> controllers, bool measure) noexcept {
  const std::size_t batch = state.batch;
  const double now_s = static_cast<double>(state.time_tenths + model.dt_tenths) / 10.0;  // the step's end
  Metrics& m = state.metrics;
  for (std::size_t s = 0; s < model.signal_count() && s < controllers.size(); ++s) {
    for (const int number : controllers[s]->phase_numbers()) {
      if (number < 1 || static_cast<std::size_t>(number) > kPhaseSlots) continue;
      const std::size_t row = (s * kPhaseSlots + static_cast<std::size_t>(number) - 1) * batch;
      for (std::size_t b = 0; b < batch; ++b) {
        double& run = state.phase_green_run_s[row + b];
        if (controllers[s]->phase_green(number, b)) {
          if (run >= 0) {
            run += model.dt_s;
          } else if (run > -1.5) {  // begins now
            run = measure ? model.dt_s : -2.0;
          }
          continue;
        }
        if (run >= 0 && measure) {  // a whole measured green ended
          m.phase_greens[row + b] += 1.0;
          m.phase_green_s[row + b] += run;
          if (m.phase_first_green_s[row + b] < 0) m.phase_first_green_s[row + b] = now_s;
          m.phase_last_green_s[row + b] = now_s;
        }
        run = -1.0;
      }
    }
  }
}

}  // namespace

Block step_block(const Model& model, const State& state, const BatchDemand& demand) noexcept {
  const double time_s = static_cast<double>(state.time_tenths) / 10.0;
  const double position = std::floor(time_s / demand.interval_s);
  const std::size_t interval = std::min(demand.interval_count - 1, static_cast<std::size_t>(std::max(0.0, position)));
  return Block{0, state.batch, interval, state.time_tenths >= to_tenths(model.warmup_s)};
}

bool observe_and_control(const Model& model, State& state, const BatchDemand& demand,
                         std::span<Controller* const> controllers, const Block& block) noexcept {
  bool observe = false;
  for (const Controller* controller : controllers) observe = observe || controller->uses_observation();
  if (observe) {
    fill_observation(model, state, demand, block.interval);
    pedestrian_calls(model, state, demand);
  }
  run_controllers(model, state, controllers, observe);
  tally_phases(model, state, controllers, block.measure);
  return observe;
}

void finish_step(const Model& model, State& state, const Block& block) noexcept {
  if (block.measure) ++state.metrics.measured_steps;
  state.time_tenths += model.dt_tenths;
}

void run_block(const Passes& passes, const Model& model, State& state, const BatchDemand& demand,
               const Block& block) noexcept {
  passes.signal_capacity(model, state, block);
  passes.node_flows(model, state, demand, block);
  passes.link_flows(model, state, demand, block);
  // Detectors cost a pass over the cells up to each of them: only when a controller reads them.
  if (block.detect) passes.snapshot_detectors(model, state, block);
  passes.update_links(model, state, demand, block);
  if (block.detect) passes.update_detectors(model, state, block);
}

}  // namespace detail

namespace {

constexpr std::size_t kMembersPerLine = 8;  // doubles per 64-byte cache line

}  // namespace

void step(const Model& model, State& state, const BatchDemand& demand, std::span<Controller* const> controllers,
          const StepOptions& options) noexcept {
  detail::Block whole = detail::step_block(model, state, demand);
  whole.detect = detail::observe_and_control(model, state, demand, controllers, whole) || options.detectors;

  // Blocks of batch members; each thread owns whole members, so nothing is reduced across threads.
  // Blocks hold whole cache lines of members (8 doubles): two threads writing one line would
  // serialize on it, so a batch below 16 runs on one thread.
  const std::size_t batch = state.batch;
  const detail::Passes& passes = detail::passes(options.isa, batch);
  const std::size_t lines = (batch + kMembersPerLine - 1) / kMembersPerLine;
  const auto blocks = static_cast<std::ptrdiff_t>(std::clamp<std::size_t>(static_cast<std::size_t>(std::max(1, options.threads)), 1, lines));
  if (blocks == 1) {
    // Not even an inactive parallel region: inside a part's thread (Simulation) that builds a nested
    // team every step, which cost a two-thread run of the 6x6 grid at B = 16 about 14% of its time.
    detail::run_block(passes, model, state, demand, whole);
  } else {
#if defined(ITSC_HAVE_OPENMP)
#pragma omp parallel for schedule(static) num_threads(static_cast<int>(blocks))
#endif
    for (std::ptrdiff_t i = 0; i < blocks; ++i) {
      const auto index = static_cast<std::size_t>(i);
      const auto count = static_cast<std::size_t>(blocks);
      const std::size_t begin = std::min(batch, lines * index / count * kMembersPerLine);
      const std::size_t end = std::min(batch, lines * (index + 1) / count * kMembersPerLine);
      const detail::Block block{begin, end, whole.interval, whole.measure, whole.detect};
      detail::run_block(passes, model, state, demand, block);
    }
  }
  detail::finish_step(model, state, whole);
}

}  // namespace itsc

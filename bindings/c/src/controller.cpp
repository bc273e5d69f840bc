// Controllers in the loop: one signal's controller from a scenario, stepped with the caller's detector
// data; its command, SPaT and NTCIP phase status read back.
#include <itsc/controller.hpp>
#include <itsc/plan.hpp>
#include <itsc/ring_plan.hpp>
#include <itsc/spat.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "c_api.hpp"

struct itsc_controller {
  std::unique_ptr<itsc::Controller> controller;
  std::shared_ptr<const itsc::Scenario> scenario;  // what a new pattern is checked and compiled against
  std::shared_ptr<const itsc::Model> model;
  std::size_t signal = 0;
  itsc::Timing timing;              // the plan in force (resolved)
  itsc::IntersectionLayout layout;
  std::vector<int32_t> phases;      // the plan's phase numbers
  itsc::Tenths now = 0;             // the end of the last step
  std::vector<double> zeros;        // what a NULL observation array reads
  std::vector<std::uint32_t> feed_begin;  // one feed per movement: its downstream_veh, share 1
  std::vector<double> ones;
  std::vector<itsc::Indication> indication;  // the last step's command
  std::vector<std::int32_t> green, yellow;
  std::vector<itsc::MovementSpat> movement_spat;
  std::vector<itsc::CrosswalkSpat> crosswalk_spat;
};

namespace {

using itsc::c_api::fail;
using itsc::c_api::guarded;
using itsc::c_api::check_room;
using itsc::c_api::read_versioned;
using itsc::c_api::require;
using itsc::c_api::write_versioned;

int32_t c_time(itsc::Tenths t) {
  return t >= std::numeric_limits<int32_t>::max() ? ITSC_UNKNOWN_END : static_cast<int32_t>(t);
}

int32_t c_pedestrian(itsc::PedestrianIndication p) {
  switch (p) {
    case itsc::PedestrianIndication::walk: return ITSC_WALK;
    case itsc::PedestrianIndication::flashing_dont_walk: return ITSC_FLASHING_DONT_WALK;
    case itsc::PedestrianIndication::dont_walk: break;
  }
  return ITSC_DONT_WALK;
}

// The caller's array of `count` values, or zeros.
std::span<const double> column(const double* values, std::size_t count, const std::vector<double>& zeros) {
  return {values != nullptr ? values : zeros.data(), count};
}

// ITSC_EINVAL naming the array and entry unless every value is finite and in [low, high]: a broken
// detector's garbage is refused, never run.
int check_column(const double* values, std::size_t count, const char* name, double low, double high) {
  if (values == nullptr) return ITSC_OK;
  for (std::size_t k = 0; k < count; ++k) {
    if (std::isfinite(values[k]) && values[k] >= low && values[k] <= high) continue;
    return fail(ITSC_EINVAL, std::string("itsc_controller_step: observation.") + name + "[" + std::to_string(k) +
                                 "] is " + std::to_string(values[k]) + ", not a finite value in [" +
                                 std::to_string(low) + ", " + (std::isinf(high) ? std::string("inf") : std::to_string(high)) + "]");
  }
  return ITSC_OK;
}

int check_observation(const itsc_observation& o, const itsc::IntersectionLayout& layout) {
  constexpr double kAny = std::numeric_limits<double>::infinity();
  const std::size_t detectors = layout.detectors.size();
  const std::size_t movements = layout.movements.size();
  if (int e = check_column(o.detector_call, detectors, "detector_call", 0, 1)) return e;
  if (int e = check_column(o.detector_count, detectors, "detector_count", 0, kAny)) return e;
  if (int e = check_column(o.detector_occupancy, detectors, "detector_occupancy", 0, 1)) return e;
  if (int e = check_column(o.pedestrian_call, layout.crosswalks.size(), "pedestrian_call", 0, 1)) return e;
  if (int e = check_column(o.queued_veh, movements, "queued_veh", 0, kAny)) return e;
  if (int e = check_column(o.moving_veh, movements, "moving_veh", 0, kAny)) return e;
  return check_column(o.downstream_veh, movements, "downstream_veh", 0, kAny);
}

}  // namespace

extern "C" {

int itsc_controller_create(const itsc_scenario* scenario, size_t signal, const char* kind, itsc_controller** out) {
  return guarded([&] {
    if (int e = require(out, "itsc_controller_create", "out")) return e;
    *out = nullptr;
    if (int e = require(scenario, "itsc_controller_create", "scenario")) return e;
    const itsc::Model& model = *scenario->model;
    if (int e = itsc::c_api::check_signal(model, signal, "itsc_controller_create")) return e;
    const itsc::PlanSet plans = itsc::compile_plans(*scenario->scenario, model, 1, kind != nullptr ? kind : "");
    const itsc::Timing& timing = plans.plan(signal, 0).timing;
    auto handle = std::make_unique<itsc_controller>();
    handle->scenario = scenario->scenario;
    handle->model = scenario->model;
    handle->signal = signal;
    handle->timing = timing;
    handle->layout = model.signal_layout[signal];
    handle->controller = itsc::make_controller(std::span<const itsc::Timing>(&timing, 1), handle->layout,
                                               plans.switches[signal]);
    for (const itsc::Phase& phase : itsc::ring_plan_of(timing).phases) handle->phases.push_back(phase.number);
    const itsc::IntersectionLayout& layout = handle->layout;
    const std::size_t movements = layout.movements.size();
    handle->zeros.assign(std::max({layout.detectors.size(), layout.crosswalks.size(), movements, std::size_t{1}}), 0.0);
    handle->feed_begin.resize(movements + 1);
    for (std::size_t m = 0; m <= movements; ++m) handle->feed_begin[m] = static_cast<std::uint32_t>(m);
    handle->ones.assign(std::max<std::size_t>(1, movements), 1.0);
    handle->indication.assign(movements, itsc::Indication::red);
    handle->green.assign(movements, 0);
    handle->yellow.assign(movements, 0);
    handle->movement_spat.resize(movements);
    handle->crosswalk_spat.resize(layout.crosswalks.size());
    *out = handle.release();
    return ITSC_OK;
  });
}

void itsc_controller_free(itsc_controller* controller) { delete controller; }

int itsc_controller_shape_get(const itsc_controller* controller, itsc_controller_shape* shape) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_shape_get", "controller")) return e;
    if (int e = require(shape, "itsc_controller_shape_get", "shape")) return e;
    itsc_controller_shape s = ITSC_CONTROLLER_SHAPE_INIT;
    s.detectors = controller->layout.detectors.size();
    s.movements = controller->layout.movements.size();
    s.crosswalks = controller->layout.crosswalks.size();
    s.phases = controller->phases.size();
    return write_versioned(shape, s, "itsc_controller_shape_get", "shape");
  });
}

int itsc_controller_id(const itsc_controller* controller, int item, size_t index, char* out, size_t capacity,
                       size_t* length) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_id", "controller")) return e;
    const std::vector<std::string>* ids = item == ITSC_ITEM_DETECTOR    ? &controller->layout.detectors
                                          : item == ITSC_ITEM_MOVEMENT  ? &controller->layout.movements
                                          : item == ITSC_ITEM_CROSSWALK ? &controller->layout.crosswalks
                                                                        : nullptr;
    if (ids == nullptr) return fail(ITSC_EINVAL, "itsc_controller_id: item " + std::to_string(item) + " is not a column");
    if (index >= ids->size()) {
      return fail(ITSC_EINVAL, "itsc_controller_id: index " + std::to_string(index) + " of " + std::to_string(ids->size()));
    }
    return itsc::c_api::copy_string((*ids)[index], out, capacity, length);
  });
}

int itsc_controller_phases(const itsc_controller* controller, int32_t* numbers, size_t capacity, size_t* length) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_phases", "controller")) return e;
    if (int e = check_room(capacity, controller->phases.size(), length, "itsc_controller_phases")) return e;
    if (int e = require(numbers, "itsc_controller_phases", "numbers")) return e;
    std::copy(controller->phases.begin(), controller->phases.end(), numbers);
    return ITSC_OK;
  });
}

int itsc_controller_pattern_get(const itsc_controller* controller, itsc_pattern* pattern) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_pattern_get", "controller")) return e;
    return itsc::c_api::write_pattern(controller->timing, pattern, "itsc_controller_pattern_get");
  });
}

int itsc_controller_pattern_set(itsc_controller* controller, const itsc_pattern* pattern, int transition) {
  return guarded([&] {
    constexpr const char* function = "itsc_controller_pattern_set";
    if (int e = require(controller, function, "controller")) return e;
    std::optional<itsc::TransitionMethod> method;
    if (int e = itsc::c_api::read_transition(transition, method, function)) return e;
    const itsc::Model& model = *controller->model;
    const std::string& node = model.node_id[model.signalized_nodes[controller->signal]];
    itsc::Timing timing = controller->timing;
    if (int e = itsc::c_api::apply_pattern(pattern, *controller->scenario, node, timing, function)) return e;
    const itsc::SignalPlan plan = itsc::compile_plan(*controller->scenario, model, controller->signal, timing);
    if (!controller->controller->set_plan(0, plan, controller->now, method)) {
      return fail(ITSC_ESTATE, std::string(function) + ": the " + timing.controller + " controller of node '" + node +
                                   "' chooses its phases itself: it takes no pattern");
    }
    controller->timing = std::move(timing);
    return ITSC_OK;
  });
}

int itsc_controller_step(itsc_controller* controller, int32_t now_tenths, int32_t length_tenths,
                         const itsc_observation* observation) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_step", "controller")) return e;
    if (now_tenths != controller->now) {
      return fail(ITSC_EINVAL, "itsc_controller_step: the step starts at " + std::to_string(now_tenths) +
                                   ", the last one ended at " + std::to_string(controller->now));
    }
    if (length_tenths <= 0 || length_tenths > std::numeric_limits<int32_t>::max() - now_tenths) {
      return fail(ITSC_EINVAL, "itsc_controller_step: the length must be positive and end before the clock's end, got " +
                                   std::to_string(length_tenths));
    }
    itsc_observation o = ITSC_OBSERVATION_INIT;
    if (int e = read_versioned(observation, o, "itsc_controller_step", "observation")) return e;
    const itsc::IntersectionLayout& layout = controller->layout;
    if (int e = check_observation(o, layout)) return e;
    const std::size_t detectors = layout.detectors.size();
    const std::size_t movements = layout.movements.size();
    itsc::Observation seen;
    seen.batch = 1;
    seen.detector_call = column(o.detector_call, detectors, controller->zeros);
    seen.detector_count = column(o.detector_count, detectors, controller->zeros);
    seen.detector_occupancy = column(o.detector_occupancy, detectors, controller->zeros);
    seen.pedestrian_call = column(o.pedestrian_call, layout.crosswalks.size(), controller->zeros);
    seen.queued_veh = column(o.queued_veh, movements, controller->zeros);
    seen.moving_veh = column(o.moving_veh, movements, controller->zeros);
    seen.feed_begin = controller->feed_begin;
    seen.feed_queued_veh = column(o.downstream_veh, movements, controller->zeros);
    seen.feed_moving_veh = column(nullptr, movements, controller->zeros);
    seen.feed_proportion = {controller->ones.data(), movements};
    controller->controller->step(now_tenths, length_tenths, seen,
                                 itsc::SignalCommand{1, controller->indication, controller->green, controller->yellow});
    controller->now = now_tenths + length_tenths;
    return ITSC_OK;
  });
}

int itsc_controller_time(const itsc_controller* controller, int32_t* time_tenths) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_time", "controller")) return e;
    if (int e = require(time_tenths, "itsc_controller_time", "time_tenths")) return e;
    *time_tenths = static_cast<int32_t>(controller->now);
    return ITSC_OK;
  });
}

int itsc_controller_movements(const itsc_controller* controller, int32_t* indication, int32_t* green_tenths,
                              int32_t* yellow_tenths, size_t capacity, size_t* length) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_movements", "controller")) return e;
    const std::size_t movements = controller->layout.movements.size();
    if (int e = check_room(capacity, movements, length, "itsc_controller_movements")) return e;
    for (std::size_t m = 0; m < movements; ++m) {
      if (indication != nullptr) indication[m] = static_cast<int32_t>(controller->indication[m]);
      if (green_tenths != nullptr) green_tenths[m] = controller->green[m];
      if (yellow_tenths != nullptr) yellow_tenths[m] = controller->yellow[m];
    }
    return ITSC_OK;
  });
}

int itsc_controller_spat(const itsc_controller* controller, itsc_spat* out, size_t capacity, size_t* length) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_spat", "controller")) return e;
    const std::size_t movements = controller->movement_spat.size();
    const std::size_t crosswalks = controller->crosswalk_spat.size();
    if (int e = check_room(capacity, movements + crosswalks, length, "itsc_controller_spat")) return e;
    if (int e = require(out, "itsc_controller_spat", "out")) return e;
    auto& movement_spat = const_cast<itsc_controller*>(controller)->movement_spat;  // scratch, not state
    auto& crosswalk_spat = const_cast<itsc_controller*>(controller)->crosswalk_spat;
    if (!controller->controller->spat(controller->now, 0, movement_spat, crosswalk_spat)) {
      // No SPaT from this controller: the indications now, with unknown ends.
      for (std::size_t m = 0; m < movements; ++m) movement_spat[m] = {controller->indication[m], itsc::SpatEnd{}};
      for (itsc::CrosswalkSpat& c : crosswalk_spat) c = {itsc::PedestrianIndication::dont_walk, itsc::SpatEnd{}};
    }
    const auto end = [&](const itsc::SpatEnd& e, int32_t indication) {
      return itsc_spat{indication, c_time(e.min_end == itsc::kUnknownEnd ? controller->now : e.min_end),
                       c_time(e.max_end), c_time(e.likely_end)};
    };
    for (std::size_t m = 0; m < movements; ++m) {
      out[m] = end(movement_spat[m].end, static_cast<int32_t>(movement_spat[m].indication));
    }
    for (std::size_t c = 0; c < crosswalks; ++c) {
      out[movements + c] = end(crosswalk_spat[c].end, c_pedestrian(crosswalk_spat[c].indication));
    }
    return ITSC_OK;
  });
}

int itsc_controller_phase_status(const itsc_controller* controller, itsc_phase_status* status) {
  return guarded([&] {
    if (int e = require(controller, "itsc_controller_phase_status", "controller")) return e;
    if (int e = require(status, "itsc_controller_phase_status", "status")) return e;
    if (int e = itsc::c_api::check_size(status->size, sizeof(itsc_phase_status), "itsc_controller_phase_status", "status")) {
      return e;
    }
    itsc::PhaseStatus phases;
    if (!controller->controller->phase_status(0, phases)) {
      return fail(ITSC_ESTATE, "itsc_controller_phase_status: this controller reports no phase status");
    }
    itsc_phase_status s = ITSC_PHASE_STATUS_INIT;
    s.reds = phases.reds;
    s.yellows = phases.yellows;
    s.greens = phases.greens;
    s.dont_walks = phases.dont_walks;
    s.pedestrian_clears = phases.pedestrian_clears;
    s.walks = phases.walks;
    return write_versioned(status, s, "itsc_controller_phase_status", "status");
  });
}

int itsc_time_mark(const itsc_scenario* scenario, int32_t time_tenths, uint16_t* mark) {
  return guarded([&] {
    if (int e = require(scenario, "itsc_time_mark", "scenario")) return e;
    if (int e = require(mark, "itsc_time_mark", "mark")) return e;
    const itsc::Tenths t = time_tenths == ITSC_UNKNOWN_END ? itsc::kUnknownEnd : itsc::Tenths{time_tenths};
    *mark = itsc::j2735_time_mark(t, scenario->scenario->simulation.start_time_s);
    return ITSC_OK;
  });
}

}  // extern "C"

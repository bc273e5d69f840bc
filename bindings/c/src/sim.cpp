// Simulations: create from a scenario, step, reset, read the network, movements and intersections.
#include <itsc/plan.hpp>
#include <itsc/sim.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "c_api.hpp"

namespace {

using itsc::c_api::fail;
using itsc::c_api::guarded;
using itsc::c_api::check_room;
using itsc::c_api::check_signal;
using itsc::c_api::read_versioned;
using itsc::c_api::require;
using itsc::c_api::write_versioned;

int check_member(const itsc_sim* sim, std::size_t member, const char* function) {
  if (member < sim->simulation->batch_size()) return ITSC_OK;
  return fail(ITSC_EINVAL, std::string(function) + ": member " + std::to_string(member) + " of a batch of " +
                               std::to_string(sim->simulation->batch_size()));
}

}  // namespace

extern "C" {

int itsc_sim_create(const itsc_scenario* scenario, const itsc_sim_options* options, itsc_sim** out) {
  return guarded([&] {
    if (int e = require(out, "itsc_sim_create", "out")) return e;
    *out = nullptr;
    if (int e = require(scenario, "itsc_sim_create", "scenario")) return e;
    itsc_sim_options o = ITSC_SIM_OPTIONS_INIT;
    if (int e = read_versioned(options, o, "itsc_sim_create", "options")) return e;
    if (o.dt_tenths < 0 || o.duration_tenths < 0) {
      return fail(ITSC_EINVAL, "itsc_sim_create: the step and the duration must be at least 0");
    }
    itsc::SimulateOptions simulate;
    simulate.dt_s = o.dt_tenths / 10.0;
    simulate.duration_s = o.duration_tenths / 10.0;
    simulate.threads = static_cast<int>(std::max<uint32_t>(1, o.threads));
    if (o.controller != nullptr) simulate.controller = o.controller;
    itsc::BatchSpec batch;
    batch.size = std::max<uint32_t>(1, o.batch);
    auto handle = std::make_unique<itsc_sim>();
    handle->scenario = scenario->scenario;
    handle->simulation = std::make_unique<itsc::Simulation>(*scenario->scenario, simulate, batch);
    *out = handle.release();
    return ITSC_OK;
  });
}

void itsc_sim_free(itsc_sim* sim) { delete sim; }

int itsc_sim_step(itsc_sim* sim, uint32_t steps) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_step", "sim")) return e;
    for (uint32_t k = 0; k < steps; ++k) sim->simulation->step();
    return ITSC_OK;
  });
}

int itsc_sim_run_until(itsc_sim* sim, int32_t time_tenths) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_run_until", "sim")) return e;
    sim->simulation->run_until(time_tenths / 10.0);
    return ITSC_OK;
  });
}

int itsc_sim_duration(const itsc_sim* sim, int32_t* duration_tenths) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_duration", "sim")) return e;
    if (int e = require(duration_tenths, "itsc_sim_duration", "duration_tenths")) return e;
    *duration_tenths = static_cast<int32_t>(std::lround(sim->simulation->duration_s() * 10));
    return ITSC_OK;
  });
}

int itsc_sim_reset(itsc_sim* sim) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_reset", "sim")) return e;
    sim->simulation->reset();
    return ITSC_OK;
  });
}

int itsc_sim_time(const itsc_sim* sim, int32_t* time_tenths) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_time", "sim")) return e;
    if (int e = require(time_tenths, "itsc_sim_time", "time_tenths")) return e;
    *time_tenths = static_cast<int32_t>(std::lround(sim->simulation->time_s() * 10));
    return ITSC_OK;
  });
}

int itsc_sim_batch(const itsc_sim* sim, size_t* batch) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_batch", "sim")) return e;
    if (int e = require(batch, "itsc_sim_batch", "batch")) return e;
    *batch = sim->simulation->batch_size();
    return ITSC_OK;
  });
}

int itsc_sim_network_metrics(const itsc_sim* sim, size_t member, itsc_network_metrics* metrics) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_network_metrics", "sim")) return e;
    if (int e = require(metrics, "itsc_sim_network_metrics", "metrics")) return e;
    if (int e = itsc::c_api::check_size(metrics->size, sizeof(itsc_network_metrics), "itsc_sim_network_metrics", "metrics")) {
      return e;
    }
    if (int e = check_member(sim, member, "itsc_sim_network_metrics")) return e;
    const itsc::SimulationResult r = sim->simulation->result(member);
    itsc_network_metrics m = ITSC_NETWORK_METRICS_INIT;
    m.total_delay_veh_h = r.total_delay_veh_h;
    m.delay_s_per_veh = r.delay_s_per_veh;
    m.stops_per_veh = r.stops_per_veh;
    m.average_travel_time_s = r.average_travel_time_s;
    m.throughput_veh_per_h = r.throughput_veh_per_h;
    m.vehicles_entered = r.vehicles_entered;
    m.vehicles_exited = r.vehicles_exited;
    m.vehicles_inside = r.vehicles_inside;
    return write_versioned(metrics, m, "itsc_sim_network_metrics", "metrics");
  });
}

int itsc_sim_movement_state(const itsc_sim* sim, size_t member, double* queued_veh, double* departed_veh,
                            size_t capacity, size_t* length) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_movement_state", "sim")) return e;
    if (int e = check_member(sim, member, "itsc_sim_movement_state")) return e;
    const itsc::Model& model = sim->simulation->model();
    if (int e = check_room(capacity, model.movement_id.size(), length, "itsc_sim_movement_state")) return e;
    const itsc::State& state = sim->simulation->state();
    for (std::size_t m = 0; m < model.movement_id.size(); ++m) {
      if (queued_veh != nullptr) queued_veh[m] = state.movement_stopped_veh[m * state.batch + member];
      if (departed_veh != nullptr) departed_veh[m] = state.metrics.movement_departures_veh[m * state.batch + member];
    }
    return ITSC_OK;
  });
}

int itsc_sim_intersection_delay(const itsc_sim* sim, size_t member, double* delay_s_per_veh, char* los,
                                size_t capacity, size_t* length) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_intersection_delay", "sim")) return e;
    if (int e = check_member(sim, member, "itsc_sim_intersection_delay")) return e;
    const itsc::Model& model = sim->simulation->model();
    if (int e = check_room(capacity, model.signal_count(), length, "itsc_sim_intersection_delay")) return e;
    const itsc::SimulationResult r = sim->simulation->result(member);
    for (std::size_t s = 0; s < model.signal_count(); ++s) {
      const std::string& node = model.node_id[model.signalized_nodes[s]];
      for (const itsc::IntersectionResult& intersection : r.intersections) {
        if (intersection.id != node) continue;
        if (delay_s_per_veh != nullptr) delay_s_per_veh[s] = intersection.delay_s_per_veh;
        if (los != nullptr) los[s] = intersection.los;
      }
    }
    return ITSC_OK;
  });
}

int itsc_sim_pattern_get(const itsc_sim* sim, size_t member, size_t signal, itsc_pattern* pattern) {
  return guarded([&] {
    if (int e = require(sim, "itsc_sim_pattern_get", "sim")) return e;
    if (int e = check_member(sim, member, "itsc_sim_pattern_get")) return e;
    if (int e = check_signal(sim->simulation->model(), signal, "itsc_sim_pattern_get")) return e;
    return itsc::c_api::write_pattern(sim->simulation->plans().plan(signal, member).timing, pattern,
                                      "itsc_sim_pattern_get");
  });
}

int itsc_sim_pattern_set(itsc_sim* sim, size_t member, size_t signal, const itsc_pattern* pattern, int transition) {
  return guarded([&] {
    constexpr const char* function = "itsc_sim_pattern_set";
    if (int e = require(sim, function, "sim")) return e;
    if (int e = check_member(sim, member, function)) return e;
    const itsc::Model& model = sim->simulation->model();
    if (int e = check_signal(model, signal, function)) return e;
    std::optional<itsc::TransitionMethod> method;
    if (int e = itsc::c_api::read_transition(transition, method, function)) return e;
    const std::string& node = model.node_id[model.signalized_nodes[signal]];
    itsc::Timing timing = sim->simulation->plans().plan(signal, member).timing;
    if (int e = itsc::c_api::apply_pattern(pattern, *sim->scenario, node, timing, function)) return e;
    const itsc::SignalPlan plan = itsc::compile_plan(*sim->scenario, model, signal, timing);
    if (!sim->simulation->set_plan(member, signal, plan, method)) {
      return fail(ITSC_ESTATE, std::string(function) + ": the " + timing.controller + " controller of node '" + node +
                                   "' cannot take a pattern here" +
                                   (timing.controller == "actuated"
                                        ? ": the members of a batch share its timing (use a batch of one)"
                                        : ": it chooses its phases itself"));
    }
    return ITSC_OK;
  });
}

}  // extern "C"

// The optimizer through C: options in, a result handle with the summary and the plan file out.
#include <itsc/io.hpp>
#include <itsc/optimize.hpp>
#include <itsc/ring_plan.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "c_api.hpp"

struct itsc_optimize_result {
  itsc::OptimizeSummary summary;
  std::string plan_yaml;
  std::vector<itsc::Timing> timing;  // [signal] the plan, resolved, in the engine's signal order
};

namespace {

using itsc::c_api::fail;
using itsc::c_api::guarded;
using itsc::c_api::read_versioned;
using itsc::c_api::require;
using itsc::c_api::write_versioned;

// The C enums carry the C++ ones' values.
static_assert(ITSC_OBJECTIVE_PI == static_cast<int>(itsc::OptimizeObjective::performance_index));
static_assert(ITSC_OBJECTIVE_THROUGHPUT == static_cast<int>(itsc::OptimizeObjective::throughput));
static_assert(ITSC_CYCLE_PER_NODE == static_cast<int>(itsc::CyclePolicy::per_node));
static_assert(ITSC_CYCLE_GROUPS == static_cast<int>(itsc::CyclePolicy::groups));
static_assert(ITSC_STOP_MAX_EVALUATIONS == static_cast<int>(itsc::StopReason::max_evaluations));
static_assert(ITSC_STOP_TIME_LIMIT == static_cast<int>(itsc::StopReason::time_limit));
static_assert(ITSC_STOP_CANCELLED == static_cast<int>(itsc::StopReason::cancelled));

}  // namespace

extern "C" {

int itsc_optimize(const itsc_scenario* scenario, const itsc_optimize_options* options, itsc_optimize_result** out) {
  return guarded([&] {
    if (int e = require(out, "itsc_optimize", "out")) return e;
    *out = nullptr;
    if (int e = require(scenario, "itsc_optimize", "scenario")) return e;
    itsc_optimize_options o = ITSC_OPTIMIZE_OPTIONS_INIT;
    if (int e = read_versioned(options, o, "itsc_optimize", "options")) return e;
    if (o.objective < ITSC_OBJECTIVE_DELAY || o.objective > ITSC_OBJECTIVE_THROUGHPUT) {
      return fail(ITSC_EINVAL, "itsc_optimize: unknown objective " + std::to_string(o.objective));
    }
    if (o.cycle_policy < ITSC_CYCLE_COMMON || o.cycle_policy > ITSC_CYCLE_GROUPS) {
      return fail(ITSC_EINVAL, "itsc_optimize: unknown cycle policy " + std::to_string(o.cycle_policy));
    }
    itsc::OptimizeOptions options_cpp;
    options_cpp.objective = static_cast<itsc::OptimizeObjective>(o.objective);
    options_cpp.stop_penalty_s = o.stops_weight_s;
    options_cpp.max_degree_of_saturation = o.max_degree_of_saturation;
    options_cpp.cycle_min_s = o.cycle_min_s;
    options_cpp.cycle_max_s = o.cycle_max_s;
    options_cpp.cycle_policy = static_cast<itsc::CyclePolicy>(o.cycle_policy);
    options_cpp.threads = static_cast<int>(std::max<uint32_t>(1, o.threads));
    options_cpp.seed = o.seed;
    options_cpp.max_evaluations = o.max_evaluations;
    options_cpp.time_limit_s = o.time_limit_s;
    if (o.progress != nullptr) {
      options_cpp.progress = [&o](const itsc::OptimizeProgress& p) {
        return o.progress(o.user, p.evaluations, p.best_objective, p.elapsed_s) == 0;
      };
    }
    if (const std::string problem = options_cpp.check(); !problem.empty()) {
      return fail(ITSC_EINVAL, "itsc_optimize: " + problem);
    }
    const itsc::OptimizeResult optimized = itsc::optimize(*scenario->scenario, options_cpp);
    auto handle = std::make_unique<itsc_optimize_result>();
    handle->summary = optimized.summary;
    handle->plan_yaml = itsc::save_plan_string(itsc::Plan{optimized.timing});
    const itsc::Model& model = *scenario->model;
    const itsc::Network& network = scenario->scenario->network;
    for (std::size_t s = 0; s < model.signal_count(); ++s) {
      const std::string& node = model.node_id[model.signalized_nodes[s]];
      const itsc::Node& geometry = network.nodes[*network.node_index(node)];
      handle->timing.push_back(itsc::resolve_timing(optimized.timing.at(node), geometry, network));
    }
    *out = handle.release();
    return ITSC_OK;
  });
}

void itsc_optimize_result_free(itsc_optimize_result* result) { delete result; }

int itsc_optimize_result_summary(const itsc_optimize_result* result, itsc_optimize_summary* summary) {
  return guarded([&] {
    if (int e = require(result, "itsc_optimize_result_summary", "result")) return e;
    if (int e = require(summary, "itsc_optimize_result_summary", "summary")) return e;
    const itsc::OptimizeSummary& s = result->summary;
    itsc_optimize_summary c = ITSC_OPTIMIZE_SUMMARY_INIT;
    c.objective_before = s.before.index;
    c.objective_after = s.after.index;
    c.delay_before_veh_h = s.before_result.total_delay_veh_h;
    c.delay_after_veh_h = s.after_result.total_delay_veh_h;
    c.max_degree_of_saturation = s.max_degree_of_saturation;
    c.degree_of_saturation_met = s.degree_of_saturation_met ? 1 : 0;
    c.kept_scenario_plan = s.kept_scenario_plan ? 1 : 0;
    c.stop_reason = static_cast<int32_t>(s.stop_reason);
    c.evaluations = s.evaluations;
    c.wall_time_s = s.wall_time_s;
    return write_versioned(summary, c, "itsc_optimize_result_summary", "summary");
  });
}

int itsc_optimize_result_plan(const itsc_optimize_result* result, char* out, size_t capacity, size_t* length) {
  return guarded([&] {
    if (int e = require(result, "itsc_optimize_result_plan", "result")) return e;
    return itsc::c_api::copy_string(result->plan_yaml, out, capacity, length);
  });
}

int itsc_optimize_result_pattern(const itsc_optimize_result* result, size_t signal, itsc_pattern* pattern) {
  return guarded([&] {
    if (int e = require(result, "itsc_optimize_result_pattern", "result")) return e;
    if (signal >= result->timing.size()) {
      return fail(ITSC_EINVAL, "itsc_optimize_result_pattern: signal " + std::to_string(signal) + " of " +
                                   std::to_string(result->timing.size()));
    }
    return itsc::c_api::write_pattern(result->timing[signal], pattern, "itsc_optimize_result_pattern");
  });
}

}  // extern "C"

// Scenarios: load from a file or a string, counts and ids.
#include <itsc/io.hpp>
#include <itsc/ring_plan.hpp>

#include <new>
#include <string>
#include <vector>

#include "c_api.hpp"

namespace {

using itsc::c_api::fail;
using itsc::c_api::guarded;
using itsc::c_api::require;


// A loaded scenario with its model compiled, into *out.
int adopt(itsc::Scenario scenario, itsc_scenario** out) {
  auto handle = std::make_unique<itsc_scenario>();
  handle->model = std::make_shared<const itsc::Model>(itsc::compile(scenario));
  handle->scenario = std::make_shared<const itsc::Scenario>(std::move(scenario));
  *out = handle.release();
  return ITSC_OK;
}

// `item` is an int, not an itsc_item: a C caller may pass any value, which the C++ enum cannot hold.
std::size_t item_count(const itsc::Model& model, int item) {
  switch (item) {
    case ITSC_ITEM_SIGNAL: return model.signal_count();
    case ITSC_ITEM_MOVEMENT: return model.movement_id.size();
    case ITSC_ITEM_DETECTOR: return model.signal_detector_begin.empty() ? 0 : model.signal_detector_begin.back();
    case ITSC_ITEM_LINK: return model.link_count();
  }
  return 0;
}

bool known(int item) { return item >= ITSC_ITEM_SIGNAL && item <= ITSC_ITEM_LINK; }

}  // namespace

extern "C" {

int itsc_scenario_load_file(const char* path, itsc_scenario** out) {
  return guarded([&] {
    if (int e = require(out, "itsc_scenario_load_file", "out")) return e;
    *out = nullptr;
    if (int e = require(path, "itsc_scenario_load_file", "path")) return e;
    return adopt(itsc::load_scenario_file(path).scenario, out);
  });
}

int itsc_scenario_load_string(const char* yaml, size_t length, const char* name, itsc_scenario** out) {
  return guarded([&] {
    if (int e = require(out, "itsc_scenario_load_string", "out")) return e;
    *out = nullptr;
    if (int e = require(yaml, "itsc_scenario_load_string", "yaml")) return e;
    return adopt(itsc::load_scenario_string(std::string_view(yaml, length), name ? name : "<string>").scenario, out);
  });
}

void itsc_scenario_free(itsc_scenario* scenario) { delete scenario; }

int itsc_scenario_count(const itsc_scenario* scenario, int item, size_t* count) {
  return guarded([&] {
    if (int e = require(scenario, "itsc_scenario_count", "scenario")) return e;
    if (int e = require(count, "itsc_scenario_count", "count")) return e;
    if (!known(item)) return fail(ITSC_EINVAL, "itsc_scenario_count: unknown item kind " + std::to_string(item));
    *count = item_count(*scenario->model, item);
    return ITSC_OK;
  });
}

int itsc_scenario_id(const itsc_scenario* scenario, int item, size_t index, char* out, size_t capacity,
                     size_t* length) {
  return guarded([&] {
    if (int e = require(scenario, "itsc_scenario_id", "scenario")) return e;
    if (!known(item)) return fail(ITSC_EINVAL, "itsc_scenario_id: unknown item kind " + std::to_string(item));
    const itsc::Model& model = *scenario->model;
    const std::size_t count = item_count(model, item);
    if (index >= count) {
      return fail(ITSC_EINVAL, "itsc_scenario_id: index " + std::to_string(index) + " of " + std::to_string(count));
    }
    std::string id;
    switch (item) {
      case ITSC_ITEM_SIGNAL: id = model.node_id[model.signalized_nodes[index]]; break;
      case ITSC_ITEM_MOVEMENT: id = model.node_id[model.movement_node[index]] + "/" + model.movement_id[index]; break;
      case ITSC_ITEM_DETECTOR:
        for (std::size_t signal = 0; signal < model.signal_count(); ++signal) {
          if (index < model.signal_detector_begin[signal + 1]) {
            id = model.signal_layout[signal].detectors[index - model.signal_detector_begin[signal]];
            break;
          }
        }
        break;
      case ITSC_ITEM_LINK: id = model.link_id[index]; break;
    }
    return itsc::c_api::copy_string(id, out, capacity, length);
  });
}

int itsc_scenario_signal_index(const itsc_scenario* scenario, const char* node, size_t* index) {
  return guarded([&] {
    if (int e = require(scenario, "itsc_scenario_signal_index", "scenario")) return e;
    if (int e = require(node, "itsc_scenario_signal_index", "node")) return e;
    if (int e = require(index, "itsc_scenario_signal_index", "index")) return e;
    const itsc::Model& model = *scenario->model;
    for (std::size_t s = 0; s < model.signal_count(); ++s) {
      if (model.node_id[model.signalized_nodes[s]] == node) {
        *index = s;
        return ITSC_OK;
      }
    }
    return fail(ITSC_EINVAL, std::string("itsc_scenario_signal_index: no signalized node '") + node + "'");
  });
}

int itsc_scenario_phases(const itsc_scenario* scenario, size_t signal, int32_t* numbers, size_t capacity,
                         size_t* length) {
  return guarded([&] {
    if (int e = require(scenario, "itsc_scenario_phases", "scenario")) return e;
    const itsc::Model& model = *scenario->model;
    if (int e = itsc::c_api::check_signal(model, signal, "itsc_scenario_phases")) return e;
    const itsc::Timing& timing = scenario->scenario->timing.at(model.node_id[model.signalized_nodes[signal]]);
    const std::vector<itsc::Phase> phases = itsc::ring_plan_of(timing).phases;
    if (int e = itsc::c_api::check_room(capacity, phases.size(), length, "itsc_scenario_phases")) return e;
    if (int e = require(numbers, "itsc_scenario_phases", "numbers")) return e;
    for (std::size_t p = 0; p < phases.size(); ++p) numbers[p] = phases[p].number;
    return ITSC_OK;
  });
}

}  // extern "C"

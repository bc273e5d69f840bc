// No result ever holds NaN or infinity: over generated scenarios (random sizes, demands from empty side
// streets to oversaturation, bays or none, one-way streets, short steps) under every controller, every
// number of the JSON report is finite (nlohmann writes NaN and infinity as null, so no null either).
#include <itsc/generate.hpp>
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <random>
#include <string>

using namespace itsc;

namespace {

// Every leaf of `json` is a finite number, a string or a boolean; returns how many numbers it saw.
int check_finite(const nlohmann::json& json, const std::string& path) {
  int numbers = 0;
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) numbers += check_finite(value, path + "." + key);
  } else if (json.is_array()) {
    for (std::size_t i = 0; i < json.size(); ++i) numbers += check_finite(json[i], path + "[" + std::to_string(i) + "]");
  } else if (json.is_number()) {
    const double value = json.get<double>();
    if (!std::isfinite(value)) {
      CAPTURE(path);
      CHECK(std::isfinite(value));
    }
    ++numbers;
  } else if (json.is_null()) {
    CAPTURE(path);
    FAIL_CHECK("null (NaN or infinity) in the report");
  }
  return numbers;
}

}  // namespace

TEST_CASE("finite output: every number of every report is finite, over generated scenarios and controllers") {
  std::mt19937 random(20261207);
  std::uniform_int_distribution<int> size(1, 3);
  std::uniform_real_distribution<double> main_flow(0, 2400);  // up to well past capacity
  std::uniform_real_distribution<double> side_flow(0, 900);
  std::uniform_real_distribution<double> share(0, 0.4);
  std::bernoulli_distribution coin(0.5);
  const char* controllers[] = {"fixed", "actuated", "max-pressure", "max-pressure-cycle"};
  int reports = 0;
  for (int trial = 0; trial < 12; ++trial) {
    Scenario scenario;
    if (coin(random)) {
      GridOptions options;
      options.rows = size(random);
      options.columns = size(random);
      options.main_entry_veh_per_h = main_flow(random);
      options.side_entry_veh_per_h = trial % 4 == 0 ? 0.0 : side_flow(random);  // empty side streets too
      options.left_share = share(random);
      options.right_share = share(random);
      options.bay_length_m = coin(random) ? 0 : 40;
      options.one_way = coin(random);
      options.dt_s = coin(random) ? 1.0 : 0.5;
      options.duration_s = 1800;
      scenario = generate_grid(options);
    } else {
      CorridorOptions options;
      options.signals = size(random) + 1;
      options.main_entry_veh_per_h = main_flow(random);
      options.side_entry_veh_per_h = trial % 4 == 1 ? 0.0 : side_flow(random);
      options.left_share = share(random);
      options.right_share = share(random);
      options.bay_length_m = coin(random) ? 0 : 40;
      options.leading_left = coin(random);
      options.duration_s = 1800;
      scenario = generate_corridor(options);
    }
    scenario.simulation.warmup_s = 600;
    for (const char* controller : controllers) {
      const std::string name = controller;
      CAPTURE(trial);
      CAPTURE(name);
      SimulateOptions options;
      options.controller = controller;
      const nlohmann::json report = nlohmann::json::parse(to_json(simulate(scenario, options)));
      CHECK(check_finite(report, "") > 50);
      ++reports;
    }
  }
  CHECK(reports == 48);
}

TEST_CASE("finite output: the bundled scenarios under every controller") {
  // Acyclic max-pressure leaves Ashland's Harrison Street without green for the hour: no capacity to divide
  // by, which must still give finite figures (LOS F).
  for (const char* name : {"isolated.yaml", "corridor.yaml", "chicago_ashland.yaml"}) {
    const Scenario scenario = load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/" + name).scenario;
    for (const char* controller : {"fixed", "actuated", "max-pressure", "max-pressure-cycle"}) {
      const std::string file = name;
      const std::string control = controller;
      CAPTURE(file);
      CAPTURE(control);
      SimulateOptions options;
      options.controller = controller;
      CHECK(check_finite(nlohmann::json::parse(to_json(simulate(scenario, options))), "") > 100);
    }
  }
}

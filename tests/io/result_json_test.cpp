#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <string>

#include "sim/scenario_builders.hpp"

using namespace itsc;

namespace {

// The JSON without its `run` object (the only part allowed to differ between identical runs).
std::string without_run(const std::string& json) { return json.substr(0, json.find("\"run\"")); }

}  // namespace

TEST_CASE("simulate: JSON holds every documented key, identical runs differ only in `run`") {
  test::GridOptions options;
  options.size = 2;
  options.duration_s = 1800;
  options.warmup_s = 300;
  SimulateOptions simulate_options;
  simulate_options.timeseries_interval_s = 300;
  const auto first = simulate(test::grid(options), simulate_options);
  const auto second = simulate(test::grid(options), simulate_options);
  const std::string json = to_json(first);
  for (const char* key : {"vehicles_entered", "vehicles_exited", "vehicles_inside", "vehicles_waiting",
                          "total_delay_veh_h", "delay_s_per_veh", "uniform_delay_s_per_veh",
                          "overflow_delay_s_per_veh", "total_stops", "average_travel_time_s", "vehicle_hours",
                          "vehicle_km", "intersections", "lane_groups", "los", "max_queue_veh",
                          "degree_of_saturation", "\"control\": \"signalized\"", "\"movements\": [\n            {\n              \"id\"",
                          "\"run\"", "wall_time_s"}) {
    CAPTURE(key);
    CHECK(json.find(key) != std::string::npos);
  }
  CHECK(without_run(json) == without_run(to_json(second)));
  CHECK(first.intersections.size() == 4);
  CHECK(first.vehicles_entered ==
        doctest::Approx(first.vehicles_exited + first.vehicles_inside + first.vehicles_waiting).epsilon(1e-12));
  CHECK(first.timeseries.time_s.size() == 6);
  const std::string csv = timeseries_csv(first.timeseries);
  CHECK(csv.rfind("time_s,lane_group,queue_veh", 0) == 0);
  CHECK(to_text(first).find("Intersection I0_0") != std::string::npos);
}

// The C API from C++: the header compiles as C++, the library exports only itsc_* symbols under its
// SONAME, every entry point refuses NULL with ITSC_EINVAL and changes nothing, small buffers report the
// length they need, a whole run gives `itsc simulate`'s figures, and eight handles in eight threads give
// the same bits as the same runs in sequence.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "c_api_fixture.hpp"

using namespace itsc_c_test;

TEST_CASE("c api: the library exports only itsc_* symbols, under its SONAME") {
  const std::string symbols = command_output(std::string("nm -D --defined-only ") + ITSC_C_LIBRARY);
  std::size_t exported = 0;
  for (std::size_t at = 0; at < symbols.size();) {
    const std::size_t end = symbols.find('\n', at);
    const std::string line = symbols.substr(at, end - at);
    at = end == std::string::npos ? symbols.size() : end + 1;
    const std::size_t name = line.rfind(' ');
    if (name == std::string::npos) continue;
    CAPTURE(line);
    CHECK(line.compare(name + 1, 5, "itsc_") == 0);
    ++exported;
  }
  CHECK(exported >= 20);
  const std::string soname = command_output(std::string("objdump -p ") + ITSC_C_LIBRARY + " | grep SONAME");
  CHECK(soname.find("libitsc_c.so." + std::to_string(ITSC_VERSION_MAJOR) + ".") != std::string::npos);
}

TEST_CASE("c api: NULL and out-of-range arguments give ITSC_EINVAL and a message, and change nothing") {
  Scenario scenario(data("isolated.yaml"));
  itsc_sim_options options = ITSC_SIM_OPTIONS_INIT;
  Sim sim(scenario.handle, options);
  size_t count = 7;
  int32_t time = 7;
  itsc_network_metrics metrics = ITSC_NETWORK_METRICS_INIT;
  const auto refused = [](int code) {
    const bool named = std::strstr(itsc_error_last(), "NULL") != nullptr || std::strstr(itsc_error_last(), " of ") != nullptr;
    return code == ITSC_EINVAL && named;
  };
  CHECK(refused(itsc_scenario_count(nullptr, ITSC_ITEM_SIGNAL, &count)));
  CHECK(refused(itsc_scenario_count(scenario.handle, ITSC_ITEM_SIGNAL, nullptr)));
  CHECK(refused(itsc_scenario_id(nullptr, ITSC_ITEM_SIGNAL, 0, nullptr, 0, nullptr)));
  CHECK(refused(itsc_scenario_id(scenario.handle, ITSC_ITEM_LINK, 1000, nullptr, 0, nullptr)));
  CHECK(refused(itsc_scenario_signal_index(scenario.handle, nullptr, &count)));
  CHECK(itsc_scenario_signal_index(scenario.handle, "nowhere", &count) == ITSC_EINVAL);
  CHECK(refused(itsc_sim_create(nullptr, &options, nullptr)));
  CHECK(refused(itsc_sim_step(nullptr, 1)));
  CHECK(refused(itsc_sim_run_until(nullptr, 10)));
  CHECK(refused(itsc_sim_reset(nullptr)));
  CHECK(refused(itsc_sim_time(nullptr, &time)));
  CHECK(refused(itsc_sim_time(sim.handle, nullptr)));
  CHECK(refused(itsc_sim_duration(sim.handle, nullptr)));
  CHECK(refused(itsc_sim_batch(sim.handle, nullptr)));
  CHECK(refused(itsc_sim_network_metrics(sim.handle, 0, nullptr)));
  CHECK(refused(itsc_sim_network_metrics(sim.handle, 1, &metrics)));
  CHECK(refused(itsc_sim_movement_state(sim.handle, 3, nullptr, nullptr, 0, nullptr)));
  CHECK(refused(itsc_sim_intersection_delay(nullptr, 0, nullptr, nullptr, 0, nullptr)));
  CHECK(count == 7);
  CHECK(time == 7);
  CHECK(metrics.vehicles_entered == 0);
  CHECK(itsc_sim_time(sim.handle, &time) == ITSC_OK);
  CHECK(time == 0);  // nothing ran
}

TEST_CASE("c api: a small buffer reports the length it needs, and that length then works") {
  Scenario scenario(data("corridor.yaml"));
  itsc_sim_options options = ITSC_SIM_OPTIONS_INIT;
  options.duration_tenths = 15000;  // the warm-up (900 s), then 600 s measured
  Sim sim(scenario.handle, options);
  REQUIRE(itsc_sim_run_until(sim.handle, 15000) == ITSC_OK);
  std::size_t movements = 0, length = 0;
  REQUIRE(itsc_scenario_count(scenario.handle, ITSC_ITEM_MOVEMENT, &movements) == ITSC_OK);
  std::vector<double> queued(movements, -1), departed(movements, -1);
  CHECK(itsc_sim_movement_state(sim.handle, 0, queued.data(), departed.data(), 2, &length) == ITSC_EBUFSIZE);
  CHECK(length == movements);
  CHECK(queued[0] == -1);
  REQUIRE(itsc_sim_movement_state(sim.handle, 0, queued.data(), departed.data(), length, &length) == ITSC_OK);
  double total = 0;
  for (std::size_t m = 0; m < movements; ++m) {
    CHECK(queued[m] >= 0);
    total += departed[m];
  }
  CHECK(total > 0);
  std::size_t signals = 0;
  REQUIRE(itsc_scenario_count(scenario.handle, ITSC_ITEM_SIGNAL, &signals) == ITSC_OK);
  std::vector<double> delay(signals, -1);
  std::vector<char> los(signals, '?');
  CHECK(itsc_sim_intersection_delay(sim.handle, 0, delay.data(), los.data(), 0, &length) == ITSC_EBUFSIZE);
  CHECK(length == signals);
  REQUIRE(itsc_sim_intersection_delay(sim.handle, 0, delay.data(), los.data(), signals, &length) == ITSC_OK);
  for (std::size_t s = 0; s < signals; ++s) {
    CHECK(delay[s] > 0);
    CHECK((los[s] >= 'A' && los[s] <= 'F'));
  }
}

TEST_CASE("c api: a malformed scenario string gives the parse error with its line and column") {
  const std::string yaml = "schema_version: 1\nnodes:\n  - {id: A, control: boundary\n";
  itsc_scenario* scenario = reinterpret_cast<itsc_scenario*>(&scenario);  // must be set to NULL
  CHECK(itsc_scenario_load_string(yaml.data(), yaml.size(), "broken.yaml", &scenario) == ITSC_EINPUT);
  CHECK(scenario == nullptr);
  const std::string message = itsc_error_last();
  CAPTURE(message);
  CHECK(message.rfind("broken.yaml:4:1: ", 0) == 0);  // the unclosed map, found at the end of the text
  // Text that validates: the same scenario as its file.
  const std::string file = command_output("cat " + data("isolated.yaml"));
  REQUIRE(itsc_scenario_load_string(file.data(), file.size(), nullptr, &scenario) == ITSC_OK);
  itsc_scenario_free(scenario);
}

TEST_CASE("c api: a whole run gives the command line's figures") {
  Scenario scenario(data("corridor.yaml"));
  const itsc_network_metrics metrics = whole_run(scenario.handle, 0);
  const auto cli = nlohmann::json::parse(command_output(std::string(ITSC_CLI_PATH) + " simulate " + data("corridor.yaml") + " --json"));
  CHECK(metrics.total_delay_veh_h == cli["total_delay_veh_h"].get<double>());
  CHECK(metrics.delay_s_per_veh == cli["delay_s_per_veh"].get<double>());
  CHECK(metrics.stops_per_veh == cli["stops_per_veh"].get<double>());
  CHECK(metrics.throughput_veh_per_h == cli["throughput_veh_per_h"].get<double>());
  CHECK(metrics.vehicles_entered == cli["vehicles_entered"].get<double>());
}

TEST_SUITE("threaded") {
TEST_CASE("c api: eight handles in eight threads give the bits of the same runs in sequence") {
  const std::vector<std::string> files{"isolated.yaml", "corridor.yaml"};
  std::vector<itsc_network_metrics> sequence, parallel(8);
  std::vector<std::unique_ptr<Scenario>> scenarios;
  for (int k = 0; k < 8; ++k) scenarios.push_back(std::make_unique<Scenario>(data(files[k % 2].c_str())));
  for (int k = 0; k < 8; ++k) sequence.push_back(whole_run(scenarios[k]->handle, 15000));
  std::vector<std::thread> threads;
  for (int k = 0; k < 8; ++k) {
    threads.emplace_back([&, k] { parallel[k] = whole_run(scenarios[k]->handle, 15000); });
  }
  for (std::thread& thread : threads) thread.join();
  for (int k = 0; k < 8; ++k) {
    CAPTURE(k);
    CHECK(std::memcmp(&sequence[k], &parallel[k], sizeof(itsc_network_metrics)) == 0);
    CHECK(parallel[k].delay_s_per_veh > 0);
  }
}
}

TEST_CASE("c api: a controller refuses bad arguments and out-of-order steps, and reports buffer sizes") {
  Scenario scenario(data("isolated.yaml"));
  itsc_controller* controller = nullptr;
  CHECK(itsc_controller_create(scenario.handle, 5, nullptr, &controller) == ITSC_EINVAL);
  CHECK(controller == nullptr);
  CHECK(itsc_controller_create(scenario.handle, 0, "clairvoyant", &controller) == ITSC_EINPUT);
  CHECK(std::strstr(itsc_error_last(), "clairvoyant") != nullptr);
  CHECK(itsc_controller_create(nullptr, 0, nullptr, &controller) == ITSC_EINVAL);
  REQUIRE(itsc_controller_create(scenario.handle, 0, "actuated", &controller) == ITSC_OK);
  itsc_controller_shape shape = ITSC_CONTROLLER_SHAPE_INIT;
  REQUIRE(itsc_controller_shape_get(controller, &shape) == ITSC_OK);
  CHECK(shape.movements == 12);
  CHECK(shape.crosswalks == 4);
  CHECK(shape.detectors > 0);
  CHECK(shape.phases > 0);
  // Steps follow each other; a NULL observation is nothing detected.
  CHECK(itsc_controller_step(controller, 5, 10, nullptr) == ITSC_EINVAL);
  CHECK(itsc_controller_step(controller, 0, 0, nullptr) == ITSC_EINVAL);
  CHECK(itsc_controller_step(controller, 0, 10, nullptr) == ITSC_OK);
  CHECK(itsc_controller_step(controller, 0, 10, nullptr) == ITSC_EINVAL);
  int32_t now = 0;
  CHECK(itsc_controller_time(controller, &now) == ITSC_OK);
  CHECK(now == 10);
  itsc_observation old = ITSC_OBSERVATION_INIT;
  old.size = 0;
  CHECK(itsc_controller_step(controller, 10, 10, &old) == ITSC_EINVAL);
  // A broken detector's garbage is refused, naming the entry, and the controller does not step.
  std::vector<double> garbage(shape.detectors, 0.0);
  itsc_observation broken = ITSC_OBSERVATION_INIT;
  broken.detector_occupancy = garbage.data();
  for (const double bad : {std::nan(""), -0.5, 1.5, HUGE_VAL}) {
    garbage.back() = bad;
    CHECK(itsc_controller_step(controller, 10, 10, &broken) == ITSC_EINVAL);
    CHECK(std::strstr(itsc_error_last(), ("detector_occupancy[" + std::to_string(shape.detectors - 1) + "]").c_str()) != nullptr);
  }
  std::vector<double> queued(shape.movements, 0.0);
  queued[3] = -1;
  itsc_observation negative = ITSC_OBSERVATION_INIT;
  negative.queued_veh = queued.data();
  CHECK(itsc_controller_step(controller, 10, 10, &negative) == ITSC_EINVAL);
  CHECK(std::strstr(itsc_error_last(), "queued_veh[3]") != nullptr);
  CHECK(itsc_controller_step(controller, 10, INT32_MAX, nullptr) == ITSC_EINVAL);
  CHECK(itsc_controller_time(controller, &now) == ITSC_OK);
  CHECK(now == 10);
  // Buffers: the length needed, then success.
  std::vector<itsc_spat> spat(2);
  std::size_t length = 0;
  CHECK(itsc_controller_spat(controller, spat.data(), spat.size(), &length) == ITSC_EBUFSIZE);
  CHECK(length == 16);
  spat.resize(length);
  CHECK(itsc_controller_spat(controller, spat.data(), spat.size(), &length) == ITSC_OK);
  for (const itsc_spat& s : spat) CHECK(s.min_end_tenths >= 10);
  std::vector<int32_t> numbers(1);
  CHECK(itsc_controller_phases(controller, numbers.data(), 0, &length) == ITSC_EBUFSIZE);
  CHECK(length == shape.phases);
  char id[2];
  CHECK(itsc_controller_id(controller, ITSC_ITEM_MOVEMENT, 0, id, sizeof id, &length) == ITSC_EBUFSIZE);
  CHECK(length == 3);  // "EBL"
  CHECK(itsc_controller_id(controller, ITSC_ITEM_LINK, 0, id, sizeof id, &length) == ITSC_EINVAL);
  CHECK(itsc_controller_id(controller, ITSC_ITEM_CROSSWALK, 4, id, sizeof id, &length) == ITSC_EINVAL);
  itsc_phase_status status = ITSC_PHASE_STATUS_INIT;
  CHECK(itsc_controller_phase_status(nullptr, &status) == ITSC_EINVAL);
  CHECK(itsc_controller_phase_status(controller, &status) == ITSC_OK);
  CHECK(status.greens != 0);
  uint16_t mark = 0;
  CHECK(itsc_time_mark(scenario.handle, ITSC_UNKNOWN_END, &mark) == ITSC_OK);
  CHECK(mark == 36001);
  CHECK(itsc_time_mark(scenario.handle, 0, nullptr) == ITSC_EINVAL);
  itsc_controller_free(controller);
  itsc_controller_free(nullptr);
}

namespace {
int stop_after_first(void* user, uint64_t evaluations, double /*best*/, double /*elapsed_s*/) {
  *static_cast<uint64_t*>(user) = evaluations;
  return 1;
}
}  // namespace

TEST_CASE("c api: the optimizer gives the command line's plan and figures, and its callback cancels") {
  Scenario scenario(data("isolated.yaml"));
  itsc_optimize_result* result = nullptr;
  CHECK(itsc_optimize(nullptr, nullptr, &result) == ITSC_EINVAL);
  itsc_optimize_options options = ITSC_OPTIMIZE_OPTIONS_INIT;
  options.cycle_min_s = 200;
  CHECK(itsc_optimize(scenario.handle, &options, &result) == ITSC_EINVAL);
  CHECK(std::strstr(itsc_error_last(), "longest cycle") != nullptr);
  CHECK(result == nullptr);
  REQUIRE(itsc_optimize(scenario.handle, nullptr, &result) == ITSC_OK);
  itsc_optimize_summary summary = ITSC_OPTIMIZE_SUMMARY_INIT;
  REQUIRE(itsc_optimize_result_summary(result, &summary) == ITSC_OK);
  const auto cli = nlohmann::json::parse(command_output(std::string(ITSC_CLI_PATH) + " optimize " + data("isolated.yaml") +
                                                        " --quiet --json"));
  CHECK(summary.objective_after == cli["after"]["objective"].get<double>());
  CHECK(summary.objective_before == cli["before"]["objective"].get<double>());
  CHECK(summary.evaluations == cli["evaluations"].get<uint64_t>());
  CHECK(summary.objective_after < summary.objective_before);
  CHECK(summary.stop_reason == ITSC_STOP_CONVERGED);
  std::size_t length = 0;
  char small[4];
  CHECK(itsc_optimize_result_plan(result, small, sizeof small, &length) == ITSC_EBUFSIZE);
  std::string plan(length + 1, '\0');
  REQUIRE(itsc_optimize_result_plan(result, plan.data(), plan.size(), &length) == ITSC_OK);
  CHECK(plan.rfind("schema_version: 1\n", 0) == 0);
  CHECK(plan.find("timing:") != std::string::npos);
  itsc_optimize_result_free(result);
  // Cancelled after the first batch: a success, the best so far, and why it stopped.
  uint64_t seen = 0;
  options = ITSC_OPTIMIZE_OPTIONS_INIT;
  options.progress = stop_after_first;
  options.user = &seen;
  REQUIRE(itsc_optimize(scenario.handle, &options, &result) == ITSC_OK);
  REQUIRE(itsc_optimize_result_summary(result, &summary) == ITSC_OK);
  CHECK(summary.stop_reason == ITSC_STOP_CANCELLED);
  CHECK(seen > 0);
  CHECK(summary.objective_after <= summary.objective_before);
  itsc_optimize_result_free(result);
  itsc_optimize_result_free(nullptr);
}

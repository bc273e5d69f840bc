// Patterns in NTCIP 1202 terms through the C API: what reads back is the scenario's timing, a pattern
// set before a run gives the run of a scenario written with that timing (fixed time and actuated), one
// set mid-run that changes nothing changes nothing, bad patterns are refused with nothing changed, and
// the optimizer's pattern gives the delay its summary reports.
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "c_api_fixture.hpp"

using namespace itsc_c_test;

namespace {

// `text` with its first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

itsc_pattern pattern_of(const itsc_sim* sim, int32_t reference = ITSC_OFFSET_GREEN_START) {
  itsc_pattern pattern = ITSC_PATTERN_INIT;
  pattern.offset_reference = reference;
  const int code = itsc_sim_pattern_get(sim, 0, 0, &pattern);
  const std::string message = itsc_error_last();
    CAPTURE(message);
  REQUIRE(code == ITSC_OK);
  return pattern;
}

// The scenario without its pedestrian volumes: the HCM pedestrian saturation factors are compiled into
// the model from the scenario's own timing, so only without pedestrians does a new pattern give the
// bits of a scenario written with it.
std::string without_pedestrians(const std::string& yaml) {
  const std::size_t begin = yaml.find("  pedestrians:\n");
  REQUIRE(begin != std::string::npos);
  const std::size_t end = yaml.find("\n\n", begin);
  REQUIRE(end != std::string::npos);
  return yaml.substr(0, begin) + yaml.substr(end + 1);
}

bool same(const itsc_pattern& a, const itsc_pattern& b) { return std::memcmp(&a, &b, sizeof a) == 0; }
bool same(const itsc_network_metrics& a, const itsc_network_metrics& b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::vector<int> sequence_of(const itsc_pattern& pattern, std::size_t ring) {
  std::vector<int> phases;
  for (int k = 0; k < ITSC_PATTERN_PHASES && pattern.sequence[ring][k] != 0; ++k) phases.push_back(pattern.sequence[ring][k]);
  return phases;
}

// The HCM ch. 31 example 1 intersection: actuated, two rings, phases 2 | 3 4 and 6 | 7 8.
const std::string kActuated = "hcm_ch31_example1.yaml";

}  // namespace

TEST_CASE("c api patterns: a pattern reads back the scenario's timing, its offset in any reference") {
  SUBCASE("a stage plan is one ring, stage k phase k") {
    Scenario scenario(data("isolated.yaml"));
    Sim sim(scenario.handle, ITSC_SIM_OPTIONS_INIT);
    const itsc_pattern p = pattern_of(sim.handle);
    CHECK(p.cycle_tenths == 900);
    CHECK(p.offset_tenths == 0);
    CHECK(p.rings == 1);
    CHECK(p.phases == 0x7);
    CHECK(sequence_of(p, 0) == std::vector<int>{1, 2, 3});
    CHECK(p.split_tenths[0] == 145);  // 10 + 3.5 + 1
    CHECK(p.split_tenths[1] == 435);
    CHECK(p.split_tenths[2] == 320);
    CHECK(p.split_tenths[0] + p.split_tenths[1] + p.split_tenths[2] == p.cycle_tenths);
    CHECK(p.coordinated == 0);
    // The yield point is the reference's green later (stage 1: 10 s); the cycle start is stage 1's green.
    CHECK(pattern_of(sim.handle, ITSC_OFFSET_YIELD).offset_tenths == 100);
    CHECK(pattern_of(sim.handle, ITSC_OFFSET_CYCLE_START).offset_tenths == 0);
  }
  SUBCASE("a NEMA plan: each ring over its barrier groups, splits by phase number, recalls") {
    Scenario scenario(test_data(kActuated.c_str()));
    Sim sim(scenario.handle, ITSC_SIM_OPTIONS_INIT);
    const itsc_pattern p = pattern_of(sim.handle);
    CHECK(p.cycle_tenths == 1018);
    CHECK(p.rings == 2);
    CHECK(p.phases == ((1u << 1) | (1u << 2) | (1u << 3) | (1u << 5) | (1u << 6) | (1u << 7)));
    CHECK(sequence_of(p, 0) == std::vector<int>{2, 3, 4});
    CHECK(sequence_of(p, 1) == std::vector<int>{6, 7, 8});
    CHECK(sequence_of(p, 2).empty());
    CHECK(p.split_tenths[2 - 1] == 340);
    CHECK(p.split_tenths[3 - 1] == 102);
    CHECK(p.split_tenths[7 - 1] == 138);
    CHECK(p.split_tenths[1 - 1] == 0);
    CHECK(p.split_tenths[2 - 1] + p.split_tenths[3 - 1] + p.split_tenths[4 - 1] == p.cycle_tenths);
    for (int n = 1; n <= ITSC_PATTERN_PHASES; ++n) CHECK(p.recall[n - 1] == ITSC_RECALL_NONE);
    CHECK(p.force_off == ITSC_FORCE_OFF_FIXED);
    // The scenario lists the same phases, in the plan's order.
    std::vector<int32_t> numbers(6);
    std::size_t length = 0;
    CHECK(itsc_scenario_phases(scenario.handle, 0, numbers.data(), 2, &length) == ITSC_EBUFSIZE);
    CHECK(length == 6);
    REQUIRE(itsc_scenario_phases(scenario.handle, 0, numbers.data(), numbers.size(), &length) == ITSC_OK);
    CHECK(numbers == std::vector<int32_t>{2, 6, 3, 8, 7, 4});
    CHECK(itsc_scenario_phases(scenario.handle, 1, numbers.data(), numbers.size(), &length) == ITSC_EINVAL);
  }
}

TEST_CASE("c api patterns: a fixed-time pattern set before the run gives the run of the scenario written with it") {
  const std::string yaml = without_pedestrians(file_text(data("isolated.yaml")));
  Scenario scenario(yaml, "isolated.yaml");
  // Stage 1 three seconds longer, stage 3 three shorter (its pedestrians still served), offset 20 s.
  std::string changed = replaced(yaml, "offset_s: 0", "offset_s: 20");
  changed = replaced(changed, "green_s: 10", "green_s: 13");
  changed = replaced(changed, "green_s: 27", "green_s: 24");
  Scenario written(changed, "changed.yaml");

  Sim sim(scenario.handle, ITSC_SIM_OPTIONS_INIT);
  itsc_pattern p = pattern_of(sim.handle);
  p.offset_tenths = 200;
  p.split_tenths[0] += 30;
  p.split_tenths[2] -= 30;
  REQUIRE(itsc_sim_pattern_set(sim.handle, 0, 0, &p, ITSC_TRANSITION_NOW) == ITSC_OK);
  CHECK(same(pattern_of(sim.handle), p));
  const itsc_network_metrics set = run_to_end(sim.handle);
  const itsc_network_metrics expected = whole_run(written.handle, 0);
  CHECK(set.vehicles_exited > 0);
  CHECK(same(set, expected));
  // ... and it is not the scenario's own run.
  CHECK(set.total_delay_veh_h != whole_run(scenario.handle, 0).total_delay_veh_h);

  SUBCASE("with pedestrians, the model keeps the factors of the scenario's timing: close, not the same bits") {
    const std::string with = file_text(data("isolated.yaml"));
    Scenario own(with, "isolated.yaml");
    Scenario written_with(replaced(replaced(replaced(with, "offset_s: 0", "offset_s: 20"), "green_s: 10", "green_s: 13"),
                                   "green_s: 27", "green_s: 24"),
                          "changed.yaml");
    Sim walking(own.handle, ITSC_SIM_OPTIONS_INIT);
    REQUIRE(itsc_sim_pattern_set(walking.handle, 0, 0, &p, ITSC_TRANSITION_NOW) == ITSC_OK);
    const double delay = run_to_end(walking.handle).total_delay_veh_h;
    const double expected_delay = whole_run(written_with.handle, 0).total_delay_veh_h;
    CHECK(delay == doctest::Approx(expected_delay).epsilon(0.005));
  }

  SUBCASE("through a transition, the pattern is in force and the run still ends") {
    Sim later(scenario.handle, ITSC_SIM_OPTIONS_INIT);
    REQUIRE(itsc_sim_run_until(later.handle, 6000) == ITSC_OK);
    REQUIRE(itsc_sim_pattern_set(later.handle, 0, 0, &p, ITSC_TRANSITION_SHORTWAY) == ITSC_OK);
    CHECK(same(pattern_of(later.handle), p));
    CHECK(run_to_end(later.handle).vehicles_exited > 0);
  }
}

TEST_CASE("c api patterns: an actuated signal takes coordination, an offset and recalls as a scenario written with them") {
  const std::string yaml = file_text(test_data(kActuated.c_str()));
  Scenario scenario(yaml, "actuated.yaml");
  std::string changed = replaced(yaml, "offset_s: 0", "offset_s: 30");
  changed = replaced(changed, "      phases:", "      coordinated_phases: [2, 6]\n      phases:");
  changed = replaced(changed, "{phase: 3, protected: [NBL],", "{phase: 3, protected: [NBL], recall: max,");
  Scenario written(changed, "coordinated.yaml");

  Sim sim(scenario.handle, ITSC_SIM_OPTIONS_INIT);
  itsc_pattern p = pattern_of(sim.handle);
  p.coordinated = (1u << 1) | (1u << 5);
  p.offset_tenths = 300;
  p.recall[3 - 1] = ITSC_RECALL_MAX;
  REQUIRE(itsc_sim_pattern_set(sim.handle, 0, 0, &p, ITSC_TRANSITION_NOW) == ITSC_OK);
  const itsc_network_metrics set = run_to_end(sim.handle);
  CHECK(set.vehicles_exited > 0);
  CHECK(same(set, whole_run(written.handle, 0)));
  CHECK(set.total_delay_veh_h != whole_run(scenario.handle, 0).total_delay_veh_h);
}

TEST_CASE("c api patterns: the pattern in force set again mid-run changes nothing") {
  for (const std::string& file : {data("isolated.yaml"), test_data(kActuated.c_str())}) {
    CAPTURE(file);
    Scenario scenario(file);
    Sim sim(scenario.handle, ITSC_SIM_OPTIONS_INIT);
    REQUIRE(itsc_sim_run_until(sim.handle, 12345) == ITSC_OK);
    const itsc_pattern p = pattern_of(sim.handle);
    REQUIRE(itsc_sim_pattern_set(sim.handle, 0, 0, &p, ITSC_TRANSITION_NOW) == ITSC_OK);
    CHECK(same(run_to_end(sim.handle), whole_run(scenario.handle, 0)));
  }
}

TEST_CASE("c api patterns: lead-lag changes places within a barrier group and nowhere else") {
  Scenario scenario(test_data(kActuated.c_str()));
  Sim sim(scenario.handle, ITSC_SIM_OPTIONS_INIT);
  const itsc_pattern before = pattern_of(sim.handle);
  itsc_pattern lag = before;
  lag.sequence[1][1] = 8;  // ring 2: 6 | 8 7, the southbound left lags
  lag.sequence[1][2] = 7;
  REQUIRE(itsc_sim_pattern_set(sim.handle, 0, 0, &lag, ITSC_TRANSITION_NOW) == ITSC_OK);
  CHECK(sequence_of(pattern_of(sim.handle), 1) == std::vector<int>{6, 8, 7});
  CHECK(run_to_end(sim.handle).total_delay_veh_h != whole_run(scenario.handle, 0).total_delay_veh_h);

  Sim other(scenario.handle, ITSC_SIM_OPTIONS_INIT);
  itsc_pattern across = before;
  across.sequence[0][0] = 3;  // phase 3 before phase 2: across the barrier
  across.sequence[0][1] = 2;
  CHECK(itsc_sim_pattern_set(other.handle, 0, 0, &across, ITSC_TRANSITION_NOW) == ITSC_EINPUT);
  CHECK(std::strstr(itsc_error_last(), "barrier group") != nullptr);
  CHECK(same(pattern_of(other.handle), before));
}

TEST_CASE("c api patterns: a bad pattern is refused with what is wrong, and nothing changes") {
  Scenario scenario(test_data(kActuated.c_str()));
  Sim sim(scenario.handle, ITSC_SIM_OPTIONS_INIT);
  const itsc_pattern before = pattern_of(sim.handle);
  const auto refused = [&](itsc_pattern p, int code, const char* words) {
    const int got = itsc_sim_pattern_set(sim.handle, 0, 0, &p, ITSC_TRANSITION_NOW);
    const std::string message = itsc_error_last();
    CAPTURE(message);
    CHECK(got == code);
    CHECK(message.find(words) != std::string::npos);
    CHECK(same(pattern_of(sim.handle), before));
  };
  itsc_pattern p = before;
  p.split_tenths[4 - 1] += 50;  // ring 1 no longer adds up to the cycle
  refused(p, ITSC_EINPUT, "timing.X");
  p = before;
  p.split_tenths[1 - 1] = 100;  // a phase the plan does not have
  refused(p, ITSC_EINPUT, "phase 1 is not in the plan");
  p = before;
  p.recall[2 - 1] = 9;
  refused(p, ITSC_EINVAL, "itsc_recall");
  p = before;
  p.offset_tenths = p.cycle_tenths;
  refused(p, ITSC_EINVAL, "offset");
  p = before;
  p.offset_reference = 7;
  refused(p, ITSC_EINVAL, "offset_reference");
  p = before;
  p.sequence[0][2] = 0;  // phase 4 left out
  refused(p, ITSC_EINPUT, "leaves out phase 4");
  p = before;
  p.sequence[2][0] = 5;
  refused(p, ITSC_EINPUT, "ring 3");
  p = before;
  p.size = 2;
  refused(p, ITSC_EINVAL, "pattern");
  CHECK(itsc_sim_pattern_set(sim.handle, 0, 0, &before, 4) == ITSC_EINVAL);
  CHECK(itsc_sim_pattern_set(sim.handle, 1, 0, &before, 0) == ITSC_EINVAL);
  CHECK(itsc_sim_pattern_set(sim.handle, 0, 1, &before, 0) == ITSC_EINVAL);
  CHECK(itsc_sim_pattern_set(sim.handle, 0, 0, nullptr, 0) == ITSC_EINVAL);
  CHECK(itsc_sim_pattern_set(nullptr, 0, 0, &before, 0) == ITSC_EINVAL);
  CHECK(itsc_sim_pattern_get(sim.handle, 0, 0, nullptr) == ITSC_EINVAL);
  CHECK(itsc_sim_pattern_get(nullptr, 0, 0, &p) == ITSC_EINVAL);
  CHECK(itsc_controller_pattern_get(nullptr, &p) == ITSC_EINVAL);
  CHECK(itsc_controller_pattern_set(nullptr, &p, 0) == ITSC_EINVAL);
  CHECK(itsc_optimize_result_pattern(nullptr, 0, &p) == ITSC_EINVAL);
}

TEST_CASE("c api patterns: controllers that cannot take a pattern say why") {
  Scenario scenario(test_data(kActuated.c_str()));
  SUBCASE("actuated members of a batch share one timing") {
    itsc_sim_options options = ITSC_SIM_OPTIONS_INIT;
    options.batch = 2;
    Sim sim(scenario.handle, options);
    const itsc_pattern p = pattern_of(sim.handle);
    CHECK(itsc_sim_pattern_set(sim.handle, 1, 0, &p, ITSC_TRANSITION_NOW) == ITSC_ESTATE);
    CHECK(std::strstr(itsc_error_last(), "batch of one") != nullptr);
  }
  SUBCASE("max-pressure chooses its own phases") {
    itsc_controller* controller = nullptr;
    REQUIRE(itsc_controller_create(scenario.handle, 0, "max-pressure", &controller) == ITSC_OK);
    itsc_pattern p = ITSC_PATTERN_INIT;
    REQUIRE(itsc_controller_pattern_get(controller, &p) == ITSC_OK);
    CHECK(itsc_controller_pattern_set(controller, &p, ITSC_TRANSITION_NOW) == ITSC_ESTATE);
    CHECK(std::strstr(itsc_error_last(), "max-pressure") != nullptr);
    itsc_controller_free(controller);
  }
}

TEST_CASE("c api patterns: a controller in the loop given a pattern runs as one built with it") {
  const std::string yaml = file_text(test_data(kActuated.c_str()));
  Scenario scenario(yaml, "actuated.yaml");
  std::string changed = replaced(yaml, "offset_s: 0", "offset_s: 45");
  changed = replaced(changed, "      phases:", "      coordinated_phases: [2, 6]\n      phases:");
  Scenario written(changed, "coordinated.yaml");
  itsc_controller* given = nullptr;
  itsc_controller* built = nullptr;
  REQUIRE(itsc_controller_create(scenario.handle, 0, nullptr, &given) == ITSC_OK);
  REQUIRE(itsc_controller_create(written.handle, 0, nullptr, &built) == ITSC_OK);
  itsc_pattern p = ITSC_PATTERN_INIT;
  REQUIRE(itsc_controller_pattern_get(given, &p) == ITSC_OK);
  p.coordinated = (1u << 1) | (1u << 5);
  p.offset_tenths = 450;
  REQUIRE(itsc_controller_pattern_set(given, &p, ITSC_TRANSITION_NOW) == ITSC_OK);
  itsc_pattern read = ITSC_PATTERN_INIT;
  REQUIRE(itsc_controller_pattern_get(given, &read) == ITSC_OK);
  CHECK(same(read, p));

  itsc_controller_shape shape = ITSC_CONTROLLER_SHAPE_INIT;
  REQUIRE(itsc_controller_shape_get(given, &shape) == ITSC_OK);
  std::vector<double> calls(shape.detectors);
  std::vector<int32_t> shown_given(shape.movements), shown_built(shape.movements);
  std::size_t length = 0, differences = 0, changes = 0;
  for (int32_t t = 0; t < 6000; t += 10) {
    // Synthetic presence: each detector occupied in a pattern of its own.
    for (std::size_t d = 0; d < calls.size(); ++d) calls[d] = ((t / 10 + 7 * static_cast<int32_t>(d)) % (5 + static_cast<int32_t>(d))) < 2;
    itsc_observation observation = ITSC_OBSERVATION_INIT;
    observation.detector_call = calls.data();
    observation.detector_occupancy = calls.data();
    REQUIRE(itsc_controller_step(given, t, 10, &observation) == ITSC_OK);
    REQUIRE(itsc_controller_step(built, t, 10, &observation) == ITSC_OK);
    const std::vector<int32_t> previous = shown_given;
    REQUIRE(itsc_controller_movements(given, shown_given.data(), nullptr, nullptr, shown_given.size(), &length) == ITSC_OK);
    REQUIRE(itsc_controller_movements(built, shown_built.data(), nullptr, nullptr, shown_built.size(), &length) == ITSC_OK);
    differences += shown_given != shown_built ? 1 : 0;
    changes += shown_given != previous ? 1 : 0;
  }
  CHECK(differences == 0);
  CHECK(changes > 20);  // the signal cycled
  itsc_controller_free(given);
  itsc_controller_free(built);
}

TEST_CASE("c api patterns: the optimizer's pattern, set on a simulation, gives the delay its summary reports") {
  Scenario scenario(without_pedestrians(file_text(data("isolated.yaml"))), "isolated.yaml");
  itsc_optimize_options options = ITSC_OPTIMIZE_OPTIONS_INIT;
  options.max_evaluations = 150;
  itsc_optimize_result* result = nullptr;
  REQUIRE(itsc_optimize(scenario.handle, &options, &result) == ITSC_OK);
  itsc_optimize_summary summary = ITSC_OPTIMIZE_SUMMARY_INIT;
  REQUIRE(itsc_optimize_result_summary(result, &summary) == ITSC_OK);
  itsc_pattern p = ITSC_PATTERN_INIT;
  REQUIRE(itsc_optimize_result_pattern(result, 0, &p) == ITSC_OK);
  CHECK(itsc_optimize_result_pattern(result, 1, &p) == ITSC_EINVAL);
  Sim sim(scenario.handle, ITSC_SIM_OPTIONS_INIT);
  CHECK(!same(pattern_of(sim.handle), p));  // the optimizer changed the plan
  REQUIRE(itsc_sim_pattern_set(sim.handle, 0, 0, &p, ITSC_TRANSITION_NOW) == ITSC_OK);
  CHECK(run_to_end(sim.handle).total_delay_veh_h == summary.delay_after_veh_h);
  CHECK(summary.delay_after_veh_h < summary.delay_before_veh_h);
  itsc_optimize_result_free(result);
}

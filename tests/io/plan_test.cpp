// Plan files: the scenario's timing schema keyed by signalized node id.
#include <doctest/doctest.h>

#include "itsc/io.hpp"

using namespace itsc;

namespace {

Scenario isolated() {
  return load_scenario_file(std::string(ITSC_SOURCE_DIR) + "/data/isolated.yaml").scenario;
}

constexpr std::string_view kPlan = R"(schema_version: 1
timing:
  C:
    cycle_s: 100
    offset_s: 30
    offset_reference: yield
    sequence:
      stages:
        - {protected: [EBL, WBL], green_s: 12, yellow_s: 3.5, red_clearance_s: 1}
        - {protected: [EBT, EBR, WBT, WBR], permitted: [EBL, WBL], green_s: 45, yellow_s: 4, red_clearance_s: 1.5}
        - {protected: [NBT, NBR, SBT, SBR], permitted: [NBL, SBL], green_s: 28, yellow_s: 3.5, red_clearance_s: 1.5}
)";

}  // namespace

TEST_CASE("plans: a plan file is read, offsets converted, and applied to the nodes it lists") {
  Scenario scenario = isolated();
  const Plan plan = load_plan_string(kPlan, scenario, "plan.yaml");
  REQUIRE(plan.timing.size() == 1);
  const Timing& timing = plan.timing.at("C");
  CHECK(timing.cycle_s == 100);
  CHECK(timing.offset_s == 18);  // yield at 30 s, first stage green 12 s
  CHECK(timing.stages.size() == 3);
  apply_plan(scenario, plan);
  CHECK(scenario.timing.at("C") == timing);
}

TEST_CASE("plans: save and load round-trip") {
  const Scenario scenario = isolated();
  const Plan plan = load_plan_string(kPlan, scenario);
  const std::string text = save_plan_string(plan);
  CHECK(text.starts_with("schema_version: 1\ntiming:\n  C:\n"));
  const Plan reloaded = load_plan_string(text, scenario);
  CHECK(reloaded.timing == plan.timing);
  CHECK(save_plan_string(reloaded) == text);
}

TEST_CASE("plans: a node that is not signalized is an error with its position") {
  const Scenario scenario = isolated();
  try {
    (void)load_plan_string("schema_version: 1\ntiming:\n  X: {cycle_s: 60}\n  N:\n    cycle_s: 60\n", scenario,
                           "plan.yaml");
    FAIL("no error");
  } catch (const Error& error) {
    std::vector<std::string> messages;
    for (const Diagnostic& d : error.diagnostics()) messages.push_back(d.to_string());
    CHECK(messages == std::vector<std::string>{"plan.yaml:3:3: timing.X: 'X' is not a signalized node of the scenario",
                                               "plan.yaml:4:3: timing.N: 'N' is not a signalized node of the scenario"});
  }
}

TEST_CASE("plans: apply_plan rejects a node that is not signalized") {
  Scenario scenario = isolated();
  Plan plan;
  plan.timing["N"] = scenario.timing.at("C");
  CHECK_THROWS_WITH_AS(apply_plan(scenario, plan), "timing.N: 'N' is not a signalized node of the scenario", Error);
  CHECK(scenario == isolated());
}

TEST_CASE("plans: shape errors and a missing timing map are reported with positions") {
  const Scenario scenario = isolated();
  CHECK_THROWS_WITH_AS((void)load_plan_string("schema_version: 1\n", scenario, "plan.yaml"),
                       "plan.yaml:1:1: missing required key 'timing'", Error);
  CHECK_THROWS_WITH_AS((void)load_plan_string("schema_version: 1\ntiming:\n  C: {cycle_s: x, sequence: {stages: []}}\n",
                                              scenario, "plan.yaml"),
                       "plan.yaml:3:16: timing.C.cycle_s: must be a number, got 'x'", Error);
}

TEST_CASE("plans: validate's findings in the plan's timing are placed in the plan file") {
  const Scenario scenario = isolated();
  const std::string bad = "schema_version: 1\ntiming:\n  C:\n    cycle_s: 90\n    sequence:\n      stages:\n"
                          "        - {protected: [EBL, NOPE], green_s: 79.5, yellow_s: 3.5, red_clearance_s: 1}\n"
                          "        - {protected: [EBT], green_s: 2, yellow_s: 3, red_clearance_s: 1}\n";
  try {
    (void)load_plan_string(bad, scenario, "plan.yaml");
    FAIL("no error");
  } catch (const Error& error) {
    // Every finding is placed in the plan file; the unknown movement at its line (the plan serves only two
    // movements: the others are reported as served by no stage, at the sequence).
    const Diagnostic* nope = nullptr;
    for (const Diagnostic& d : error.diagnostics()) {
      CHECK(d.file == "plan.yaml");
      CHECK(d.line > 0);
      if (d.message.find("NOPE") != std::string::npos) nope = &d;
    }
    REQUIRE(nope != nullptr);
    CHECK(nope->line == 7);
    CHECK(nope->path.starts_with("timing.C.sequence.stages[0].protected"));
  }
}

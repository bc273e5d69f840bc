// Offset conventions through the loader: files may give yield or cycle_start; the scenario holds the
// internal convention (start of green of the reference), and saving writes that.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "io/readers.hpp"
#include "itsc/io.hpp"

using namespace itsc;

namespace {

std::string stage_scenario(std::string_view offset) {
  return std::string(R"(schema_version: 1
nodes: [{id: A, control: boundary}, {id: B, control: signalized}]
links: [{id: L, from: A, to: B, length_m: 100}]
timing:
  B:
    cycle_s: 90
)") + std::string(offset) + R"(
    sequence:
      stages:
        - {green_s: 10, yellow_s: 3.5, red_clearance_s: 1}
        - {green_s: 70, yellow_s: 4, red_clearance_s: 1.5}
)";
}

// Phase 2 (coordinated) starts 15 s into the cycle; its green lasts 35 - 4 - 1 = 30 s.
std::string ring_scenario(std::string_view offset) {
  return std::string(R"(schema_version: 1
nodes: [{id: A, control: boundary}, {id: B, control: signalized}]
links: [{id: L, from: A, to: B, length_m: 100}]
timing:
  B:
    cycle_s: 90
)") + std::string(offset) + R"(
    sequence:
      rings: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
      coordinated_phases: [2, 6]
      phases:
        - {phase: 1, split_s: 15, yellow_s: 3, red_clearance_s: 1}
        - {phase: 2, split_s: 35, yellow_s: 4, red_clearance_s: 1}
        - {phase: 3, split_s: 20, yellow_s: 3, red_clearance_s: 1}
        - {phase: 4, split_s: 20, yellow_s: 3, red_clearance_s: 1}
        - {phase: 5, split_s: 15, yellow_s: 3, red_clearance_s: 1}
        - {phase: 6, split_s: 35, yellow_s: 4, red_clearance_s: 1}
        - {phase: 7, split_s: 20, yellow_s: 3, red_clearance_s: 1}
        - {phase: 8, split_s: 20, yellow_s: 3, red_clearance_s: 1}
)";
}

double offset_of(const std::string& yaml) { return detail::read_scenario_document(yaml, "<string>").scenario.timing.at("B").offset_s; }

}  // namespace

TEST_CASE("offsets: a stage plan's yield offset becomes the start of the first stage's green") {
  CHECK(offset_of(stage_scenario("    offset_s: 20\n    offset_reference: green_start")) == 20);
  CHECK(offset_of(stage_scenario("    offset_s: 20\n    offset_reference: yield")) == 10);
  CHECK(offset_of(stage_scenario("    offset_s: 5\n    offset_reference: yield")) == 85);
  CHECK(offset_of(stage_scenario("    offset_s: 20\n    offset_reference: cycle_start")) == 20);
}

TEST_CASE("offsets: a ring plan's cycle_start and yield offsets refer to the coordinated phase") {
  CHECK(offset_of(ring_scenario("    offset_s: 0\n    offset_reference: cycle_start")) == 15);
  CHECK(offset_of(ring_scenario("    offset_s: 50\n    offset_reference: yield")) == 20);
  CHECK(offset_of(ring_scenario("    offset_s: 7")) == 7);
}

TEST_CASE("offsets: saving writes the internal offset with offset_reference green_start") {
  const Scenario s = detail::read_scenario_document(ring_scenario("    offset_s: 50\n    offset_reference: yield"), "<string>").scenario;
  const std::string text = save_scenario_string(s);
  CHECK(text.find("    offset_s: 20\n    offset_reference: green_start\n") != std::string::npos);
  CHECK(detail::read_scenario_document(text, "<string>").scenario == s);
}

TEST_CASE("offsets: a yield offset uses the default clearance of the reference phase") {
  // data/isolated.yaml with a dual-ring plan whose phases give no yellow or red clearance.
  std::ifstream file(ITSC_SOURCE_DIR "/data/isolated.yaml");
  std::stringstream text;
  text << file.rdbuf();
  std::string yaml = text.str();
  yaml = yaml.substr(0, yaml.find("timing:")) + R"(timing:
  C:
    cycle_s: 90
    offset_s: 40
    offset_reference: yield
    sequence:
      rings: [[[1, 2], [4]], [[5, 6], [8]]]
      coordinated_phases: [2, 6]
      phases:
        - {phase: 1, protected: [EBL], split_s: 14.5}
        - {phase: 2, protected: [WBT, WBR], permitted: [EBL], crosswalks: [north], split_s: 43.5}
        - {phase: 5, protected: [WBL], split_s: 14.5}
        - {phase: 6, protected: [EBT, EBR], permitted: [WBL], crosswalks: [south], split_s: 43.5}
        - {phase: 4, protected: [NBT, NBR], permitted: [SBL], crosswalks: [east], split_s: 32}
        - {phase: 8, protected: [SBT, SBR], permitted: [NBL], crosswalks: [west], split_s: 32}
)";
  // Phase 2 serves the east approach (50 km/h, 14 m wide) and EBL from the west (50 km/h, 14 m,
  // 1.5 % downhill): yellow 1 + 13.889 / 5.8057 = 3.39 -> 3.4 s, red (14 + 6) / 13.889 = 1.44 -> 1.5 s,
  // so its green lasts 43.5 - 3.4 - 1.5 = 38.6 s and starts 40 - 38.6 = 1.4 s after t = 0.
  const Scenario s = detail::read_scenario_document(yaml, "<string>").scenario;
  CHECK(s.timing.at("C").offset_s == doctest::Approx(1.4));
}

TEST_CASE("offsets: rings that do not line up are left to validation, offset as written") {
  const std::string yaml = R"(schema_version: 1
nodes: [{id: A, control: boundary}, {id: B, control: signalized}]
links: [{id: L, from: A, to: B, length_m: 100}]
timing:
  B:
    cycle_s: 60
    offset_s: 10
    offset_reference: yield
    sequence:
      rings: [[[1, 9]]]
      phases: [{phase: 1, split_s: 60}]
)";
  CHECK(offset_of(yaml) == 10);
}

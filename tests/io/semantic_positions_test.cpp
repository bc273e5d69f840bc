// Semantic errors found by itsc::validate, reported through the loader at the 1-based line and
// column of their key. Each case edits data/isolated.yaml and expects exactly one error, placed at
// the position of the edited text.
#include <doctest/doctest.h>
#include <itsc/io.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "support/run_cli.hpp"

namespace {

const std::string& isolated() {
  static const std::string text = itsc::test::read_text(ITSC_SOURCE_DIR "/data/isolated.yaml");
  return text;
}

// Replaces the first `from` by `to` (which must occur) and returns the edited text.
std::string edit(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// "FILE:LINE:COL" of the first occurrence of `marker` in `text`.
std::string position_of(const std::string& text, const std::string& marker) {
  const auto at = text.find(marker);
  REQUIRE(at != std::string::npos);
  const auto line_start = text.rfind('\n', at);
  const std::size_t column = at - (line_start == std::string::npos ? 0 : line_start + 1) + 1;
  const std::size_t line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
  return "isolated.yaml:" + std::to_string(line) + ":" + std::to_string(column);
}

std::vector<std::string> errors_of(const std::string& text) {
  try {
    (void)itsc::load_scenario_string(text, "isolated.yaml");
  } catch (const itsc::Error& error) {
    std::vector<std::string> messages;
    for (const itsc::Diagnostic& d : error.diagnostics()) messages.push_back(d.to_string());
    return messages;
  }
  return {};
}

void check_one_error(const std::string& text, const std::string& marker, const std::string& rest) {
  const auto errors = errors_of(text);
  CAPTURE(errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors.front() == position_of(text, marker) + ": " + rest);
}

}  // namespace

TEST_CASE("positions: a zero lane count") {
  const std::string text = edit(isolated(), "{id: C_N, from: C, to: N, length_m: 400, lanes: 1,", "{id: C_N, from: C, to: N, length_m: 400, lanes: 0,");
  check_one_error(text, "0, speed_kmh: 40}\n  - {id: N_C", "links[5].lanes: must be a positive integer, got 0");
}

TEST_CASE("positions: a negative length and an absurd lane count") {
  std::string text = edit(isolated(), "{id: C_E, from: C, to: E, length_m: 400", "{id: C_E, from: C, to: E, length_m: -401");
  const auto errors = errors_of(text);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == position_of(text, "-401") + ": links[1].length_m: must be a positive number, got -401");
  text = edit(isolated(), "{id: E_C, from: E, to: C, length_m: 400, lanes: 2", "{id: E_C, from: E, to: C, length_m: 400, lanes: 1000000000");
  check_one_error(text, "1000000000", "links[2].lanes: must be at most 16, got 1000000000");
}

TEST_CASE("positions: a duplicate id") {
  const std::string text = edit(isolated(), "{id: D_WBT,", "{id: D_EBT,");
  check_one_error(text, "D_EBT, link: E_C", "detectors[1].id: duplicate id 'D_EBT' (also detectors[0])");
}

TEST_CASE("positions: a dangling reference") {
  const std::string text = edit(isolated(), "{id: EBT, from: W_C, to: C_E", "{id: EBT, from: W_C, to: C_X");
  check_one_error(text, "C_X", "nodes[0].movements[1].to: unknown link 'C_X'");
}

TEST_CASE("positions: a turn type that contradicts the bearings") {
  const std::string text = edit(isolated(), "{id: NBR, from: S_C, to: C_E, turn: right}", "{id: NBR, from: S_C, to: C_E, turn: left}");
  check_one_error(text, "left}\n      - {id: SBL",
                  "nodes[0].movements[8].turn: turn 'left' contradicts the bearings: the movement turns right (90 degrees)");
}

TEST_CASE("positions: stage times that do not add up to the cycle") {
  const std::string text = edit(isolated(), "green_s: 27", "green_s: 25");
  check_one_error(text, "- protected: [EBL, WBL]",
                  "timing.C.sequence.stages: stage times add up to 88 s, not the cycle of 90 s");
}

TEST_CASE("positions: a cycle of a million seconds") {
  const std::string text = edit(isolated(), "cycle_s: 90", "cycle_s: 1000000");
  const auto errors = errors_of(text);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == position_of(text, "1000000") + ": timing.C.cycle_s: must be at most 600 s, got 1000000");
  CHECK(errors[1] == position_of(text, "- protected: [EBL, WBL]") +
                         ": timing.C.sequence.stages: stage times add up to 90 s, not the cycle of 1000000 s");
}

TEST_CASE("positions: proportions that do not sum to one") {
  const std::string text = edit(isolated(), "counts: {NBL: 60, NBT: 230, NBR: 70}", "proportions: {NBL: 0.2, NBT: 0.6, NBR: 0.1}");
  check_one_error(text, "{NBL: 0.2",
                  "demand.turns[2].proportions: turning proportions sum to 0.9, not 1 (set demand.normalize_turns: true to rescale)");
}

TEST_CASE("positions: a link that reaches no exit") {
  // Without its movements and lane group the north approach leads nowhere.
  std::string text = edit(isolated(), "      - {id: SBL, from: N_C, to: C_E, turn: left}\n      - {id: SBT, from: N_C, to: C_S, turn: through}\n      - {id: SBR, from: N_C, to: C_W, turn: right}\n", "");
  text = edit(text, "      - {id: SB_L, link: N_C, movements: [SBL], lanes: 1, bay_length_m: 40}\n      - {id: SB_TR, link: N_C, movements: [SBT, SBR], lanes: 1}\n", "");
  text = edit(text, "    - {node: C, link: N_C, counts: {SBL: 80, SBT: 260, SBR: 60}}\n", "");
  text = edit(text, "[NBT, NBR, SBT, SBR]", "[NBT, NBR]");
  text = edit(text, "[NBL, SBL]", "[NBL]");
  const auto errors = errors_of(text);
  CAPTURE(errors);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == position_of(text, "id: C\n") + ": nodes[0]: link 'N_C' arrives at node 'C' but no movement leaves it");
  CHECK(errors[1] == position_of(text, "{id: N_C,") + ": links[6]: link 'N_C' reaches no exit");
}

TEST_CASE("positions: a demand scenario names its own key path") {
  // The scenario's turning counts, ten percent up, with one entry on a link that does not exist.
  const std::string text = edit(isolated(), "\ntiming:", R"(
demand_scenarios:
  growth_2030:
    entries:
      - {link: W_X, flow_veh_per_h: 1000}
    turns:
      - {node: C, link: W_C, counts: {EBL: 132, EBT: 748, EBR: 99}}
      - {node: C, link: E_C, counts: {WBL: 165, WBT: 792, WBR: 88}}
      - {node: C, link: S_C, counts: {NBL: 66, NBT: 253, NBR: 77}}
      - {node: C, link: N_C, counts: {SBL: 88, SBT: 286, SBR: 66}}

timing:)");
  check_one_error(text, "W_X", "demand_scenarios.growth_2030.entries[0].link: unknown link 'W_X'");
}

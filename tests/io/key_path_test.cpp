// The key path -> position table that places validate's diagnostics in the file.
#include <doctest/doctest.h>

#include "io/map_reader.hpp"
#include "io/readers.hpp"
#include "io/semantics.hpp"

using namespace itsc;
using namespace itsc::detail;

namespace {

LoadContext read(std::string_view yaml) {
  LoadContext context;
  context.file = "k.yaml";
  const YamlNodePtr root = parse_yaml(yaml, context.file, context.errors);
  REQUIRE(root);
  (void)read_scenario(context, *root);
  return context;
}

std::pair<int, int> at(const LoadContext& context, std::string_view path) {
  const Position position = context.locate(path);
  return {position.line, position.column};
}

constexpr std::string_view kYaml = R"(schema_version: 1
nodes:
  - id: C
    legs: [{id: n, crosswalk_length_ft: 40}]
links:
  - {id: L, from: A, to: C, length_ft: 300, lanes: 2}
demand:
  entries: [{link: L, flow_veh_per_h: [1, 2, 3]}]
  turns: [{node: C, link: L, counts: {NBL: 5}}]
timing:
  C:
    cycle_s: 60
    sequence:
      rings: [[[1, 2], [3]]]
      phases: [{phase: 2, split_s: 30}]
)";

}  // namespace

TEST_CASE("key paths: every value read is found by its path") {
  const LoadContext context = read(kYaml);
  CHECK(at(context, "links[0].lanes") == std::pair{6, 52});
  CHECK(at(context, "links[0]") == std::pair{6, 5});
  CHECK(at(context, "nodes[0].legs[0]") == std::pair{4, 12});
  CHECK(at(context, "demand.entries[0].flow_veh_per_h[2]") == std::pair{8, 46});
  CHECK(at(context, "demand.turns[0].counts.NBL") == std::pair{9, 44});
  CHECK(at(context, "timing.C.cycle_s") == std::pair{12, 14});
  CHECK(at(context, "timing.C.sequence.rings[0][1]") == std::pair{14, 24});
  CHECK(at(context, "timing.C.sequence.phases[0].split_s") == std::pair{15, 36});
}

TEST_CASE("key paths: a metric path finds the US key the file used") {
  const LoadContext context = read(kYaml);
  CHECK(at(context, "links[0].length_m") == std::pair{6, 40});
  CHECK(at(context, "nodes[0].legs[0].crosswalk_length_m") == std::pair{4, 41});
}

TEST_CASE("key paths: a path not in the file falls back to its nearest ancestor") {
  const LoadContext context = read(kYaml);
  CHECK(at(context, "links[0].speed_kmh") == std::pair{6, 5});
  CHECK(at(context, "nodes[0].movements[3].to") == std::pair{3, 5});
  CHECK(at(context, "detectors[0].link") == std::pair{1, 1});
}

TEST_CASE("key paths: path_covers matches whole segments") {
  CHECK(path_covers("links[3]", "links[3].lanes"));
  CHECK(path_covers("links[3]", "links[3]"));
  CHECK(path_covers("timing.C", "timing.C.sequence.rings[0][1]"));
  CHECK_FALSE(path_covers("links[3]", "links[30].lanes"));
  CHECK_FALSE(path_covers("timing.C", "timing.CD.cycle_s"));
  CHECK(path_covers("", "anything"));
}

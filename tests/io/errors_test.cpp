// Every loader error with its exact message: FILE:LINE:COL: PATH: MESSAGE, 1-based positions.
#include <doctest/doctest.h>

#include "itsc/io.hpp"

using namespace itsc;

namespace {

// Lines 1-5 of a small scenario; line 6 is the test's link.
std::string with_link(std::string_view link_line) {
  return "schema_version: 1\n"
         "nodes:\n"
         "  - {id: A, control: boundary}\n"
         "  - {id: B, control: boundary}\n"
         "links:\n" +
         std::string(link_line) + "\n";
}

// The messages of the Error a load throws (fails the test if it does not throw).
std::vector<std::string> errors_of(std::string_view yaml) {
  try {
    (void)load_scenario_string(yaml, "bad.yaml");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    std::vector<std::string> messages;
    for (const Diagnostic& diagnostic : error.diagnostics()) messages.push_back(diagnostic.to_string());
    return messages;
  }
  FAIL("the load did not throw");
  return {};
}

using Messages = std::vector<std::string>;

}  // namespace

TEST_CASE("errors: a word where an integer belongs") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_m: 100, lanes: two}")) ==
        Messages{"bad.yaml:6:51: links[0].lanes: must be an integer, got 'two'"});
}

TEST_CASE("errors: a fraction where an integer belongs") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_m: 100, lanes: 2.5}")) ==
        Messages{"bad.yaml:6:51: links[0].lanes: must be an integer, got '2.5'"});
}

TEST_CASE("errors: an integer too large to hold is rejected, not converted") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_m: 100, lanes: 1e12}")) ==
        Messages{"bad.yaml:6:51: links[0].lanes: must be an integer between -2147483648 and 2147483647, got 1e12"});
}

TEST_CASE("errors: a word where a number belongs") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_m: abc}")) ==
        Messages{"bad.yaml:6:39: links[0].length_m: must be a number, got 'abc'"});
}

TEST_CASE("errors: non-finite numbers") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_m: .nan}")) ==
        Messages{"bad.yaml:6:39: links[0].length_m: must be a finite number, got .nan"});
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_m: -.inf}")) ==
        Messages{"bad.yaml:6:39: links[0].length_m: must be a finite number, got -.inf"});
}

TEST_CASE("errors: a list where a number belongs, in the US spelling, keeps the written key in the path") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_ft: [1]}")) ==
        Messages{"bad.yaml:6:40: links[0].length_ft: must be a number, got a list"});
}

TEST_CASE("errors: wrong node kinds") {
  CHECK(errors_of("schema_version: 1\nnodes: {id: A}\nlinks: []\n") ==
        Messages{"bad.yaml:2:8: nodes: must be a list"});
  CHECK(errors_of(with_link("  - 5")) == Messages{"bad.yaml:6:5: links[0]: must be a map"});
  CHECK(errors_of("") == Messages{"bad.yaml:1:1: must be a map"});
  CHECK(errors_of(with_link("  - {id: [L], from: A, to: B, length_m: 1}")) ==
        Messages{"bad.yaml:6:10: links[0].id: must be a string, got a list"});
}

TEST_CASE("errors: unknown keys, with a suggestion only when close") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, lenght_m: 100}")) ==
        Messages{"bad.yaml:6:5: links[0]: missing required key 'length_m' (or 'length_ft')",
                 "bad.yaml:6:29: links[0]: unknown key 'lenght_m' (did you mean 'length_m'?)"});
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_m: 1}") + "colour: red\n") ==
        Messages{"bad.yaml:7:1: unknown key 'colour'"});
}

TEST_CASE("errors: duplicate keys name both places") {
  CHECK(errors_of(with_link("  - id: L\n    from: A\n    to: B\n    lanes: 1\n    length_m: 5\n    lanes: 2")) ==
        Messages{"bad.yaml:11:5: links[0]: duplicate key 'lanes' (first at line 9, column 5)"});
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\ntiming:\n  X: {}\n  X: {}\n") ==
        Messages{"bad.yaml:5:6: timing.X: missing required key 'cycle_s'",
                 "bad.yaml:5:6: timing.X: missing required key 'sequence'",
                 "bad.yaml:6:3: timing: duplicate key 'X' (first at line 5, column 3)"});
}

TEST_CASE("errors: a metric key and its US alternative together") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, length_m: 100, length_ft: 300}")) ==
        Messages{"bad.yaml:6:44: links[0]: give either 'length_m' or 'length_ft', not both"});
}

TEST_CASE("errors: missing required keys are reported at their map") {
  CHECK(errors_of(with_link("  - {id: L, from: A, length_m: 1}")) ==
        Messages{"bad.yaml:6:5: links[0]: missing required key 'to'"});
}

TEST_CASE("errors: a missing key with a US alternative is named in the units the map uses, with the other") {
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B}")) ==
        Messages{"bad.yaml:6:5: links[0]: missing required key 'length_m' (or 'length_ft')"});
  // A link written in feet and miles per hour: the missing length is asked for in feet first.
  CHECK(errors_of(with_link("  - {id: L, from: A, to: B, speed_mph: 30}")) ==
        Messages{"bad.yaml:6:5: links[0]: missing required key 'length_ft' (or 'length_m')"});
}

TEST_CASE("errors: words outside their choices, clock times, booleans") {
  CHECK(errors_of("schema_version: 1\nnodes:\n  - {id: A, control: signalised}\nlinks: []\n") ==
        Messages{"bad.yaml:3:22: nodes[0].control: must be one of signalized, uncontrolled, two_way_stop, "
                 "all_way_stop, boundary, got 'signalised'"});
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\nsimulation: {start_time: \"25:00\"}\n") ==
        Messages{"bad.yaml:4:26: simulation.start_time: must be a clock time \"HH:MM\" or \"HH:MM:SS\", "
                 "got '25:00'"});
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\ndemand: {normalize_turns: yes}\n") ==
        Messages{"bad.yaml:4:27: demand.normalize_turns: must be true or false, got 'yes'"});
}

TEST_CASE("errors: turning counts and proportions are exclusive") {
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\ndemand:\n  turns:\n"
                  "    - {node: B, link: L, counts: {X: 1}, proportions: {X: 1}}\n"
                  "    - {node: B, link: L}\n") ==
        Messages{"bad.yaml:6:42: demand.turns[0]: give either 'counts' or 'proportions', not both",
                 "bad.yaml:7:7: demand.turns[1]: missing required key 'counts' (or 'proportions')"});
}

TEST_CASE("errors: a sequence holds stages or the ring form, not both") {
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\ntiming:\n  B:\n    cycle_s: 60\n    sequence:\n"
                  "      stages: []\n      phases: []\n") ==
        Messages{"bad.yaml:9:7: timing.B.sequence: 'phases' belongs to the ring form; give either 'stages' or "
                 "the ring form, not both"});
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\ntiming:\n  B:\n    cycle_s: 60\n    sequence:\n"
                  "      rings: [[[1]]]\n") ==
        Messages{"bad.yaml:8:7: timing.B.sequence: missing required key 'phases' (ring form)"});
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\ntiming:\n  B:\n    cycle_s: 60\n    sequence: {}\n") ==
        Messages{"bad.yaml:7:15: timing.B.sequence: missing required key 'stages' (or 'rings')"});
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\ntiming:\n  B:\n    cycle_s: 60\n    sequence:\n"
                  "      rings: [[[1, x]]]\n      phases: []\n") ==
        Messages{"bad.yaml:8:20: timing.B.sequence.rings[0][0][1]: must be an integer, got 'x'"});
}

TEST_CASE("errors: an offset reference that needs the coordinated phase's clearance times") {
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\ntiming:\n  B:\n    cycle_s: 60\n"
                  "    offset_reference: yield\n    sequence:\n      rings: [[[1]]]\n"
                  "      phases: [{phase: 1, split_s: 60}]\n") ==
        Messages{"bad.yaml:7:5: timing.B.offset_reference: phase 1: the offset reference needs its yellow_s "
                 "and red_clearance_s"});
}

TEST_CASE("errors: newer schema versions are rejected alone") {
  CHECK(errors_of("schema_version: 2\nnodes: []\nlinks: []\nnew_key: 1\n") ==
        Messages{"bad.yaml:1:17: schema_version: unsupported schema_version 2 (this build reads 1)"});
  CHECK(errors_of("nodes: []\nlinks: []\n") == Messages{"bad.yaml:1:1: missing required key 'schema_version'"});
}

TEST_CASE("errors: YAML syntax errors carry yaml-cpp's message and position") {
  CHECK(errors_of("schema_version: 1\nnodes: [{id: A\n") ==
        Messages{"bad.yaml:3:1: syntax error: end of map flow not found"});
  CHECK(errors_of("schema_version: 1\nnodes: []\n---\nlinks: []\n") ==
        Messages{"bad.yaml:3:1: expected one YAML document, found a second"});
}

TEST_CASE("errors: alias bombs are rejected quickly") {
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 9; ++level) {
    bomb += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *a" : "*a") + std::to_string(level - 1);
    bomb += "]\n";
  }
  const Messages messages = errors_of(bomb);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("aliases expand to more than 1000000 nodes (alias bomb?)") != std::string::npos);
  CHECK(messages[0].starts_with("bad.yaml:6:"));
  CHECK(errors_of("a: &a [*a]\n") == Messages{"bad.yaml:1:8: alias refers to a node that contains it"});
  // Aliases to small nodes are fine.
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks: []\nname: &n x\ncolour: *n\n") ==
        Messages{"bad.yaml:5:1: unknown key 'colour'"});
}

TEST_CASE("errors: every error is collected, sorted by line, at most 100") {
  CHECK(errors_of("schema_version: 1\nnodes: []\nlinks:\n  - {id: L, from: A, to: B, length_m: x}\n"
                  "nodez: []\nschema_version: 1\n") ==
        Messages{"bad.yaml:4:39: links[0].length_m: must be a number, got 'x'",
                 "bad.yaml:5:1: unknown key 'nodez' (did you mean 'nodes'?)",
                 "bad.yaml:6:1: duplicate key 'schema_version' (first at line 1, column 1)"});
  std::string many = "schema_version: 1\nnodes: []\nlinks:\n";
  for (int i = 0; i < 150; ++i) many += "  - {id: L, from: A, to: B, length_m: x}\n";
  const Messages messages = errors_of(many);
  REQUIRE(messages.size() == 100);
  CHECK(messages[0] == "bad.yaml:4:39: links[0].length_m: must be a number, got 'x'");
  CHECK(messages[98] == "bad.yaml:102:39: links[98].length_m: must be a number, got 'x'");
  CHECK(messages[99] == "bad.yaml: too many errors: 51 more not shown");
}

TEST_CASE("errors: a file that cannot be read") {
  try {
    (void)load_scenario_file("no/such/file.yaml");
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::io);
    CHECK(std::string(error.what()) == "cannot read 'no/such/file.yaml': No such file or directory");
  }
}

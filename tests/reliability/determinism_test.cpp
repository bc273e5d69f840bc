// Determinism: the same scenario gives bit-identical JSON (the `run` object, which holds only
// wall-clock figures, removed) across runs and whatever the thread count.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "support/run_cli.hpp"

namespace {
std::string without_run(const std::string& text) {
  nlohmann::json json = nlohmann::json::parse(text);
  json.erase("run");
  return json.dump();
}
}  // namespace

TEST_CASE("determinism: itsc simulate --json is identical across runs and thread counts" *
          doctest::test_suite("threaded")) {
  const auto first = itsc::test::run_cli("simulate data/grid6x6.yaml --json --duration 1800");
  REQUIRE(first.code == 0);
  const std::string reference = without_run(first.out);
  CHECK(reference.find("\"vehicles_entered\"") != std::string::npos);
  for (const char* threads : {"1", "2", "4"}) {
    CAPTURE(threads);
    const auto again = itsc::test::run_cli(std::string("simulate data/grid6x6.yaml --json --duration 1800 --threads ") + threads);
    REQUIRE(again.code == 0);
    CHECK(without_run(again.out) == reference);
  }
}

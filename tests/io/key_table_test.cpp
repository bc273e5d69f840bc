// The key table against docs/scenario-format.md and the loader's key checks.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "io/key_table.hpp"

using namespace itsc::detail;

namespace {

const std::string kDoc = std::string(ITSC_SOURCE_DIR) + "/docs/scenario-format.md";
constexpr std::string_view kBegin = "<!-- BEGIN KEY REFERENCE: generated from libitsc/io/key_table.cpp -->\n";
constexpr std::string_view kEnd = "<!-- END KEY REFERENCE -->\n";

std::string read_doc() {
  std::ifstream in(kDoc);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("key table: docs/scenario-format.md holds the reference the table renders") {
  std::string doc = read_doc();
  const std::size_t begin = doc.find(kBegin);
  const std::size_t end = doc.find(kEnd);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  const std::size_t start = begin + kBegin.size();
  const std::string rendered = "\n" + render_key_reference_markdown();
  if (std::getenv("ITSC_UPDATE_DOCS") != nullptr) {  // regenerate: ITSC_UPDATE_DOCS=1 itsc_tests
    doc.replace(start, end - start, rendered);
    std::ofstream(kDoc) << doc;
    return;
  }
  INFO("the key reference is stale: run ITSC_UPDATE_DOCS=1 itsc_tests -tc='key table*'");
  CHECK(doc.substr(start, end - start) == rendered);
}

TEST_CASE("key table: every key is documented with its unit, default and US alternative") {
  const std::string reference = render_key_reference_markdown();
  for (const Section* section : all_sections()) {
    const std::size_t heading = reference.find("### `" + std::string(section->name) + "`\n");
    REQUIRE(heading != std::string::npos);
    for (const KeySpec& key : section->keys) {
      CAPTURE(section->name);
      CAPTURE(key.name);
      CHECK_FALSE(key.description.empty());
      CHECK((key.required || !key.default_text.empty()));
      const std::string row = "| `" + std::string(key.name) + "` | ";
      const std::size_t at = reference.find(row, heading);
      REQUIRE(at != std::string::npos);
      const std::string line = reference.substr(at, reference.find('\n', at) - at);
      if (!key.unit.empty()) CHECK(line.find(" " + std::string(key.unit) + " |") != std::string::npos);
      if (!key.us_name.empty()) CHECK(line.find("`" + std::string(key.us_name) + "`") != std::string::npos);
      CHECK(line.find(key.required ? std::string("**required**") : std::string(key.default_text)) != std::string::npos);
    }
  }
}

TEST_CASE("key table: suggestions only for likely typos") {
  CHECK(suggest_key(sections::link, "lenght_m") == std::optional<std::string_view>("length_m"));
  CHECK(suggest_key(sections::link, "speed_mhp") == std::optional<std::string_view>("speed_mph"));
  CHECK(suggest_key(sections::top, "nodez") == std::optional<std::string_view>("nodes"));
  CHECK_FALSE(suggest_key(sections::top, "colour").has_value());
  CHECK_FALSE(suggest_key(sections::link, "x").has_value());
}

TEST_CASE("key table: US alternatives and their exact factors") {
  CHECK(us_alternative("length_m") == std::optional<std::string_view>("length_ft"));
  CHECK_FALSE(us_alternative("lanes").has_value());
  CHECK(sections::link.find("speed_mph")->us_factor == 1.609344);
  CHECK(sections::link.find("length_ft")->us_factor == 0.3048);
}

// UTDF import errors: FILE:LINE, the section, INTID and column; nothing imported.
#include <doctest/doctest.h>

#include <itsc/utdf.hpp>

#include <algorithm>
#include <string>

#include "io/utdf/arterial_utdf.hpp"

namespace itsc {

namespace {

// The arterial file with `from` replaced by `to`; `line` gets the 1-based line of the change.
std::string changed(const std::string& from, const std::string& to, int& line) {
  std::string text = test::kArterialUtdf;
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  return text.replace(at, from.size(), to);
}

std::string error_of(const std::string& text) {
  try {
    static_cast<void>(import_utdf(UtdfSource{"net.csv", text}));
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::invalid_input);
    return error.what();
  }
  FAIL("imported");
  return "";
}

}  // namespace

TEST_CASE("UTDF errors: a cell that is not a number names its line, section, INTID, record and column") {
  int line = 0;
  const std::string text = changed("MinGreen,1,4,10,4,6", "MinGreen,1,4,10,x,6", line);
  CHECK(error_of(text) == "net.csv:" + std::to_string(line) + ": [Phases] INTID 1, MinGreen, column D3: not a number 'x'");
}

TEST_CASE("UTDF errors: bad rows") {
  int line = 0;
  SUBCASE("unknown up node") {
    const std::string text = changed("Up ID,2,106,", "Up ID,2,999,", line);
    CHECK(error_of(text).find("net.csv:" + std::to_string(line) + ": [Links] INTID 2, Up ID, column NB: no node '999'") != std::string::npos);
  }
  SUBCASE("bad BRP") {
    const std::string text = changed("BRP,2,,111,", "BRP,2,,7,", line);
    CHECK(error_of(text).find("net.csv:" + std::to_string(line) + ": [Phases] INTID 2, BRP, column D2: must be three digits") != std::string::npos);
  }
  SUBCASE("missing yellow") {
    const std::string text = changed("Yellow,2,,4,", "Yellow,2,,,", line);
    CHECK(error_of(text).find("net.csv:" + std::to_string(line) + ": [Phases] INTID 2, Yellow, column D2: missing") != std::string::npos);
  }
  SUBCASE("bad node type") {
    const std::string text = changed("104,1,1800", "104,7,1800", line);
    CHECK(error_of(text).find("net.csv:" + std::to_string(line) + ": [Nodes] INTID 104, column TYPE: must be 0") != std::string::npos);
  }
  SUBCASE("bad offset") {
    const std::string text = changed("Offset,2,70", "Offset,2,soon", line);
    CHECK(error_of(text).find("net.csv:" + std::to_string(line) + ": [Timeplans] INTID 2, Offset, column DATA: not a number 'soon'") != std::string::npos);
  }
  SUBCASE("a link without its length") {
    const std::string text = changed("Distance,2,800,,1000,", "Distance,2,,,1000,", line);
    CHECK(error_of(text).find("net.csv:" + std::to_string(line) + ": [Links] INTID 2, Distance, column NB: missing") != std::string::npos);
  }
  SUBCASE("a second row for one record") {
    const std::string text = changed("Yellow,2,,4,", "Yellow,2,,4,,4,,4,,4\nYellow,2,,4,", line);
    CHECK(error_of(text).find("net.csv:" + std::to_string(line + 1) + ": [Phases] INTID 2: a second Yellow row") != std::string::npos);
  }
}

}  // namespace itsc

#pragma once
// What the SUMO tests share: whether sumo and netgenerate are installed (tests skip with a message
// when not, and fail under ITSC_REQUIRE_ALL_TESTS=1), a scratch folder per test, and running the tools.

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_cli.hpp"

namespace itsc::test {

inline bool sumo_tools_installed() {
  static const bool installed =
      std::system("command -v sumo >/dev/null 2>&1 && command -v netgenerate >/dev/null 2>&1") == 0;
  return installed;
}

/// Leaves the test (skipped, with a message) when SUMO is missing; fails it under ITSC_REQUIRE_ALL_TESTS.
#define ITSC_REQUIRE_SUMO()                                                                                  \
  do {                                                                                                       \
    if (!::itsc::test::sumo_tools_installed()) {                                                             \
      if (std::getenv("ITSC_REQUIRE_ALL_TESTS") != nullptr) FAIL("sumo and netgenerate are not installed");  \
      MESSAGE("skipped: sumo and netgenerate are not installed (apt-get install sumo sumo-tools)");         \
      return;                                                                                                \
    }                                                                                                        \
  } while (false)

/// A folder of its own for one test, removed afterwards.
class Scratch {
 public:
  Scratch() {
    static int count = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("itsc_sumo_test_" + std::to_string(getpid()) + "_" + std::to_string(++count));
    std::filesystem::create_directories(path_);
  }
  ~Scratch() { std::filesystem::remove_all(path_); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Runs a shell command in the scratch folder; its output goes to log.txt there.
inline int run_in(const Scratch& scratch, const std::string& command) {
  const std::string line = "cd '" + scratch.path().string() + "' && " + command + " >log.txt 2>&1";
  return std::system(line.c_str());
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// "LINE:COL" (1-based) where `needle` first occurs in `text`, as the import's messages give positions.
inline std::string line_column_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  const std::size_t line_start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  const auto lines = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  return std::to_string(lines + 1) + ":" + std::to_string(at - line_start + 1);
}

/// netgenerate grid options of the tests: N x N signals, attached fringe edges, traffic lights.
inline std::string grid_options(int n, const std::string& extra = "") {
  return "netgenerate --grid --grid.number " + std::to_string(n) +
         " --grid.length 200 --grid.attach-length 150 -j traffic_light --no-turnarounds " + extra;
}

/// The `tlsState` records (time, state) of a SUMO SaveTLSStates output.
inline std::vector<std::pair<double, std::string>> read_tls_states(const std::filesystem::path& path) {
  const std::string text = read_text(path);
  const std::regex record(R"re(<tlsState time="([0-9.]+)"[^>]* state="([A-Za-z]+)")re");
  std::vector<std::pair<double, std::string>> states;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), record); it != std::sregex_iterator(); ++it) {
    states.emplace_back(std::stod((*it)[1]), (*it)[2]);
  }
  return states;
}

}  // namespace itsc::test

// Layers point one way (docs/architecture.md): no header or source includes one of a layer above its own.
// The table below is the layering; a new header or source folder must be placed in it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Bottom to top: base, scenario data, signal plans, model, control, plans, simulation, analysis and
// optimization, I/O, the API.
const std::map<std::string, int> kPublicLayer{
    {"error", 0},          {"tenths", 0},     {"units", 0},       {"version", 0},     {"hcm", 0},
    {"source_text", 0},
    {"network", 1},        {"timing", 1},     {"demand", 1},      {"schedule", 1},   {"layout", 1},
    {"scenario", 1},       {"ring_plan", 2},  {"interval_table", 2}, {"clearance", 2}, {"signal_plan", 2},
    {"spat", 2},           {"model", 3},      {"controller", 4},  {"max_pressure", 4}, {"plan", 5},
    {"sim", 6},            {"simulate", 6},   {"objective", 6},   {"spat_log", 6},   {"analyze", 7},
    {"optimize", 7},       {"io", 8},         {"summary", 8},     {"sumo", 8},       {"utdf", 8},       {"cityflow", 8},
    {"generate", 8},
    {"itsc", 9}};
const std::map<std::string, int> kSourceLayer{{"util", 0},    {"hcm", 0},     {"network", 1}, {"signal", 2},
                                              {"model", 3},   {"control", 4}, {"plan", 5},    {"sim", 6},
                                              {"analyze", 7}, {"optimize", 7}, {"validate", 8}, {"io", 8},
                                              {"generate", 8}};
constexpr int kScenarioSourceLayer = 1;  // libitsc/scenario.cpp
constexpr int kBindingLayer = 9;         // bindings/: the command line (and the C and Python APIs)

struct Include {
  std::string target;  // "itsc/model.hpp" or "sim/kernel.hpp"
  int line = 0;
};

std::vector<Include> includes(const fs::path& file) {
  static const std::regex quoted(R"re(^\s*#\s*include\s+"([^"]+)")re");
  std::vector<Include> found;
  std::ifstream in(file);
  std::string text;
  int line = 0;
  while (std::getline(in, text)) {
    ++line;
    std::smatch match;
    if (std::regex_search(text, match, quoted)) found.push_back({match[1].str(), line});
  }
  return found;
}

// The layer an include target belongs to; -1 when it is not the library's (a binding's own header).
int layer_of(const std::string& target) {
  const auto slash = target.find('/');
  if (slash == std::string::npos) return -1;
  const std::string folder = target.substr(0, slash);
  if (folder == "itsc") {
    std::string name = target.substr(slash + 1);
    name = name.substr(0, name.find('.'));
    const auto found = kPublicLayer.find(name);
    return found == kPublicLayer.end() ? 99 : found->second;
  }
  const auto found = kSourceLayer.find(folder);
  return found == kSourceLayer.end() ? -1 : found->second;
}

void check_file(const fs::path& file, int own) {
  for (const Include& include : includes(file)) {
    const int target = layer_of(include.target);
    CAPTURE(file.string());
    CAPTURE(include.line);
    CAPTURE(include.target);
    CHECK(target != 99);  // a public header the table does not place
    CHECK(target <= own);
  }
}

}  // namespace

TEST_CASE("layers: no include points up") {
  const fs::path root(ITSC_SOURCE_DIR);
  int files = 0;
  for (const auto& entry : fs::directory_iterator(root / "include" / "itsc")) {
    const std::string name = entry.path().stem().string();
    const auto found = kPublicLayer.find(name);
    CAPTURE(name);
    REQUIRE(found != kPublicLayer.end());
    check_file(entry.path(), found->second);
    ++files;
  }
  for (const auto& entry : fs::recursive_directory_iterator(root / "libitsc")) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = fs::relative(entry.path(), root / "libitsc");
    const std::string folder = relative.begin()->string();
    int own = kScenarioSourceLayer;
    if (relative.has_parent_path()) {
      const auto found = kSourceLayer.find(folder);
      CAPTURE(folder);
      REQUIRE(found != kSourceLayer.end());
      own = found->second;
    }
    check_file(entry.path(), own);
    ++files;
  }
  for (const auto& entry : fs::recursive_directory_iterator(root / "bindings")) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension != ".cpp" && extension != ".hpp" && extension != ".h" && extension != ".c") continue;
    // Bindings see the public headers only, never the library's sources.
    for (const Include& include : includes(entry.path())) {
      CAPTURE(entry.path().string());
      CAPTURE(include.target);
      CHECK(kSourceLayer.count(include.target.substr(0, include.target.find('/'))) == 0);
    }
    check_file(entry.path(), kBindingLayer);
    ++files;
  }
  CHECK(files > 100);
}

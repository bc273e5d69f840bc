#pragma once
// What the C API's tests share: the bundled data, a command's output, and handles that free themselves.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "itsc/itsc.h"

namespace itsc_c_test {

inline std::string data(const char* name) { return std::string(ITSC_SOURCE_DIR) + "/data/" + name; }
inline std::string test_data(const char* name) { return std::string(ITSC_SOURCE_DIR) + "/tests/data/" + name; }

inline std::string command_output(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) out += buffer.data();
  return out;
}

inline std::string file_text(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Scenario {
  itsc_scenario* handle = nullptr;
  explicit Scenario(const std::string& path) { REQUIRE(itsc_scenario_load_file(path.c_str(), &handle) == ITSC_OK); }
  /// From YAML text.
  Scenario(const std::string& yaml, const char* name) {
    const int code = itsc_scenario_load_string(yaml.data(), yaml.size(), name, &handle);
    const std::string message = itsc_error_last();
    CAPTURE(message);
    REQUIRE(code == ITSC_OK);
  }
  Scenario(const Scenario&) = delete;
  Scenario& operator=(const Scenario&) = delete;
  ~Scenario() { itsc_scenario_free(handle); }
};

struct Sim {
  itsc_sim* handle = nullptr;
  Sim(const itsc_scenario* scenario, const itsc_sim_options& options) {
    REQUIRE(itsc_sim_create(scenario, &options, &handle) == ITSC_OK);
  }
  Sim(const Sim&) = delete;
  Sim& operator=(const Sim&) = delete;
  ~Sim() { itsc_sim_free(handle); }
};

/// Member `member`'s network figures at the end of the run.
inline itsc_network_metrics run_to_end(itsc_sim* sim, size_t member = 0) {
  int32_t duration = 0;
  itsc_network_metrics metrics = ITSC_NETWORK_METRICS_INIT;
  if (itsc_sim_duration(sim, &duration) != ITSC_OK || itsc_sim_run_until(sim, duration) != ITSC_OK) return metrics;
  (void)itsc_sim_network_metrics(sim, member, &metrics);
  return metrics;
}

inline itsc_network_metrics whole_run(const itsc_scenario* scenario, int32_t duration_tenths) {
  itsc_sim_options options = ITSC_SIM_OPTIONS_INIT;
  options.duration_tenths = duration_tenths;
  itsc_sim* sim = nullptr;
  itsc_network_metrics metrics = ITSC_NETWORK_METRICS_INIT;
  if (itsc_sim_create(scenario, &options, &sim) != ITSC_OK) return metrics;
  metrics = run_to_end(sim);
  itsc_sim_free(sim);
  return metrics;
}

}  // namespace itsc_c_test

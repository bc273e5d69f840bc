// Fuzzes the YAML scenario loader: any input either loads or throws itsc::Error; nothing else may
// escape (no crash, no hang, no other exception, no sanitizer report).
#include <itsc/io.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const itsc::LoadResult loaded = itsc::load_scenario_string(text, "fuzz.yaml");
    // What loads must save and load back to the same scenario.
    const itsc::LoadResult again = itsc::load_scenario_string(itsc::save_scenario_string(loaded.scenario), "again.yaml");
    if (!(again.scenario == loaded.scenario)) __builtin_trap();
  } catch (const itsc::Error&) {
  }
  return 0;
}

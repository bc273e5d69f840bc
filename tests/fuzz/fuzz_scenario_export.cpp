// Fuzzes the exporters on any scenario that loads: the SUMO scenario (network, programs, routes) and the
// UTDF file either come out or throw itsc::Error; nothing else may escape (no crash, no hang, no other
// exception, no sanitizer report).
#include <itsc/io.hpp>
#include <itsc/sumo.hpp>
#include <itsc/utdf.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  itsc::LoadResult loaded;
  try {
    loaded = itsc::load_scenario_string(text, "fuzz.yaml");
  } catch (const itsc::Error&) {
    return 0;
  }
  // A short run keeps the routes small: the demand of a scenario that loads may be large.
  loaded.scenario.simulation.duration_s = 120;
  try {
    (void)itsc::export_sumo_scenario(loaded.scenario, "fuzz");
  } catch (const itsc::Error&) {
  }
  try {
    (void)itsc::export_utdf(loaded.scenario);
  } catch (const itsc::Error&) {
  }
  return 0;
}

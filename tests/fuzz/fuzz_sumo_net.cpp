// Fuzzes the SUMO network importer: any input either imports or throws itsc::Error; what imports is a
// valid scenario that saves and loads back unchanged and exports to SUMO (or is refused with an Error).
#include <itsc/io.hpp>
#include <itsc/sumo.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const itsc::SumoSource net{"fuzz.net.xml", std::string(reinterpret_cast<const char*>(data), size)};
  try {
    const itsc::SumoImport imported = itsc::import_sumo(net, {}, {});
    const itsc::LoadResult again = itsc::load_scenario_string(itsc::save_scenario_string(imported.scenario), "again.yaml");
    if (!(again.scenario == imported.scenario)) __builtin_trap();
    static_cast<void>(itsc::export_sumo_tls(imported.scenario));
  } catch (const itsc::Error&) {
  }
  return 0;
}

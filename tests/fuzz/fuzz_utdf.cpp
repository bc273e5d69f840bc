// Fuzzes the UTDF importer: any input either imports or throws itsc::Error; what imports is a valid
// scenario that saves and loads back unchanged and exports to UTDF (or is refused with an Error).
#include <itsc/io.hpp>
#include <itsc/utdf.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const itsc::UtdfSource source{"fuzz.csv", std::string(reinterpret_cast<const char*>(data), size)};
  try {
    const itsc::UtdfImport imported = itsc::import_utdf(source);
    const itsc::LoadResult again = itsc::load_scenario_string(itsc::save_scenario_string(imported.scenario), "again.yaml");
    if (!(again.scenario == imported.scenario)) __builtin_trap();
    static_cast<void>(itsc::export_utdf(imported.scenario));
  } catch (const itsc::Error&) {
  }
  return 0;
}

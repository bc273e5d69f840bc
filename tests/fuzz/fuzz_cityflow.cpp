// Fuzzes the CityFlow importer's two JSON readers: the input is a roadnet.json, optionally followed by a
// line "@@flow@@" and a flow.json (else no flows). Any input either imports or throws itsc::Error; what
// imports is a valid scenario that saves and loads back unchanged.
#include <itsc/cityflow.hpp>
#include <itsc/io.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kSeparator = "\n@@flow@@\n";
  const std::size_t split = input.find(kSeparator);
  const itsc::SourceText roadnet{"roadnet.json", input.substr(0, split)};
  const itsc::SourceText flow{"flow.json", split == std::string::npos ? "[]" : input.substr(split + kSeparator.size())};
  itsc::CityFlowImportOptions options;
  options.end_s = 3600;  // bounds the demand whatever the flows
  try {
    const itsc::CityFlowImport imported = itsc::import_cityflow(roadnet, flow, options);
    const itsc::LoadResult again = itsc::load_scenario_string(itsc::save_scenario_string(imported.scenario), "again.yaml");
    if (!(again.scenario == imported.scenario)) __builtin_trap();
  } catch (const itsc::Error&) {
  }
  return 0;
}

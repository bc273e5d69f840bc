// Fuzzes the plan-file loader and plan validation against the bundled isolated intersection: any
// input either loads (and the plan then applies to a valid scenario or is rejected) or throws
// itsc::Error.
#include <itsc/io.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
const itsc::Scenario& base_scenario() {
  static const itsc::Scenario scenario = itsc::load_scenario_file(ITSC_SOURCE_DIR "/data/isolated.yaml").scenario;
  return scenario;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const itsc::Plan plan = itsc::load_plan_string(text, base_scenario(), "fuzz-plan.yaml");
    itsc::Scenario scenario = base_scenario();
    itsc::apply_plan(scenario, plan);
    itsc::require_valid(scenario);
  } catch (const itsc::Error&) {
  }
  return 0;
}

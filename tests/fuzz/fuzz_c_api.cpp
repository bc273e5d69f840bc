// Fuzzes the C API's scenario loading and a short run: any input loads or gives ITSC_EINPUT with a
// message; a scenario that loads simulates a minute without a failure, and its figures are finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "itsc/itsc.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  itsc_scenario* scenario = nullptr;
  const int loaded = itsc_scenario_load_string(reinterpret_cast<const char*>(data), size, "fuzz.yaml", &scenario);
  if (loaded != ITSC_OK) {
    if (loaded != ITSC_EINPUT || scenario != nullptr || std::strlen(itsc_error_last()) == 0) __builtin_trap();
    return 0;
  }
  itsc_sim_options options = ITSC_SIM_OPTIONS_INIT;
  options.duration_tenths = 600;
  itsc_sim* sim = nullptr;
  if (itsc_sim_create(scenario, &options, &sim) == ITSC_OK) {
    itsc_network_metrics metrics = ITSC_NETWORK_METRICS_INIT;
    if (itsc_sim_run_until(sim, 600) != ITSC_OK || itsc_sim_network_metrics(sim, 0, &metrics) != ITSC_OK) __builtin_trap();
    if (!std::isfinite(metrics.vehicles_entered) || !std::isfinite(metrics.vehicles_inside) ||
        !std::isfinite(metrics.total_delay_veh_h)) {
      __builtin_trap();
    }
  }
  itsc_sim_free(sim);
  itsc_scenario_free(scenario);
  return 0;
}

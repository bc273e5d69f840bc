// Soak: a million steps of a small network. Conservation holds to 1e-9 relative at the end, and in a
// Release build resident memory does not grow between step 10^5 and step 10^6 (after a 10^4-step
// warm-up), so nothing inside the step allocates or leaks.
#include <doctest/doctest.h>
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <cmath>
#include <cstdio>

namespace {

// Resident pages, from /proc/self/statm (second field).
long resident_pages() {
  std::FILE* file = std::fopen("/proc/self/statm", "r");
  if (file == nullptr) return -1;
  long size = 0;
  long resident = -1;
  if (std::fscanf(file, "%ld %ld", &size, &resident) != 2) resident = -1;
  std::fclose(file);
  return resident;
}

// Memory is measured in optimized builds without sanitizers (whose allocators keep their own pools).
#if defined(NDEBUG) && !defined(ITSC_SANITIZED)
constexpr bool kRelease = true;
#else
constexpr bool kRelease = false;
#endif

}  // namespace

TEST_CASE("soak: a million steps conserve vehicles and hold memory flat" * doctest::test_suite("soak")) {
  const itsc::Scenario scenario = itsc::load_scenario_file(ITSC_SOURCE_DIR "/data/isolated.yaml").scenario;
  constexpr long kSteps = 1'000'000;
  itsc::SimulateOptions options;
  options.duration_s = static_cast<double>(kSteps) + 1;
  itsc::Simulation simulation(scenario, options);
  long pages_at_1e5 = 0;
  for (long step = 1; step <= kSteps; ++step) {
    simulation.step();
    if (step == 10'000) (void)resident_pages();  // warm-up, also of the stdio that reads statm
    if (step == 100'000) pages_at_1e5 = resident_pages();
  }
  const long pages_at_1e6 = resident_pages();
  const itsc::SimulationResult result = simulation.result();
  const double accounted = result.vehicles_exited + result.vehicles_inside + result.vehicles_waiting;
  CHECK(result.vehicles_entered > 7e5);  // 2600 veh/h over 277.8 hours
  CHECK(std::fabs(result.vehicles_entered - accounted) <= 1e-9 * result.vehicles_entered);
  if (kRelease) {
    CAPTURE(pages_at_1e5);
    CHECK(pages_at_1e6 - pages_at_1e5 <= 1);
  } else {
    MESSAGE("resident-memory check runs in Release builds only");
  }
}

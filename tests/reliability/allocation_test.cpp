// No allocation inside `step`: a replaced global operator new counts allocations while armed.
#include <doctest/doctest.h>
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<bool> armed{false};
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  if (armed.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

TEST_CASE("allocation: step allocates nothing, for one run and for a batch") {
  const itsc::Scenario scenario = itsc::load_scenario_file(ITSC_SOURCE_DIR "/data/grid6x6.yaml").scenario;
  for (std::size_t batch : {std::size_t{1}, std::size_t{8}}) {
    CAPTURE(batch);
    itsc::BatchSpec spec;
    spec.size = batch;
    itsc::SimulateOptions options;
    options.duration_s = 2000;
    itsc::Simulation simulation(scenario, options, spec);
    for (int step = 0; step < 100; ++step) simulation.step();  // warm-up: first touches
    allocations = 0;
    armed = true;
    for (int step = 0; step < 1000; ++step) simulation.step();
    armed = false;
    CHECK(allocations.load() == 0);
  }
}

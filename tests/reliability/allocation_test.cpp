// No allocation inside `step`: a replaced global operator new counts allocations while armed.
// Sanitizer runtimes own operator new themselves, so this file is empty in sanitizer builds (the
// Release suite runs it).
#include <doctest/doctest.h>
#include <itsc/io.hpp>
#include <itsc/plan.hpp>
#include <itsc/simulate.hpp>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#ifndef ITSC_SANITIZED

namespace {
std::atomic<bool> armed{false};
std::atomic<long> allocations{0};
}  // namespace

// Every replaceable form, so that each allocation is counted and each pairs with its own release.
namespace {
void* counted(std::size_t size, std::size_t alignment) {
  if (armed.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  const std::size_t bytes = size == 0 ? 1 : size;
  return alignment <= alignof(std::max_align_t)
             ? std::malloc(bytes)
             : std::aligned_alloc(alignment, (bytes + alignment - 1) / alignment * alignment);
}
void* counted_or_throw(std::size_t size, std::size_t alignment) {
  if (void* memory = counted(size, alignment)) return memory;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_or_throw(size, 0); }
void* operator new[](std::size_t size) { return counted_or_throw(size, 0); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted(size, 0); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted(size, 0); }
void* operator new(std::size_t size, std::align_val_t a) { return counted_or_throw(size, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t size, std::align_val_t a) { return counted_or_throw(size, static_cast<std::size_t>(a)); }
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete[](void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete[](void* memory, std::size_t) noexcept { std::free(memory); }
void operator delete(void* memory, const std::nothrow_t&) noexcept { std::free(memory); }
void operator delete[](void* memory, const std::nothrow_t&) noexcept { std::free(memory); }
void operator delete(void* memory, std::align_val_t) noexcept { std::free(memory); }
void operator delete[](void* memory, std::align_val_t) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t, std::align_val_t) noexcept { std::free(memory); }
void operator delete[](void* memory, std::size_t, std::align_val_t) noexcept { std::free(memory); }

namespace {
// Allocations counted over 1000 steps after 100 warm-up steps (first touches), for B = 1 and 8.
void check_no_allocation(const char* file, const std::string& controller, double duration_s) {
  const itsc::Scenario scenario = itsc::load_scenario_file(file).scenario;
  for (std::size_t batch : {std::size_t{1}, std::size_t{8}}) {
    CAPTURE(batch);
    itsc::BatchSpec spec;
    spec.size = batch;
    itsc::SimulateOptions options;
    options.duration_s = duration_s;
    options.controller = controller;
    itsc::Simulation simulation(scenario, options, spec);
    for (int step = 0; step < 100; ++step) simulation.step();
    allocations = 0;
    armed = true;
    for (int step = 0; step < 1000; ++step) simulation.step();
    armed = false;
    CHECK(allocations.load() == 0);
  }
}
}  // namespace

TEST_CASE("allocation: step allocates nothing, for one run and for a batch") {
  check_no_allocation(ITSC_SOURCE_DIR "/data/grid6x6.yaml", "", 2000);
}

TEST_CASE("allocation: actuated control on the engine's detectors allocates nothing in step") {
  check_no_allocation(ITSC_SOURCE_DIR "/data/isolated.yaml", "actuated", 0);
}

TEST_CASE("allocation: max-pressure steps allocate nothing") {
  for (const char* controller : {"max-pressure", "max-pressure-cycle"}) {
    CAPTURE(controller);
    check_no_allocation(ITSC_SOURCE_DIR "/data/grid6x6.yaml", controller, 2000);
  }
}

TEST_CASE("allocation: set_plan at once allocates nothing after the first call") {
  const itsc::Scenario scenario = itsc::load_scenario_file(ITSC_SOURCE_DIR "/data/grid6x6.yaml").scenario;
  itsc::Simulation simulation(scenario, itsc::SimulateOptions{}, itsc::BatchSpec{4, {}, {}});
  const itsc::Model& model = simulation.model();
  // Two plan sets of the same shape: offsets shifted, splits moved between the first two stages.
  std::vector<std::vector<itsc::SignalPlan>> variants(2);
  for (std::size_t v = 0; v < 2; ++v) {
    for (std::size_t s = 0; s < model.signal_count(); ++s) {
      itsc::Timing timing = scenario.timing.at(model.node_id[model.signalized_nodes[s]]);
      timing.offset_s = static_cast<double>((s * 7 + v * 31) % 90);
      timing.stages.at(0).green_s += static_cast<double>(v) * 4;
      timing.stages.at(1).green_s -= static_cast<double>(v) * 4;
      variants[v].push_back(itsc::compile_plan(scenario, model, s, timing));
    }
  }
  for (int step = 0; step < 100; ++step) simulation.step();
  for (std::size_t b = 0; b < 4; ++b) simulation.set_plan(b, variants[0]);  // the first call may allocate
  allocations = 0;
  armed = true;
  for (int round = 0; round < 3; ++round) {
    for (std::size_t b = 0; b < 4; ++b) simulation.set_plan(b, variants[(round + 1) % 2]);
    for (int step = 0; step < 50; ++step) simulation.step();
  }
  armed = false;
  CHECK(allocations.load() == 0);
}

#endif  // ITSC_SANITIZED

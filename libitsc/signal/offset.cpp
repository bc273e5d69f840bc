// Offset conventions: one internal reference (start of green of the first coordinated phase to
// turn green), converted from and to the conventions files use.
#include <algorithm>
#include <cmath>
#include <limits>

#include "itsc/error.hpp"
#include "itsc/timing.hpp"

namespace itsc {

namespace {

struct ReferenceTimes {
  double green_start_s;  ///< from cycle start (start of stage 1 / of ring 1's first phase)
  double green_s;        ///< green duration of the reference
};

double wrap(double value, double cycle_s) {
  const double wrapped = std::fmod(value, cycle_s);
  return wrapped < 0 ? wrapped + cycle_s : wrapped;
}

// Start of green (from cycle start) and green length of the reference phase of a ring plan: the
// coordinated phase that turns green first; with no coordinated phase, ring 1's first phase.
ReferenceTimes ring_reference(const RingPlan& plan) {
  const auto find_phase = [&](int number) -> const Phase* {
    for (const Phase& phase : plan.phases) {
      if (phase.number == number) return &phase;
    }
    return nullptr;
  };
  ReferenceTimes best{std::numeric_limits<double>::infinity(), 0};
  for (const auto& ring : plan.rings) {
    double start = 0;
    for (const auto& group : ring) {
      for (int number : group) {
        const Phase* phase = find_phase(number);
        if (phase == nullptr) continue;
        const bool coordinated = plan.coordinated_phases.empty()
                                     ? (&ring == &plan.rings.front() && start == 0)
                                     : std::find(plan.coordinated_phases.begin(),
                                                 plan.coordinated_phases.end(),
                                                 number) != plan.coordinated_phases.end();
        if (coordinated && start < best.green_start_s) {
          if (!phase->yellow_s || !phase->red_clearance_s) {
            throw Error(ErrorCode::invalid_input,
                        "phase " + std::to_string(number) +
                            ": the offset reference needs its yellow_s and red_clearance_s");
          }
          best = {start, phase->split_s - *phase->yellow_s - *phase->red_clearance_s};
        }
        start += phase->split_s;
      }
    }
  }
  if (!std::isfinite(best.green_start_s)) best = {0, 0};
  return best;
}

ReferenceTimes reference_of(const Timing& timing) {
  if (timing.rings) return ring_reference(*timing.rings);
  if (timing.stages.empty()) return {0, 0};
  return {0, timing.stages.front().green_s};
}

// Time from the reference's start of green to the point the given convention names.
double shift_from_green_start(const Timing& timing, OffsetReference reference) {
  const ReferenceTimes times = reference_of(timing);
  switch (reference) {
    case OffsetReference::green_start: return 0;
    case OffsetReference::yield: return times.green_s;
    case OffsetReference::cycle_start: return -times.green_start_s;
  }
  return 0;
}

}  // namespace

double offset_to_internal(const Timing& timing, OffsetReference reference, double offset_s) {
  if (timing.cycle_s <= 0) return offset_s;
  return wrap(offset_s - shift_from_green_start(timing, reference), timing.cycle_s);
}

double offset_from_internal(const Timing& timing, OffsetReference reference, double internal_offset_s) {
  if (timing.cycle_s <= 0) return internal_offset_s;
  return wrap(internal_offset_s + shift_from_green_start(timing, reference), timing.cycle_s);
}

std::optional<OffsetReference> parse_offset_reference(std::string_view text) noexcept {
  if (text == "green_start") return OffsetReference::green_start;
  if (text == "yield") return OffsetReference::yield;
  if (text == "cycle_start") return OffsetReference::cycle_start;
  return std::nullopt;
}

std::string_view to_string(OffsetReference reference) noexcept {
  switch (reference) {
    case OffsetReference::green_start: return "green_start";
    case OffsetReference::yield: return "yield";
    case OffsetReference::cycle_start: return "cycle_start";
  }
  return "?";
}

}  // namespace itsc

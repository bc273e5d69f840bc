// Offset conventions: one internal reference (start of green of the first coordinated phase to
// turn green), converted from and to the conventions files use.
#include <cmath>
#include <string>

#include "itsc/error.hpp"
#include "itsc/ring_plan.hpp"
#include "itsc/timing.hpp"
#include "signal/ring_timeline.hpp"

namespace itsc {

namespace {

double wrap(double value, double cycle_s) {
  const double wrapped = std::fmod(value, cycle_s);
  return wrapped < 0 ? wrapped + cycle_s : wrapped;
}

// Time from the reference's start of green to the point the given convention names.
double shift_from_green_start(const Timing& timing, OffsetReference reference) {
  if (reference == OffsetReference::green_start) return 0;
  const RingPlan plan = ring_plan_of(timing);
  if (plan.phases.empty()) return 0;
  const auto timeline = detail::ring_timeline(plan);
  const detail::PhaseWindow& window = timeline[detail::reference_window(plan, timeline)];
  if (reference == OffsetReference::cycle_start) return -static_cast<double>(window.start) / 10;
  const Phase& phase = *window.phase;
  if (!phase.yellow_s || !phase.red_clearance_s) {
    throw Error(ErrorCode::invalid_input, "phase " + std::to_string(phase.number) +
                                              ": the offset reference needs its yellow_s and red_clearance_s");
  }
  return phase.split_s - *phase.yellow_s - *phase.red_clearance_s;
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

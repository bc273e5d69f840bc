// SPaT: the J2735 TimeMark, the interface's default and the fixed-time controller's exact answer.
#include <algorithm>

#include "itsc/controller.hpp"
#include "itsc/spat.hpp"

namespace itsc {

std::uint16_t j2735_time_mark(Tenths t, double start_time_s) noexcept {
  if (t == kUnknownEnd) return 36001;
  constexpr Tenths kHour = 36000;
  const Tenths since_midnight = to_tenths(start_time_s) + t;
  return static_cast<std::uint16_t>((since_midnight % kHour + kHour) % kHour);
}

bool FixedTimeController::spat(Tenths now, std::size_t b, std::span<MovementSpat> movements,
                               std::span<CrosswalkSpat> crosswalks) const noexcept {
  if (b >= members_.size()) return false;
  Tenths local = 0;
  const IntervalTable& table = table_at(now, b, local);
  const std::size_t here = table.interval_at(local);
  const std::size_t intervals = table.interval_count();
  // The next segment's table may change the indications before this one does.
  const Member& member = members_[b];
  const auto next = std::upper_bound(member.segments.begin(), member.segments.end(), now,
                                     [](Tenths time, const Segment& segment) { return time < segment.begin; });
  const Tenths horizon = next == member.segments.end() ? kUnknownEnd : next->begin;
  // The first change after `here` of a column, found by walking the intervals for at most one cycle.
  const auto change = [&](auto differs) {
    Tenths at = now + (table.end(here) - local);
    for (std::size_t k = 1; k <= intervals && at < horizon; ++k) {
      const std::size_t i = (here + k) % intervals;
      if (differs(i)) return SpatEnd{at, at, at};
      at += table.end(i) - table.start[i];
    }
    if (horizon != kUnknownEnd) return SpatEnd{horizon, horizon, horizon};
    return SpatEnd{};
  };
  for (std::size_t m = 0; m < std::min(movements.size(), table.movement_count); ++m) {
    const Indication shown = table.indication(here, m);
    movements[m] = {shown, change([&](std::size_t i) { return table.indication(i, m) != shown; })};
  }
  for (std::size_t c = 0; c < std::min(crosswalks.size(), table.crosswalk_count); ++c) {
    const PedestrianIndication shown = table.pedestrian(here, c);
    crosswalks[c] = {shown, change([&](std::size_t i) { return table.pedestrian(i, c) != shown; })};
  }
  return true;
}

}  // namespace itsc

#pragma once
/// @file spat.hpp
/// Signal phase and timing (SPaT): per movement and crosswalk of one intersection, the indication
/// shown now and when it will end, as connected-vehicle messages (SAE J2735 SPaT) carry it. Times are
/// tenths of a second since the scenario's start (`Simulation::state().time_tenths`); `j2735_time_mark`
/// turns them into J2735's TimeMark. Controllers answer through `Controller::spat`, which `step` never
/// calls, so asking costs the time loop nothing. docs/signals.md, "SPaT".

#include <cstdint>
#include <limits>

#include "itsc/interval_table.hpp"

namespace itsc {

/// An end time that the controller cannot bound (J2735: "unknown").
inline constexpr Tenths kUnknownEnd = std::numeric_limits<Tenths>::max();

/// When the current indication ends (tenths since the scenario's start): the earliest possible, the
/// latest possible (kUnknownEnd when unbounded) and the most likely; min ≤ likely ≤ max.
struct SpatEnd {
  Tenths min_end = kUnknownEnd;
  Tenths max_end = kUnknownEnd;
  Tenths likely_end = kUnknownEnd;
};

/// One movement's state.
struct MovementSpat {
  Indication indication = Indication::red;
  SpatEnd end;
};

/// One crosswalk's state.
struct CrosswalkSpat {
  PedestrianIndication indication = PedestrianIndication::dont_walk;
  SpatEnd end;
};

/// J2735 TimeMark of time t (tenths since the scenario's start) for a scenario starting at
/// `start_time_s` seconds after midnight: tenths within the hour, 0..35999; 36001 for kUnknownEnd.
[[nodiscard]] std::uint16_t j2735_time_mark(Tenths t, double start_time_s) noexcept;

}  // namespace itsc

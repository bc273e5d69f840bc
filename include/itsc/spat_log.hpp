#pragma once
/// @file spat_log.hpp
/// SPaT of a simulation's batch member 0 as CSV (`itsc simulate --spat FILE`; docs/signals.md, "SPaT
/// log"): after each step, one row per movement and crosswalk of every signal whose indication or
/// predicted ends differ from its last row.

#include <string>
#include <vector>

#include "itsc/simulate.hpp"
#include "itsc/spat.hpp"

namespace itsc {

class SpatLog {
 public:
  /// The columns of `simulation`'s signals; `start_time_s`: the scenario's `start_time` (TimeMark).
  SpatLog(const Simulation& simulation, double start_time_s);
  /// Appends the rows of the state after the last step. Signals whose controller gives no SPaT: none.
  void record(const Simulation& simulation);
  /// Header and rows so far.
  [[nodiscard]] const std::string& csv() const noexcept { return csv_; }

 private:
  double start_time_s_ = 0;
  std::string csv_;
  std::vector<MovementSpat> movements_;   // [signal's movement] scratch
  std::vector<CrosswalkSpat> crosswalks_; // [signal's crosswalk] scratch
  std::vector<MovementSpat> last_movement_;   // [movement] last row written
  std::vector<CrosswalkSpat> last_crosswalk_; // [flat crosswalk] last row written
  bool first_ = true;
};

}  // namespace itsc

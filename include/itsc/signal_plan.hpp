#pragma once
/// @file signal_plan.hpp
/// One signal's compiled plan for one batch member: its timing resolved (ring form, every clearance
/// set from the geometry) and, for fixed-time control, the interval table it plays in tenths of a
/// second. `compile_signal_plan` makes one for a controller's layout, `compile_plan` (plan.hpp) for a
/// signal of a compiled Model; controllers run them (`Controller::set_plan`).

#include "itsc/interval_table.hpp"
#include "itsc/layout.hpp"
#include "itsc/timing.hpp"

namespace itsc {

struct SignalPlan {
  Timing timing;        ///< resolved (`resolve_timing`): what a plan file writes back
  IntervalTable table;  ///< the fixed-time table in the layout's column order (empty when not fixed)
  friend bool operator==(const SignalPlan&, const SignalPlan&) = default;
};

/// The plan of `timing` (resolved) for an intersection laid out as `layout`: the interval table is
/// compiled when the timing names the fixed-time controller. Throws `itsc::Error` (invalid_input) as
/// `compile_interval_table` does.
[[nodiscard]] SignalPlan compile_signal_plan(const Timing& timing, const IntersectionLayout& layout);

}  // namespace itsc

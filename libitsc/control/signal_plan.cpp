// One signal's plan compiled for its controller's columns.
#include "itsc/signal_plan.hpp"

namespace itsc {

SignalPlan compile_signal_plan(const Timing& timing, const IntersectionLayout& layout) {
  SignalPlan plan{timing, {}};
  if (timing.controller == "fixed") {
    plan.table = compile_interval_table(timing, layout.movements, layout.crosswalks, layout.turn_on_red);
  }
  return plan;
}

}  // namespace itsc

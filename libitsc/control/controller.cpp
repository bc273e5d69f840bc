// What the Controller interface does where a controller does not say otherwise.
#include "itsc/controller.hpp"

namespace itsc {

bool Controller::spat(Tenths /*now*/, std::size_t /*b*/, std::span<MovementSpat> /*movements*/,
                      std::span<CrosswalkSpat> /*crosswalks*/) const noexcept {
  return false;
}

bool Controller::set_plan(std::size_t /*b*/, const SignalPlan& /*plan*/, Tenths /*now*/,
                          std::optional<TransitionMethod> /*method*/) {
  return false;
}

}  // namespace itsc

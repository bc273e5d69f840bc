// Time-of-day schedules: transition method names and clock times (docs/signals.md, "Time-of-day
// schedules"). The fixed-time controller plays the switches (fixed_time.cpp).
#include <cmath>

#include "itsc/schedule.hpp"
#include "util/enum_names.hpp"

namespace itsc {

namespace {

constexpr detail::EnumNames<TransitionMethod, 3> kMethodNames{{
    {TransitionMethod::shortway, "shortway"},
    {TransitionMethod::add_only, "add_only"},
    {TransitionMethod::dwell, "dwell"},
}};

}  // namespace

std::string_view to_string(TransitionMethod method) noexcept { return detail::name_of(kMethodNames, method); }
std::optional<TransitionMethod> parse_transition_method(std::string_view text) noexcept {
  return detail::value_of(kMethodNames, text);
}

double schedule_time_s(double at_s, double start_time_s) noexcept {
  constexpr double kDay = 24 * 3600;
  const double t = std::fmod(at_s - start_time_s, kDay);
  return t < 0 ? t + kDay : t;
}

}  // namespace itsc

// Scenario-wide derived values.
#include "itsc/scenario.hpp"

#include "util/enum_names.hpp"

namespace itsc {

double Scenario::duration_s() const {
  if (simulation.duration_s) return *simulation.duration_s;
  return demand.interval_s * static_cast<double>(interval_count(demand));  // the demand profile's length
}

namespace {
constexpr detail::EnumNames<DetectorArrivals, 2> kArrivalNames{{
    {DetectorArrivals::random, "random"},
    {DetectorArrivals::uniform, "uniform"},
}};
}  // namespace

std::string_view to_string(DetectorArrivals arrivals) noexcept { return detail::name_of(kArrivalNames, arrivals); }
std::optional<DetectorArrivals> parse_detector_arrivals(std::string_view text) noexcept {
  return detail::value_of(kArrivalNames, text);
}

}  // namespace itsc

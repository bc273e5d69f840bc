// UTDF's directions, movement columns, units and Synchro's offset references in libitsc's terms.
#include <algorithm>
#include <cmath>

#include "io/utdf/utdf_parts.hpp"
#include "itsc/units.hpp"
#include "signal/ring_timeline.hpp"

namespace itsc::detail::utdf {

namespace {

double wrap(double value, double period) {
  const double wrapped = std::fmod(value, period);
  return wrapped < 0 ? wrapped + period : wrapped;
}

}  // namespace

std::size_t nearest_direction(double bearing_deg) {
  return static_cast<std::size_t>(std::lround(wrap(bearing_deg, 360) / 45.0)) % 8;
}

std::optional<MovementColumn> parse_movement_column(std::string_view column) {
  if (column.size() < 3) return std::nullopt;
  for (std::size_t d = 0; d < std::size(kDirections); ++d) {
    if (!column.starts_with(kDirections[d])) continue;
    const std::string_view suffix = column.substr(2);
    for (std::size_t t = 0; t < std::size(kTurnSuffixes); ++t) {
      if (suffix == kTurnSuffixes[t]) return MovementColumn{d, t};
    }
  }
  return std::nullopt;
}

std::string movement_column_name(std::size_t direction, std::size_t turn) {
  return std::string(kDirections[direction]) + std::string(kTurnSuffixes[turn]);
}

TurnType turn_type(std::size_t turn) {
  switch (turn) {
    case 0: return TurnType::u_turn;
    case 1:
    case 2: return TurnType::left;
    case 3: return TurnType::through;
    default: return TurnType::right;
  }
}

double exit_bearing(std::size_t direction, std::size_t turn) {
  // A second left (L2) or right (R2) is the sharper one, toward the diagonal beyond.
  static constexpr double kTurnDeg[] = {180, -135, -90, 0, 90, 135};
  return wrap(travel_bearing(direction) + kTurnDeg[turn], 360);
}

double FileUnits::metres(double value) const { return metric ? value : value * kMetresPerFoot; }
double FileUnits::kmh(double value) const { return metric ? value : value * kKmPerMile; }
double FileUnits::to_file_length(double length_m) const { return metric ? length_m : length_m / kMetresPerFoot; }
double FileUnits::to_file_speed(double speed_kmh) const { return metric ? speed_kmh : speed_kmh / kKmPerMile; }

double reference_point_s(const Timing& timing, SynchroReference code) {
  if (!timing.rings || code == SynchroReference::ts2_first_green) return 0;
  const RingPlan& plan = *timing.rings;
  const auto timeline = ring_timeline(plan);
  if (timeline.empty()) return 0;
  const double cycle_s = timing.cycle_s;
  const double zero_s = static_cast<double>(timeline[reference_window(plan, timeline)].start) / 10;
  // The reference phases: the coordinated ones, else libitsc's reference alone.
  std::vector<const PhaseWindow*> windows;
  for (const PhaseWindow& window : timeline) {
    if (std::find(plan.coordinated_phases.begin(), plan.coordinated_phases.end(), window.phase->number) !=
        plan.coordinated_phases.end()) {
      windows.push_back(&window);
    }
  }
  if (windows.empty()) windows.push_back(&timeline[reference_window(plan, timeline)]);
  std::vector<double> points;
  for (const PhaseWindow* window : windows) {
    const Phase& phase = *window->phase;
    const double green_s = wrap(static_cast<double>(window->start) / 10 - zero_s, cycle_s);
    const double yellow_s = green_s + phase.split_s - phase.yellow_s.value_or(0) - phase.red_clearance_s.value_or(0);
    switch (code) {
      case SynchroReference::begin_green: points.push_back(green_s); break;
      case SynchroReference::begin_yellow:
      case SynchroReference::style_170: points.push_back(yellow_s); break;
      case SynchroReference::begin_red: points.push_back(yellow_s + phase.yellow_s.value_or(0)); break;
      case SynchroReference::ts2_first_green: break;
    }
  }
  // Begin of green is the last reference phase to turn green (TS2 first green is the first); the ends
  // are the first reference phase to end.
  const double point = code == SynchroReference::begin_green ? *std::max_element(points.begin(), points.end())
                                                             : *std::min_element(points.begin(), points.end());
  return wrap(point, cycle_s);
}

}  // namespace itsc::detail::utdf

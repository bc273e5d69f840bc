// Default intervals of a phase from the legs of the movements and crosswalks it serves.
#include "signal/phase_defaults.hpp"

#include <algorithm>
#include <cmath>

#include "itsc/clearance.hpp"

namespace itsc::detail {

namespace {

const Leg* leg_where(const Node& node, auto&& matches) {
  const auto found = std::find_if(node.legs.begin(), node.legs.end(), matches);
  return found == node.legs.end() ? nullptr : &*found;
}

}  // namespace

double ceil_tenth(double seconds) noexcept { return std::ceil(seconds * 10 - 1e-6) / 10; }

ChangeIntervals ite_change_intervals(const Service& service, const Node& node, const Network& network) {
  ChangeIntervals result;
  const auto include = [&](const std::string& id) {
    const auto movement =
        std::find_if(node.movements.begin(), node.movements.end(), [&](const Movement& m) { return m.id == id; });
    if (movement == node.movements.end()) return;
    const Link* link = network.find_link(movement->from_link);
    const Leg* leg = leg_where(node, [&](const Leg& l) { return l.in_link == movement->from_link; });
    if (link == nullptr || leg == nullptr) return;
    const double speed_m_per_s = leg->approach_speed_kmh.value_or(link->speed_kmh) / 3.6;
    if (!(speed_m_per_s > 0)) return;
    result.yellow_s = std::max(result.yellow_s, ite_yellow_s(speed_m_per_s, leg->grade_percent));
    result.red_clearance_s =
        std::max(result.red_clearance_s, ite_red_clearance_s(leg->width_m.value_or(0), speed_m_per_s));
  };
  for (const std::string& id : service.protected_movements) include(id);
  for (const std::string& id : service.permitted_movements) include(id);
  return result;
}

PedestrianIntervals default_pedestrian_intervals(const Service& service, const Node& node,
                                                 std::optional<double> clearance_s) {
  double longest = -1;
  for (const std::string& id : service.crosswalks) {
    const Leg* leg = leg_where(node, [&](const Leg& l) { return l.id == id; });
    if (leg == nullptr || !leg->crosswalk_length_m) continue;
    longest = std::max(longest, *leg->crosswalk_length_m);
  }
  if (longest < 0) return {};
  PedestrianIntervals result;
  result.clearance_s = clearance_s.value_or(ceil_tenth(pedestrian_clearance_s(longest)));
  // The longest crossing needs the largest walk + clearance, so its walk serves them all.
  result.walk_s = ceil_tenth(default_walk_s(longest, result.clearance_s));
  return result;
}

}  // namespace itsc::detail

#include "network/geometry.hpp"

#include <cmath>
#include <numbers>

namespace itsc::detail {

double bearing_deg(double x0, double y0, double x1, double y1) noexcept {
  const double degrees = std::atan2(x1 - x0, y1 - y0) * 180.0 / std::numbers::pi;
  return degrees < 0 ? degrees + 360.0 : degrees;
}

std::optional<double> leg_bearing_deg(const Network& network, const Node& node, const Link& link) {
  for (const Leg& leg : node.legs) {
    if ((leg.in_link == link.id || leg.out_link == link.id) && leg.bearing_deg) return *leg.bearing_deg;
  }
  const std::string& other_id = link.from == node.id ? link.to : link.from;
  const Node* other = network.find_node(other_id);
  if (other == nullptr || !node.x_m || !node.y_m || !other->x_m || !other->y_m) return std::nullopt;
  return bearing_deg(*node.x_m, *node.y_m, *other->x_m, *other->y_m);
}

double turn_angle_deg(double in_bearing_deg, double out_bearing_deg) noexcept {
  // A vehicle arriving along a leg of bearing b heads b + 180; the turn is the change of heading.
  double angle = std::fmod(out_bearing_deg - (in_bearing_deg + 180.0), 360.0);
  if (angle <= -180.0) angle += 360.0;
  if (angle > 180.0) angle -= 360.0;
  return angle;
}

TurnType classify_turn(double turn_angle_deg) noexcept {
  const double magnitude = std::fabs(turn_angle_deg);
  if (magnitude <= 45.0) return TurnType::through;
  if (magnitude >= 150.0) return TurnType::u_turn;
  return turn_angle_deg > 0 ? TurnType::right : TurnType::left;
}

bool turn_agrees(TurnType turn, double turn_angle_deg) noexcept {
  const double magnitude = std::fabs(turn_angle_deg);
  switch (turn) {
    case TurnType::through: return magnitude <= 60.0;
    case TurnType::u_turn: return magnitude >= 135.0;
    case TurnType::right: return turn_angle_deg >= 20.0 && turn_angle_deg <= 165.0;
    case TurnType::left: return turn_angle_deg <= -20.0 && turn_angle_deg >= -165.0;
  }
  return false;
}

}  // namespace itsc::detail

// Movement conflicts from bearings: movements as chords of a circle around the intersection.
#include "signal/conflicts.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "network/geometry.hpp"

namespace itsc::detail {

namespace {

// A point on the circle: a leg's bearing, then its arriving (0) or leaving (1) side.
using Point = std::pair<double, int>;

struct Chord {
  Point from;
  Point to;
};

// Whether x lies strictly inside the clockwise arc from a to b.
bool inside(const Point& x, const Point& a, const Point& b) { return a < b ? (a < x && x < b) : (x > a || x < b); }

Conflict conflict_of(const Chord& p, const Chord& q) {
  if (p.from == q.from) return Conflict::none;  // same approach: they diverge
  if (p.to == q.to) return Conflict::merging;
  const bool crossing = inside(q.from, p.from, p.to) != inside(q.to, p.from, p.to);
  return crossing ? Conflict::crossing : Conflict::none;
}

std::optional<Chord> chord_of(const Movement& movement, const Node& node, const Network& network) {
  const Link* from = network.find_link(movement.from_link);
  const Link* to = network.find_link(movement.to_link);
  if (from == nullptr || to == nullptr) return std::nullopt;
  const auto in_bearing = leg_bearing_deg(network, node, *from);
  const auto out_bearing = leg_bearing_deg(network, node, *to);
  if (!in_bearing || !out_bearing) return std::nullopt;
  return Chord{{*in_bearing, 0}, {*out_bearing, 1}};
}

}  // namespace

ConflictMatrix conflict_matrix(const Node& node, const Network& network) {
  ConflictMatrix matrix;
  const std::size_t n = node.movements.size();
  matrix.movement_count = n;
  matrix.leg_count = node.legs.size();
  matrix.vehicle.assign(n * n, Conflict::none);
  matrix.pedestrian.assign(n * node.legs.size(), 0);
  std::vector<std::optional<Chord>> chords;
  for (const Movement& movement : node.movements) chords.push_back(chord_of(movement, node, network));
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a != b && chords[a] && chords[b]) matrix.vehicle[a * n + b] = conflict_of(*chords[a], *chords[b]);
    }
    for (std::size_t l = 0; l < node.legs.size(); ++l) {
      const Leg& leg = node.legs[l];
      const bool crosses = (!leg.in_link.empty() && leg.in_link == node.movements[a].from_link) ||
                           (!leg.out_link.empty() && leg.out_link == node.movements[a].to_link);
      matrix.pedestrian[a * node.legs.size() + l] = crosses ? 1 : 0;
    }
  }
  return matrix;
}

ConflictMatrix with_foes(ConflictMatrix geometry, const Node& node,
                         const std::map<std::string, std::vector<std::string>>& foes) {
  const std::size_t n = node.movements.size();
  const auto lists = [&](std::size_t a, std::size_t b) {
    const auto found = foes.find(node.movements[a].id);
    return found != foes.end() &&
           std::find(found->second.begin(), found->second.end(), node.movements[b].id) != found->second.end();
  };
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      if (!lists(a, b) && !lists(b, a)) geometry.vehicle[a * n + b] = Conflict::none;
    }
  }
  return geometry;
}

}  // namespace itsc::detail

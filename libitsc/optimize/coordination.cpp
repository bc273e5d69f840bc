// Links between signals, cycle groups and progression offsets.
#include "optimize/coordination.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace itsc::detail {

namespace {

// Hook and Albers' distances (feet in the source).
constexpr double kMetresPerFoot = 0.3048;
constexpr double kAlwaysGroupedM = 2500 * kMetresPerFoot;
constexpr double kNeverGroupedM = 5000 * kMetresPerFoot;
constexpr double kMetresPerMile = 1609.344;
// Uncontrolled nodes followed between two signals at most.
constexpr int kMostHops = 8;

// The busiest movement of [begin, end), kNone when the range is empty.
std::uint32_t busiest(std::span<const double> volume, std::uint32_t begin, std::uint32_t end) {
  std::uint32_t best = kNone;
  for (std::uint32_t m = begin; m < end; ++m) {
    if (best == kNone || volume[m] > volume[best]) best = m;
  }
  return best;
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

Tenths wrapped(Tenths value, Tenths cycle) { return (value % cycle + cycle) % cycle; }

}  // namespace

std::vector<SignalLink> signal_links(const Model& model, std::span<const double> volume) {
  std::vector<SignalLink> links;
  for (std::size_t s = 0; s < model.signal_count(); ++s) {
    // Each link leaving the signal, by the busiest movement into it.
    std::vector<std::uint32_t> into(model.link_count(), kNone);
    for (auto m = model.signal_movement_begin[s]; m < model.signal_movement_end[s]; ++m) {
      const std::uint32_t link = model.movement_to_link[m];
      if (into[link] == kNone || volume[m] > volume[into[link]]) into[link] = m;
    }
    for (std::uint32_t first = 0; first < model.link_count(); ++first) {
      if (into[first] == kNone) continue;
      SignalLink out{s, 0, 0, 0, 0, model.movement_lane_group[into[first]], 0};
      std::uint32_t link = first;
      for (int hop = 0; hop <= kMostHops; ++hop) {
        out.length_m += model.link_length_m[link];
        out.travel_time_s += model.link_free_flow_time_s[link];
        const std::uint32_t next = busiest(volume, model.link_movement_begin[link], model.link_movement_end[link]);
        if (next == kNone) break;  // an exit
        if (const std::uint32_t signal = model.movement_signal[next]; signal != kNone) {
          if (signal != s) {
            out.to = signal;
            out.to_group = model.movement_lane_group[next];
            out.volume_veh_per_h = volume[next];
            links.push_back(out);
          }
          break;
        }
        link = model.movement_to_link[next];
      }
    }
  }
  return links;
}

std::vector<std::size_t> cycle_groups(std::size_t signals, std::span<const SignalLink> links, double coupling_index_min) {
  // Two-way volume of each pair of neighbours, and their distance (the shorter way).
  UnionFind groups(signals);
  for (const SignalLink& link : links) {
    if (link.length_m >= kNeverGroupedM) continue;
    double two_way = link.volume_veh_per_h;
    for (const SignalLink& back : links) {
      if (back.from == link.to && back.to == link.from) two_way += back.volume_veh_per_h;
    }
    const double miles = link.length_m / kMetresPerMile;
    const double coupling = (two_way / 1000.0) / (miles * miles);
    if (link.length_m <= kAlwaysGroupedM || coupling >= coupling_index_min) groups.join(link.from, link.to);
  }
  std::vector<std::size_t> number(signals, signals), group(signals);
  std::size_t next = 0;
  for (std::size_t s = 0; s < signals; ++s) {
    const std::size_t root = groups.find(s);
    if (number[root] == signals) number[root] = next++;
    group[s] = number[root];
  }
  return group;
}

Decision progression_offsets(std::span<const SignalSpace> spaces, std::span<const SignalLink> links,
                             std::span<const std::size_t> group, const Decision& decision) {
  Decision result = decision;
  std::vector<bool> placed(spaces.size(), false);
  const auto start = [&](const SignalLink& link, bool forward) -> std::optional<Tenths> {
    // The green start, after each signal's reference, of the link's leaving and arriving groups.
    const auto leave = spaces[link.from].green_start(result[link.from], link.from_group);
    const auto arrive = spaces[link.to].green_start(result[link.to], link.to_group);
    if (!leave || !arrive) return std::nullopt;
    const Tenths travel = to_tenths(link.travel_time_s);
    if (forward) return wrapped(result[link.from].offset + *leave + travel - *arrive, result[link.to].cycle);
    return wrapped(result[link.to].offset + *arrive - travel - *leave, result[link.from].cycle);
  };
  for (std::size_t root = 0; root < spaces.size(); ++root) {
    if (placed[root]) continue;
    // The group's busiest signal keeps its offset; the others follow it.
    std::size_t busiest_signal = root;
    for (std::size_t s = root; s < spaces.size(); ++s) {
      if (group[s] == group[root] && !placed[s] && spaces[s].volume_veh_per_h() > spaces[busiest_signal].volume_veh_per_h()) {
        busiest_signal = s;
      }
    }
    placed[busiest_signal] = true;
    for (;;) {
      // The busiest link between a placed signal and one not yet placed, of this group.
      const SignalLink* best = nullptr;
      for (const SignalLink& link : links) {
        if (group[link.from] != group[root] || group[link.to] != group[root] || placed[link.from] == placed[link.to]) {
          continue;
        }
        if (best == nullptr || link.volume_veh_per_h > best->volume_veh_per_h) best = &link;
      }
      if (best == nullptr) break;
      const bool forward = placed[best->from];
      const std::size_t signal = forward ? best->to : best->from;
      if (const auto offset = start(*best, forward)) result[signal].offset = *offset;
      placed[signal] = true;
    }
  }
  return result;
}

Coordination coordination(const Model& model, std::span<const double> volume, CyclePolicy policy,
                          double coupling_index_min) {
  Coordination result;
  result.links = signal_links(model, volume);
  const std::size_t signals = model.signal_count();
  switch (policy) {
    case CyclePolicy::common: result.group.assign(signals, 0); break;
    case CyclePolicy::per_node:
      result.group.resize(signals);
      std::iota(result.group.begin(), result.group.end(), std::size_t{0});
      break;
    case CyclePolicy::groups: result.group = cycle_groups(signals, result.links, coupling_index_min); break;
  }
  const std::size_t groups = signals == 0 ? 0 : *std::max_element(result.group.begin(), result.group.end()) + 1;
  std::vector<std::size_t> size(groups, 0);
  for (const std::size_t g : result.group) ++size[g];
  for (std::size_t g = 0; g < groups; ++g) {
    result.coordinated.push_back(policy == CyclePolicy::common || (policy == CyclePolicy::groups && size[g] > 1));
  }
  return result;
}

}  // namespace itsc::detail

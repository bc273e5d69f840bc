// One signal's decision variables and the rules they keep.
#include "optimize/signal_space.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "itsc/error.hpp"
#include "itsc/hcm.hpp"
#include "itsc/ring_plan.hpp"
#include "analyze/permitted_left.hpp"
#include "signal/ring_timeline.hpp"

namespace itsc::detail {

namespace {

constexpr Tenths kNoMaximum = std::numeric_limits<Tenths>::max() / 4;

// `current` parts rescaled to add up to `total`: each part's time above its minimum scaled alike (shared
// equally when none has any), rounded by largest remainder (the first part on a tie); none when the
// minimums exceed `total`.
std::optional<std::vector<Tenths>> scaled(std::span<const Tenths> current, std::span<const Tenths> minimum,
                                          Tenths total) {
  const Tenths minimum_sum = std::accumulate(minimum.begin(), minimum.end(), Tenths{0});
  if (total < minimum_sum || current.empty()) return std::nullopt;
  Tenths excess_sum = 0;
  for (std::size_t i = 0; i < current.size(); ++i) excess_sum += std::max(Tenths{0}, current[i] - minimum[i]);
  const auto free = static_cast<double>(total - minimum_sum);
  std::vector<Tenths> result(current.size());
  std::vector<double> remainder(current.size());
  Tenths given = 0;
  for (std::size_t i = 0; i < current.size(); ++i) {
    const double share = excess_sum > 0
                             ? free * static_cast<double>(std::max(Tenths{0}, current[i] - minimum[i])) /
                                   static_cast<double>(excess_sum)
                             : free / static_cast<double>(current.size());
    const double whole = std::floor(share);
    result[i] = minimum[i] + static_cast<Tenths>(whole);
    remainder[i] = share - whole;
    given += result[i];
  }
  for (Tenths left = total - given; left > 0; --left) {
    const auto most = static_cast<std::size_t>(std::max_element(remainder.begin(), remainder.end()) - remainder.begin());
    ++result[most];
    remainder[most] = -1;
  }
  return result;
}

}  // namespace

SignalSpace::SignalSpace(const Model& model, std::size_t signal, const Timing& timing,
                         std::span<const double> movement_volume_veh_per_h)
    : model_(&model), movement_volume_(movement_volume_veh_per_h.begin(), movement_volume_veh_per_h.end()),
      node_(model.node_id[model.signalized_nodes[signal]]), timing_(timing),
      phases_(signal_phases(model, signal, timing)) {
  timing_.rings = phases_.plan;
  timing_.stages.clear();
  timing_.controller = "fixed";
  for (const double s : phases_.min_split_s) min_split_.push_back(static_cast<Tenths>(std::ceil(s * 10 - 1e-9)));
  for (std::size_t p = 0; p < phases_.max_split_s.size(); ++p) {
    const double s = phases_.max_split_s[p];
    max_split_.push_back(std::isfinite(s) ? std::max(min_split_[p], static_cast<Tenths>(std::floor(s * 10 + 1e-9)))
                                          : kNoMaximum);
  }
  for (const std::uint32_t g : phases_.groups) {
    const GroupDemand demand = group_demand(model, g, movement_volume_veh_per_h);
    group_volume_.push_back(demand.volume_veh_per_h);
    group_saturation_.push_back(demand.saturation_veh_per_h);
    volume_veh_per_h_ += demand.volume_veh_per_h;
  }
  std::vector<double> volume(model.lane_group_count(), 0.0), saturation(model.lane_group_count(), 0.0);
  for (std::size_t i = 0; i < phases_.groups.size(); ++i) {
    volume[phases_.groups[i]] = group_volume_[i];
    saturation[phases_.groups[i]] = group_saturation_[i];
  }
  apply_permitted_left_saturation(model, phases_, movement_volume_veh_per_h, timing.cycle_s, saturation);
  flow_ratio_ = phase_flow_ratios(phases_, volume, saturation);
  const hcm::CriticalPath path = hcm::critical_path(phases_.rings, flow_ratio_, phases_.lost_time_s);
  critical_y_ = path.flow_ratio_sum;
  critical_lost_s_ = path.lost_time_s;
  if (critical_y_ < 1) webster_cycle_s_ = hcm::webster_cycle_s(critical_lost_s_, critical_y_);
  // Lead-lag pairs: a phase serving protected lefts only, next to another phase of its ring.
  const auto turn_of = [&](const std::string& id) {
    for (auto m = model.signal_movement_begin[signal]; m < model.signal_movement_end[signal]; ++m) {
      if (model.movement_id[m] == id) return model.movement_turn[m];
    }
    return TurnType::through;
  };
  const auto left_only = [&](std::size_t p) {
    const Service& serves = phases_.plan.phases[p].serves;
    if (serves.protected_movements.empty() || !serves.crosswalks.empty() || !serves.permitted_movements.empty()) {
      return false;
    }
    for (const std::string& id : serves.protected_movements) {
      const TurnType turn = turn_of(id);
      if (turn != TurnType::left && turn != TurnType::u_turn) return false;
      if (phases_.rings.size() > 1) {
        for (const Phase& other : phases_.plan.phases) {
          const auto& permitted = other.serves.permitted_movements;
          if (std::find(permitted.begin(), permitted.end(), id) != permitted.end()) return false;
        }
      }
    }
    return true;
  };
  for (std::size_t r = 0; r < phases_.rings.size(); ++r) {
    for (std::size_t b = 0; b < phases_.rings[r].size(); ++b) {
      const auto& group = phases_.rings[r][b];
      for (std::size_t i = 0; i + 1 < group.size(); ++i) {
        if (left_only(group[i]) != left_only(group[i + 1])) swaps_.push_back({r, b, i});
      }
    }
  }
  const std::size_t groups = phases_.rings.empty() ? 0 : phases_.rings.front().size();
  for (std::size_t b = 0; b < groups; ++b) {
    Tenths longest = 0;
    for (const auto& ring : phases_.rings) {
      Tenths sum = 0;
      for (const std::size_t p : ring[b]) sum += min_split_[p];
      longest = std::max(longest, sum);
    }
    minimum_cycle_ += longest;
  }
}

SignalDecision SignalSpace::decision_of(const Timing& timing) const {
  SignalDecision d;
  d.cycle = to_tenths(timing.cycle_s);
  d.offset = to_tenths(timing.offset_s);
  for (const Phase& phase : ring_plan_of(timing).phases) d.split.push_back(to_tenths(phase.split_s));
  d.swapped.assign(swaps_.size(), 0);
  if (d.split.size() != min_split_.size()) throw Error(ErrorCode::invalid_input, "optimize: a plan of another phase structure");
  return d;
}

Timing SignalSpace::timing(const SignalDecision& decision) const {
  Timing t = timing_;
  t.cycle_s = static_cast<double>(decision.cycle) / 10.0;
  t.offset_s = static_cast<double>(decision.offset) / 10.0;
  for (std::size_t p = 0; p < decision.split.size(); ++p) {
    t.rings->phases[p].split_s = static_cast<double>(decision.split[p]) / 10.0;
  }
  for (std::size_t k = 0; k < swaps_.size() && k < decision.swapped.size(); ++k) {
    if (decision.swapped[k] == 0) continue;
    auto& group = t.rings->rings[swaps_[k].ring][swaps_[k].group];
    std::swap(group[swaps_[k].position], group[swaps_[k].position + 1]);
  }
  return t;
}

bool SignalSpace::feasible(const SignalDecision& decision) const {
  if (decision.split.size() != min_split_.size() || decision.swapped.size() != swaps_.size() || decision.offset < 0 ||
      decision.offset >= decision.cycle) {
    return false;
  }
  for (std::size_t p = 0; p < min_split_.size(); ++p) {
    if (decision.split[p] < min_split_[p] || decision.split[p] > max_split_[p]) return false;
  }
  const std::size_t groups = phases_.rings.empty() ? 0 : phases_.rings.front().size();
  Tenths total = 0;
  for (std::size_t b = 0; b < groups; ++b) {
    std::optional<Tenths> group_time;
    for (const auto& ring : phases_.rings) {
      Tenths sum = 0;
      for (const std::size_t p : ring[b]) sum += decision.split[p];
      if (group_time && *group_time != sum) return false;
      group_time = sum;
    }
    total += group_time.value_or(0);
  }
  return total == decision.cycle;
}

std::optional<SignalDecision> SignalSpace::webster(Tenths cycle, Tenths offset) const {
  std::vector<hcm::PhaseDemand> needs;
  for (std::size_t p = 0; p < min_split_.size(); ++p) {
    needs.push_back({flow_ratio_[p], phases_.lost_time_s[p], static_cast<double>(min_split_[p]) / 10.0});
  }
  SignalDecision d;
  d.cycle = cycle;
  d.offset = cycle > 0 ? offset % cycle : 0;
  d.swapped.assign(swaps_.size(), 0);
  try {
    for (const double s : hcm::ring_barrier_splits_s(static_cast<double>(cycle) / 10.0, phases_.rings, needs)) {
      d.split.push_back(to_tenths(s));
    }
  } catch (const Error&) {
    return std::nullopt;  // the minimums do not fit
  }
  if (!fit_maximums(d) || !feasible(d)) return std::nullopt;
  return d;
}

std::optional<SignalDecision> SignalSpace::rescaled(const SignalDecision& decision, Tenths cycle) const {
  const std::size_t groups = phases_.rings.empty() ? 0 : phases_.rings.front().size();
  std::vector<Tenths> group_time(groups, 0), group_minimum(groups, 0);
  for (std::size_t b = 0; b < groups; ++b) {
    for (const std::size_t p : phases_.rings.front()[b]) group_time[b] += decision.split[p];
    for (const auto& ring : phases_.rings) {
      Tenths sum = 0;
      for (const std::size_t p : ring[b]) sum += min_split_[p];
      group_minimum[b] = std::max(group_minimum[b], sum);
    }
  }
  const auto new_group_time = scaled(group_time, group_minimum, cycle);
  if (!new_group_time) return std::nullopt;
  SignalDecision d = decision;
  d.cycle = cycle;
  d.offset = static_cast<Tenths>(std::llround(static_cast<double>(decision.offset) * static_cast<double>(cycle) /
                                              static_cast<double>(decision.cycle))) % cycle;
  for (std::size_t b = 0; b < groups; ++b) {
    for (const auto& ring : phases_.rings) {
      std::vector<Tenths> current, minimum;
      for (const std::size_t p : ring[b]) {
        current.push_back(decision.split[p]);
        minimum.push_back(min_split_[p]);
      }
      const auto parts = scaled(current, minimum, (*new_group_time)[b]);
      if (!parts) return std::nullopt;
      for (std::size_t i = 0; i < ring[b].size(); ++i) d.split[ring[b][i]] = (*parts)[i];
    }
  }
  if (!fit_maximums(d)) return std::nullopt;
  return d;
}

bool SignalSpace::fit_maximums(SignalDecision& decision) const {
  const std::size_t groups = phases_.rings.empty() ? 0 : phases_.rings.front().size();
  // Barrier groups first: none may be longer than its shortest ring's maximums allow.
  std::vector<Tenths> time(groups, 0), cap(groups, kNoMaximum);
  for (std::size_t b = 0; b < groups; ++b) {
    for (const std::size_t p : phases_.rings.front()[b]) time[b] += decision.split[p];
    for (const auto& ring : phases_.rings) {
      Tenths sum = 0;
      for (const std::size_t p : ring[b]) sum = std::min(kNoMaximum, sum + max_split_[p]);
      cap[b] = std::min(cap[b], sum);
    }
  }
  std::vector<Tenths> target = time;
  Tenths excess = 0;
  for (std::size_t b = 0; b < groups; ++b) {
    if (target[b] > cap[b]) {
      excess += target[b] - cap[b];
      target[b] = cap[b];
    }
  }
  while (excess > 0) {
    std::size_t roomiest = groups;
    for (std::size_t b = 0; b < groups; ++b) {
      if (target[b] < cap[b] && (roomiest == groups || cap[b] - target[b] > cap[roomiest] - target[roomiest])) roomiest = b;
    }
    if (roomiest == groups) return false;
    const Tenths given = std::min(excess, cap[roomiest] - target[roomiest]);
    target[roomiest] += given;
    excess -= given;
  }
  // Then each ring's phases within a group: rescaled to a changed group time, the excess of a phase
  // over its maximum to the phase with most room.
  for (std::size_t b = 0; b < groups; ++b) {
    for (const auto& ring : phases_.rings) {
      if (target[b] != time[b]) {
        std::vector<Tenths> current, minimum;
        for (const std::size_t p : ring[b]) {
          current.push_back(decision.split[p]);
          minimum.push_back(min_split_[p]);
        }
        const auto parts = scaled(current, minimum, target[b]);
        if (!parts) return false;
        for (std::size_t i = 0; i < ring[b].size(); ++i) decision.split[ring[b][i]] = (*parts)[i];
      }
      Tenths over = 0;
      for (const std::size_t p : ring[b]) {
        if (decision.split[p] > max_split_[p]) {
          over += decision.split[p] - max_split_[p];
          decision.split[p] = max_split_[p];
        }
      }
      while (over > 0) {
        std::size_t roomiest = ring[b].size();
        for (std::size_t i = 0; i < ring[b].size(); ++i) {
          const std::size_t p = ring[b][i];
          const Tenths room = max_split_[p] - decision.split[p];
          if (room > 0 && (roomiest == ring[b].size() ||
                           room > max_split_[ring[b][roomiest]] - decision.split[ring[b][roomiest]])) {
            roomiest = i;
          }
        }
        if (roomiest == ring[b].size()) return false;
        const std::size_t p = ring[b][roomiest];
        const Tenths given = std::min(over, max_split_[p] - decision.split[p]);
        decision.split[p] += given;
        over -= given;
      }
    }
  }
  return true;
}

std::vector<SplitMove> SignalSpace::moves(const SignalDecision& decision, Tenths step) const {
  std::vector<SplitMove> result;
  const std::size_t groups = phases_.rings.empty() ? 0 : phases_.rings.front().size();
  for (const auto& ring : phases_.rings) {
    for (const auto& group : ring) {
      for (std::size_t i = 0; i + 1 < group.size(); ++i) {
        result.push_back({{group[i], step}, {group[i + 1], -step}});
        result.push_back({{group[i], -step}, {group[i + 1], step}});
      }
    }
  }
  // Between barrier groups: in each ring, to its busiest phase of one group from the phase with most
  // time to spare in the other.
  const auto busiest = [&](const std::vector<std::size_t>& group) {
    std::size_t best = group.front();
    for (const std::size_t p : group) {
      if (flow_ratio_[p] > flow_ratio_[best]) best = p;
    }
    return best;
  };
  const auto most_spare = [&](const std::vector<std::size_t>& group) {
    std::size_t best = group.front();
    for (const std::size_t p : group) {
      if (decision.split[p] - min_split_[p] > decision.split[best] - min_split_[best]) best = p;
    }
    return best;
  };
  for (std::size_t b = 0; b + 1 < groups; ++b) {
    for (const auto& [to, from] : {std::pair{b, b + 1}, std::pair{b + 1, b}}) {
      SplitMove move;
      for (const auto& ring : phases_.rings) {
        move.emplace_back(busiest(ring[to]), step);
        move.emplace_back(most_spare(ring[from]), -step);
      }
      result.push_back(std::move(move));
    }
  }
  return result;
}

std::optional<SignalDecision> SignalSpace::applied(const SignalDecision& decision, const SplitMove& move) const {
  SignalDecision d = decision;
  for (const auto& [phase, change] : move) d.split[phase] += change;
  for (const auto& [phase, change] : move) {
    if (d.split[phase] < min_split_[phase] || d.split[phase] > max_split_[phase]) return std::nullopt;
  }
  return d;
}

double SignalSpace::max_degree_of_saturation(const SignalDecision& decision) const {
  const double cycle_s = static_cast<double>(decision.cycle) / 10.0;
  std::vector<double> green(decision.split.size());
  for (std::size_t p = 0; p < green.size(); ++p) {
    green[p] = static_cast<double>(decision.split[p]) / 10.0 - phases_.lost_time_s[p];
  }
  double largest = 0;
  for (std::size_t i = 0; i < phases_.groups.size(); ++i) {
    if (group_volume_[i] <= 0 || phases_.group_phase[i] >= decision.split.size()) continue;
    const double capacity = lane_group_capacity_veh_per_h(*model_, phases_, i, movement_volume_, green, cycle_s,
                                                          group_saturation_[i]);
    largest = std::max(largest, hcm::degree_of_saturation(group_volume_[i], capacity));
  }
  return largest;
}

std::optional<Tenths> SignalSpace::green_start(const SignalDecision& decision, std::uint32_t lane_group) const {
  const auto group = std::find(phases_.groups.begin(), phases_.groups.end(), lane_group);
  if (group == phases_.groups.end()) return std::nullopt;
  const std::size_t phase = phases_.group_phase[static_cast<std::size_t>(group - phases_.groups.begin())];
  if (phase >= decision.split.size()) return std::nullopt;
  const Timing t = timing(decision);
  const RingPlan& plan = *t.rings;
  const auto timeline = ring_timeline(plan);
  const Tenths reference = timeline[reference_window(plan, timeline)].start;
  for (const PhaseWindow& window : timeline) {
    if (window.phase == &plan.phases[phase]) {
      return ((window.start - reference) % decision.cycle + decision.cycle) % decision.cycle;
    }
  }
  return std::nullopt;
}

std::vector<int> SignalSpace::phases_at_maximum(const SignalDecision& decision) const {
  std::vector<int> numbers;
  for (std::size_t p = 0; p < decision.split.size(); ++p) {
    if (max_split_[p] != kNoMaximum && decision.split[p] >= max_split_[p]) numbers.push_back(phases_.plan.phases[p].number);
  }
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

double SignalSpace::critical_v_c(const SignalDecision& decision) const {
  return hcm::critical_v_c(critical_y_, static_cast<double>(decision.cycle) / 10.0, critical_lost_s_);
}

}  // namespace itsc::detail

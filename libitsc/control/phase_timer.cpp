// The phase-timer core of the phase-by-phase controllers: the plan checked and compiled, the
// indications from the rings' state.
#include "control/phase_timer.hpp"

#include <algorithm>

#include "control/member_copy.hpp"
#include "itsc/error.hpp"

namespace itsc::detail {

PhaseTimer::PhaseTimer(const RingPlan& plan, const IntersectionLayout& layout, std::size_t batch_size,
                       std::string_view controller_name)
    : controller(controller_name), batch(batch_size), movements(layout.movements) {
  if (batch == 0) reject("batch of 0");
  if (!plan.overlaps.empty()) reject("overlaps are not supported (overlap " + plan.overlaps.front().id + ")");
  if (plan.rings.empty()) reject("no rings");
  groups = plan.rings.front().size();
  if (groups == 0) reject("no barrier groups");
  for (const Phase& p : plan.phases) {
    if (!p.yellow_s || !p.red_clearance_s) {
      reject("phase " + std::to_string(p.number) + " lacks a yellow or red clearance (resolve the timing first)");
    }
    number.push_back(p.number);
    yellow.push_back(to_tenths(*p.yellow_s));
    red.push_back(to_tenths(*p.red_clearance_s));
    walk.push_back(p.walk_s ? to_tenths(*p.walk_s) : 0);
    pedestrian_clearance.push_back(p.pedestrian_clearance_s ? to_tenths(*p.pedestrian_clearance_s) : 0);
  }
  const std::size_t phases = number.size();
  const auto none = static_cast<std::uint32_t>(phases);
  ring_of.assign(phases, none);
  group_of.assign(phases, none);
  position_of.assign(phases, none);
  for (std::size_t r = 0; r < plan.rings.size(); ++r) {
    if (plan.rings[r].size() != groups) reject("rings have different numbers of barrier groups");
    std::vector<std::uint32_t>& ring = sequence.emplace_back();
    for (std::size_t g = 0; g < groups; ++g) {
      for (const int n : plan.rings[r][g]) {
        const std::size_t p = phase_index(n);
        if (p == phases || ring_of[p] != none) reject("phase " + std::to_string(n) + " is undefined or placed twice");
        ring_of[p] = static_cast<std::uint32_t>(r);
        group_of[p] = static_cast<std::uint32_t>(g);
        position_of[p] = static_cast<std::uint32_t>(ring.size());
        ring.push_back(static_cast<std::uint32_t>(p));
      }
    }
    if (ring.empty()) reject("ring " + std::to_string(r + 1) + " has no phases");
  }
  for (std::size_t p = 0; p < phases; ++p) {
    if (ring_of[p] == none) reject("phase " + std::to_string(number[p]) + " is in no ring");
  }

  // The phases serving each movement, protected before permitted within a phase.
  std::vector<std::vector<std::pair<std::uint32_t, bool>>> served(movements.size());
  for (std::size_t p = 0; p < phases; ++p) {
    const Service& serves = plan.phases[p].serves;
    for (const auto& id : serves.protected_movements) served[movement_index(id)].emplace_back(p, true);
    for (const auto& id : serves.permitted_movements) served[movement_index(id)].emplace_back(p, false);
  }
  served_begin.assign(1, 0);
  for (const auto& list : served) {
    for (const auto& [p, is_protected] : list) {
      served_phase.push_back(p);
      served_protected.push_back(is_protected ? 1 : 0);
    }
    served_begin.push_back(static_cast<std::uint32_t>(served_phase.size()));
  }
  // A movement that may turn on red shows red_turn_on_red while red (as the fixed-time tables do).
  turn_on_red.assign(movements.size(), 0);
  for (const auto& id : layout.turn_on_red) turn_on_red[movement_index(id)] = 1;
  crosswalk_phases.resize(layout.crosswalks.size());
  for (std::size_t p = 0; p < phases; ++p) {
    for (const auto& id : plan.phases[p].serves.crosswalks) {
      const auto found = std::find(layout.crosswalks.begin(), layout.crosswalks.end(), id);
      if (found == layout.crosswalks.end()) reject("crosswalk '" + id + "' is not at the intersection");
      crosswalk_phases[static_cast<std::size_t>(found - layout.crosswalks.begin())].push_back(
          static_cast<std::uint32_t>(p));
    }
  }

  const std::size_t rings = sequence.size();
  phase.assign(rings * batch, 0);
  for (std::size_t r = 0; r < rings; ++r) std::fill_n(phase.begin() + static_cast<std::ptrdiff_t>(r * batch), batch, sequence[r].front());
  interval.assign(rings * batch, RingInterval::idle);
  elapsed.assign(rings * batch, 0);
}

void PhaseTimer::reject(const std::string& message) const {
  throw Error(ErrorCode::invalid_input, controller + ": " + message);
}

std::size_t PhaseTimer::phase_index(int n) const noexcept {
  return static_cast<std::size_t>(std::find(number.begin(), number.end(), n) - number.begin());
}

std::uint32_t PhaseTimer::movement_index(const std::string& id) const {
  const auto found = std::find(movements.begin(), movements.end(), id);
  if (found == movements.end()) reject("movement '" + id + "' is not at the intersection");
  return static_cast<std::uint32_t>(found - movements.begin());
}

PhaseStatus PhaseTimer::vehicle_status(std::size_t b) const noexcept {
  PhaseStatus status;
  for (std::size_t p = 0; p < phase_count(); ++p) {
    if (number[p] < 1 || number[p] > 16) continue;
    const auto bit = static_cast<std::uint16_t>(1U << (number[p] - 1));
    const std::size_t i = ring_of[p] * batch + b;
    const RingInterval in_force = phase[i] == p ? interval[i] : RingInterval::idle;
    if (in_force == RingInterval::green) {
      status.greens |= bit;
    } else if (in_force == RingInterval::yellow) {
      status.yellows |= bit;
    } else {
      status.reds |= bit;
    }
  }
  return status;
}

Indication PhaseTimer::shown(std::size_t m, std::size_t b) const noexcept {
  // The indications are ordered red < yellow < permitted < protected: the strongest is the largest.
  Indication best = Indication::red;
  for (auto s = served_begin[m]; s < served_begin[m + 1]; ++s) {
    const std::uint32_t p = served_phase[s];
    const std::size_t i = ring_of[p] * batch + b;
    if (phase[i] != p) continue;
    if (interval[i] == RingInterval::green) {
      best = std::max(best, served_protected[s] != 0 ? Indication::protected_green : Indication::permitted_green);
    } else if (interval[i] == RingInterval::yellow) {
      best = std::max(best, Indication::yellow);
    }
  }
  return best;
}

void PhaseTimer::show(std::size_t b, const SignalCommand& command, bool count) const noexcept {
  for (std::size_t m = 0; m + 1 < served_begin.size(); ++m) {
    const Indication here = shown(m, b);
    const std::size_t k = m * batch + b;
    if (count) {
      if (is_green(here)) ++command.green_tenths[k];
      if (here == Indication::yellow) ++command.yellow_tenths[k];
    } else {
      command.indication[k] = here == Indication::red && turn_on_red[m] != 0 ? Indication::red_turn_on_red : here;
    }
  }
}

bool PhaseTimer::same_plan(const PhaseTimer& other) const noexcept {
  return same_phases(other) && other.sequence == sequence;
}

bool PhaseTimer::same_phases(const PhaseTimer& other) const noexcept {
  return other.number == number && other.ring_of == ring_of && other.group_of == group_of &&
         other.movements.size() == movements.size() && other.crosswalk_phases.size() == crosswalk_phases.size();
}

void PhaseTimer::copy_member(const PhaseTimer& other, std::size_t from, std::size_t to) noexcept {
  copy_member_column(phase, batch, to, other.phase, other.batch, from);
  copy_member_column(interval, batch, to, other.interval, other.batch, from);
  copy_member_column(elapsed, batch, to, other.elapsed, other.batch, from);
}

}  // namespace itsc::detail

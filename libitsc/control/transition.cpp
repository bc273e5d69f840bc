#include "control/transition.hpp"

#include <algorithm>
#include <cmath>

#include "control/proportional_split.hpp"
#include "itsc/ring_plan.hpp"
#include "signal/ring_timeline.hpp"

namespace itsc::detail {

namespace {

Tenths mod(Tenths value, Tenths divisor) { return ((value % divisor) + divisor) % divisor; }

Tenths ceil_div(Tenths a, Tenths b) { return (a + b - 1) / b; }

Tenths clearance(const Phase& phase) {
  return to_tenths(phase.yellow_s.value_or(0.0)) + to_tenths(phase.red_clearance_s.value_or(0.0));
}

// The least green a transition cycle may leave a phase: its min green (kDefaultMinGreenS when it gives
// none), and its walk and pedestrian clearance when it serves a crosswalk; no more than the plan's own
// green (a plan may time a green shorter than the default), a tenth at least.
Tenths least_green(const Phase& phase) {
  Tenths least = to_tenths(phase.min_green_s.value_or(kDefaultMinGreenS));
  if (!phase.serves.crosswalks.empty()) {
    least = std::max(least, to_tenths(phase.walk_s.value_or(0.0) + phase.pedestrian_clearance_s.value_or(0.0)));
  }
  return std::max<Tenths>(1, std::min(least, to_tenths(phase.split_s) - clearance(phase)));
}

// Equal whole-tenth shares of `total` over n cycles.
std::vector<Tenths> spread(Tenths total, Tenths n) {
  std::vector<double> share(static_cast<std::size_t>(n), static_cast<double>(total) / static_cast<double>(n));
  std::vector<Tenths> out(share.size());
  whole_tenths(share, total, out);
  return out;
}

}  // namespace

Tenths shortest_cycle(const Timing& timing) {
  const RingPlan plan = ring_plan_of(timing);
  Tenths total = 0;
  const std::size_t groups = plan.rings.empty() ? 0 : plan.rings.front().size();
  for (std::size_t g = 0; g < groups; ++g) {
    Tenths longest = 0;
    for (const auto& ring : plan.rings) {
      Tenths time = 0;
      for (const int number : ring[g]) {
        for (const Phase& phase : plan.phases) {
          if (phase.number == number) time += least_green(phase) + clearance(phase);
        }
      }
      longest = std::max(longest, time);
    }
    total += longest;
  }
  return total;
}

std::vector<Tenths> transition_cycles(Tenths start, Tenths cycle, Tenths offset, TransitionMethod method,
                                      Tenths shortest) {
  // The new plan's local time at the start: `cut` early, `add` late (add + cut = one cycle).
  const Tenths cut = mod(start - offset, cycle);
  if (cut == 0) return {};
  const Tenths add = cycle - cut;
  const Tenths max_add = std::max<Tenths>(1, static_cast<Tenths>(std::floor(kTransitionMaxLengthen * static_cast<double>(cycle))));
  const Tenths max_cut = std::min(static_cast<Tenths>(std::floor(kTransitionMaxShorten * static_cast<double>(cycle))),
                                  cycle - shortest);
  std::vector<Tenths> lengths;
  if (method == TransitionMethod::dwell) return {cycle + add};
  const Tenths add_cycles = ceil_div(add, max_add);
  const Tenths cut_cycles = max_cut > 0 ? ceil_div(cut, max_cut) : 0;
  // Shortway: the direction with fewer cycles; on a tie the smaller correction; then lengthening.
  const bool shorten = method == TransitionMethod::shortway && cut_cycles > 0 &&
                       (cut_cycles < add_cycles || (cut_cycles == add_cycles && cut < add));
  for (const Tenths share : shorten ? spread(cut, cut_cycles) : spread(add, add_cycles)) {
    lengths.push_back(shorten ? cycle - share : cycle + share);
  }
  return lengths;
}

Timing stretched_timing(const Timing& timing, Tenths length, bool dwell) {
  Timing out = timing;
  out.stages.clear();
  out.rings = ring_plan_of(timing);
  RingPlan& plan = *out.rings;
  const Tenths cycle = to_tenths(timing.cycle_s);
  const Tenths change = length - cycle;
  out.cycle_s = static_cast<double>(length) / 10.0;
  const auto phase_of = [&](int number) -> Phase& {
    return *std::find_if(plan.phases.begin(), plan.phases.end(), [&](const Phase& p) { return p.number == number; });
  };
  if (dwell) {
    // The reference phase dwells in green; in the other rings, the phase running at its start.
    const std::vector<PhaseWindow> timeline = ring_timeline(plan);
    const PhaseWindow& reference = timeline[reference_window(plan, timeline)];
    std::vector<int> dwelling;
    for (const PhaseWindow& window : timeline) {
      if (window.ring == reference.ring ? window.phase == reference.phase
                                        : window.start <= reference.start && reference.start < window.end) {
        dwelling.push_back(window.phase->number);
      }
    }
    for (const int number : dwelling) phase_of(number).split_s += static_cast<double>(change) / 10.0;
    return out;
  }
  // Barrier groups: added time by their length (ring 1's phases), removed time by their slack (time
  // above their longest ring of least greens and clearances), so no group is cut below what it must
  // keep; then each ring's greens within the group.
  const std::size_t groups = plan.rings.front().size();
  std::vector<double> group_weight(groups, 0.0);
  double weight_sum = 0;
  for (std::size_t g = 0; g < groups; ++g) {
    for (const int number : plan.rings.front()[g]) group_weight[g] += phase_of(number).split_s * 10.0;
    if (change < 0) {
      Tenths longest = 0;
      for (const auto& ring : plan.rings) {
        Tenths least = 0;
        for (const int number : ring[g]) least += least_green(phase_of(number)) + clearance(phase_of(number));
        longest = std::max(longest, least);
      }
      group_weight[g] = std::max(0.0, group_weight[g] - static_cast<double>(longest));
    }
    weight_sum += group_weight[g];
  }
  std::vector<double> group_share(groups, 0.0);
  for (std::size_t g = 0; g < groups && weight_sum > 0; ++g) {
    group_share[g] = static_cast<double>(change) * group_weight[g] / weight_sum;
  }
  std::vector<Tenths> group_change(groups);
  whole_tenths(group_share, change, group_change);
  for (const auto& ring : plan.rings) {
    for (std::size_t g = 0; g < groups; ++g) {
      const std::size_t n = ring[g].size();
      std::vector<double> green(n), low(n), high(n), share(n);
      double total = static_cast<double>(group_change[g]);
      for (std::size_t i = 0; i < n; ++i) {
        const Phase& phase = phase_of(ring[g][i]);
        green[i] = static_cast<double>(to_tenths(phase.split_s) - clearance(phase));
        total += green[i];
        // Lengthening keeps every green at least as long; shortening keeps the least green.
        low[i] = change >= 0 ? green[i] : static_cast<double>(least_green(phase));
        high[i] = change >= 0 ? static_cast<double>(length) : green[i];
      }
      proportional_split(total, green, low, high, share);
      std::vector<Tenths> whole(n);
      whole_tenths(share, static_cast<Tenths>(std::llround(total)), whole);
      for (std::size_t i = 0; i < n; ++i) {
        Phase& phase = phase_of(ring[g][i]);
        phase.split_s = static_cast<double>(whole[i] + clearance(phase)) / 10.0;
      }
    }
  }
  return out;
}

}  // namespace itsc::detail

// Phases at their splits: their windows in the cycle, and the offset reference among them.
#include "signal/ring_timeline.hpp"

#include <algorithm>
#include <string>

#include "itsc/error.hpp"

namespace itsc::detail {

namespace {

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorCode::invalid_input, message); }

}  // namespace

std::vector<PhaseWindow> ring_timeline(const RingPlan& plan) {
  std::vector<PhaseWindow> timeline;
  std::vector<Tenths> barriers;  // ring 1's time at the end of each barrier group
  for (std::size_t r = 0; r < plan.rings.size(); ++r) {
    const std::size_t first = timeline.size();
    Tenths t = 0;
    for (std::size_t g = 0; g < plan.rings[r].size(); ++g) {
      for (const int number : plan.rings[r][g]) {
        const auto phase =
            std::find_if(plan.phases.begin(), plan.phases.end(), [&](const Phase& p) { return p.number == number; });
        if (phase == plan.phases.end())
          fail("timing: ring " + std::to_string(r + 1) + " names undefined phase " + std::to_string(number));
        const Tenths split = to_tenths(phase->split_s);
        timeline.push_back(PhaseWindow{&*phase, r, t, t + split, timeline.size() + 1});
        t += split;
      }
      if (r == 0) {
        barriers.push_back(t);
      } else if (g >= barriers.size() || barriers[g] != t) {
        fail("timing: ring " + std::to_string(r + 1) + " does not reach barrier " + std::to_string(g + 1) +
             " with ring 1");
      }
    }
    if (timeline.size() == first) fail("timing: ring " + std::to_string(r + 1) + " has no phase");
    if (r > 0 && plan.rings[r].size() != barriers.size()) fail("timing: rings differ in their barrier groups");
    timeline.back().next = first;
  }
  if (timeline.empty()) fail("timing: the plan has no ring");
  return timeline;
}

std::size_t reference_window(const RingPlan& plan, const std::vector<PhaseWindow>& timeline) {
  std::size_t best = 0;
  bool found = false;
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const bool coordinated = std::find(plan.coordinated_phases.begin(), plan.coordinated_phases.end(),
                                       timeline[i].phase->number) != plan.coordinated_phases.end();
    if (coordinated && (!found || timeline[i].start < timeline[best].start)) {
      best = i;
      found = true;
    }
  }
  return best;
}

}  // namespace itsc::detail

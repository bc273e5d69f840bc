// Patterns in NTCIP 1202 terms: a resolved timing read out as cycle, offset, splits, coordinated phases,
// force-off mode, recalls and per-ring sequence, and a caller's pattern written back into a timing.
#include <itsc/ring_plan.hpp>
#include <itsc/tenths.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "c_api.hpp"

namespace itsc::c_api {

namespace {

// The C enums carry the C++ ones' values.
static_assert(ITSC_RECALL_MIN == static_cast<int>(Recall::min));
static_assert(ITSC_RECALL_MAX == static_cast<int>(Recall::max));
static_assert(ITSC_RECALL_PEDESTRIAN == static_cast<int>(Recall::pedestrian));
static_assert(ITSC_RECALL_SOFT == static_cast<int>(Recall::soft));
static_assert(ITSC_OFFSET_YIELD == static_cast<int>(OffsetReference::yield));
static_assert(ITSC_OFFSET_CYCLE_START == static_cast<int>(OffsetReference::cycle_start));
static_assert(ITSC_FORCE_OFF_FLOATING == static_cast<int>(ForceOff::floating));

constexpr int kPhases = ITSC_PATTERN_PHASES;

int read_reference(int32_t value, OffsetReference& reference, const char* function) {
  if (value < ITSC_OFFSET_GREEN_START || value > ITSC_OFFSET_CYCLE_START) {
    return fail(ITSC_EINVAL, std::string(function) + ": offset_reference " + std::to_string(value) +
                                 " is not an itsc_offset_reference");
  }
  reference = static_cast<OffsetReference>(value);
  return ITSC_OK;
}

std::uint16_t bit(int number) { return static_cast<std::uint16_t>(1u << (number - 1)); }

// The phase numbers of each ring of `plan`, over all its barrier groups, in order.
std::vector<std::vector<int>> ring_sequences(const RingPlan& plan) {
  std::vector<std::vector<int>> sequences;
  for (const auto& groups : plan.rings) {
    std::vector<int>& sequence = sequences.emplace_back();
    for (const auto& group : groups) sequence.insert(sequence.end(), group.begin(), group.end());
  }
  return sequences;
}

// Ring r's phases in the caller's order back into their barrier groups: the same phases, each in its group.
int read_sequence(const itsc_pattern& pattern, std::size_t r, std::vector<std::vector<int>>& groups,
                  const char* function) {
  const std::string ring = "ring " + std::to_string(r + 1);
  std::vector<int> listed;
  for (int k = 0; k < kPhases && pattern.sequence[r][k] != 0; ++k) listed.push_back(pattern.sequence[r][k]);
  std::vector<std::vector<int>> next(groups.size());
  std::size_t previous_group = 0;
  for (const int number : listed) {
    std::size_t group = groups.size();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (std::find(groups[g].begin(), groups[g].end(), number) != groups[g].end()) group = g;
    }
    if (group == groups.size()) {
      return fail(ITSC_EINPUT, std::string(function) + ": sequence of " + ring + ": phase " + std::to_string(number) +
                                   " is not a phase of that ring");
    }
    if (std::find(next[group].begin(), next[group].end(), number) != next[group].end()) {
      return fail(ITSC_EINPUT, std::string(function) + ": sequence of " + ring + ": phase " + std::to_string(number) +
                                   " is listed twice");
    }
    if (group < previous_group) {
      return fail(ITSC_EINPUT, std::string(function) + ": sequence of " + ring + ": phase " + std::to_string(number) +
                                   " belongs to barrier group " + std::to_string(group + 1) + " but follows a phase of group " +
                                   std::to_string(previous_group + 1) +
                                   ": phases change places only within their barrier group");
    }
    previous_group = group;
    next[group].push_back(number);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (const int number : groups[g]) {
      if (std::find(next[g].begin(), next[g].end(), number) == next[g].end()) {
        return fail(ITSC_EINPUT, std::string(function) + ": sequence of " + ring + " leaves out phase " +
                                     std::to_string(number) + " (a pattern cannot omit phases)");
      }
    }
  }
  groups = std::move(next);
  return ITSC_OK;
}

}  // namespace

int write_pattern(const Timing& timing, itsc_pattern* pattern, const char* function) {
  if (int e = require(pattern, function, "pattern")) return e;
  itsc_pattern p = ITSC_PATTERN_INIT;
  if (int e = read_versioned(pattern, p, function, "pattern")) return e;
  OffsetReference reference = OffsetReference::green_start;
  if (int e = read_reference(p.offset_reference, reference, function)) return e;
  const RingPlan plan = ring_plan_of(timing);
  if (plan.rings.size() > ITSC_PATTERN_RINGS) {
    return fail(ITSC_ESTATE, std::string(function) + ": the plan has " + std::to_string(plan.rings.size()) +
                                 " rings, more than a pattern holds (" + std::to_string(ITSC_PATTERN_RINGS) + ")");
  }
  for (const Phase& phase : plan.phases) {
    if (phase.number < 1 || phase.number > kPhases) {
      return fail(ITSC_ESTATE, std::string(function) + ": the plan has phase " + std::to_string(phase.number) +
                                   ": a pattern holds phases 1 to " + std::to_string(kPhases));
    }
  }
  const Tenths cycle = to_tenths(timing.cycle_s);
  p.cycle_tenths = static_cast<int32_t>(cycle);
  const Tenths offset = cycle > 0 ? to_tenths(offset_from_internal(timing, reference, timing.offset_s)) : 0;
  p.offset_tenths = static_cast<int32_t>(cycle > 0 ? (offset % cycle + cycle) % cycle : 0);
  p.phases = 0;
  p.coordinated = 0;
  std::fill(std::begin(p.split_tenths), std::end(p.split_tenths), 0);
  std::fill(std::begin(p.recall), std::end(p.recall), ITSC_RECALL_NONE);
  for (const Phase& phase : plan.phases) {
    p.phases = static_cast<std::uint16_t>(p.phases | bit(phase.number));
    p.split_tenths[phase.number - 1] = static_cast<int32_t>(to_tenths(phase.split_s));
    p.recall[phase.number - 1] = static_cast<int32_t>(phase.recall);
  }
  for (const int number : plan.coordinated_phases) p.coordinated = static_cast<std::uint16_t>(p.coordinated | bit(number));
  p.force_off = static_cast<int32_t>(plan.force_off);
  p.rings = static_cast<uint32_t>(plan.rings.size());
  for (auto& ring : p.sequence) std::fill(std::begin(ring), std::end(ring), std::uint8_t{0});
  const auto sequences = ring_sequences(plan);
  for (std::size_t r = 0; r < sequences.size(); ++r) {
    for (std::size_t k = 0; k < sequences[r].size(); ++k) p.sequence[r][k] = static_cast<std::uint8_t>(sequences[r][k]);
  }
  return write_versioned(pattern, p, function, "pattern");
}

int apply_pattern(const itsc_pattern* pattern, const Scenario& scenario, const std::string& node_id, Timing& timing,
                  const char* function) {
  if (int e = require(pattern, function, "pattern")) return e;
  // What an older, smaller struct leaves out stays as it is.
  itsc_pattern p = ITSC_PATTERN_INIT;
  if (int e = write_pattern(timing, &p, function)) return e;
  if (int e = read_versioned(pattern, p, function, "pattern")) return e;
  OffsetReference reference = OffsetReference::green_start;
  if (int e = read_reference(p.offset_reference, reference, function)) return e;
  if (p.cycle_tenths <= 0 || p.offset_tenths < 0 || p.offset_tenths >= p.cycle_tenths) {
    return fail(ITSC_EINVAL, std::string(function) + ": the cycle must be positive and the offset in [0, cycle), got " +
                                 std::to_string(p.cycle_tenths) + " and " + std::to_string(p.offset_tenths) + " tenths");
  }
  if (p.force_off != ITSC_FORCE_OFF_FIXED && p.force_off != ITSC_FORCE_OFF_FLOATING) {
    return fail(ITSC_EINVAL, std::string(function) + ": force_off " + std::to_string(p.force_off) +
                                 " is not an itsc_force_off");
  }
  Timing next = timing;
  if (!next.rings) {  // resolved timings are in ring form already; a stage plan is its one-ring case
    next.rings = ring_plan_of(next);
    next.stages.clear();
  }
  RingPlan& plan = *next.rings;
  for (int n = 1; n <= kPhases; ++n) {
    const bool given = p.split_tenths[n - 1] != 0 || p.recall[n - 1] != ITSC_RECALL_NONE || (p.coordinated & bit(n)) != 0;
    const bool known = std::any_of(plan.phases.begin(), plan.phases.end(), [&](const Phase& phase) { return phase.number == n; });
    if (given && !known) {
      return fail(ITSC_EINPUT, std::string(function) + ": phase " + std::to_string(n) +
                                   " is not in the plan of node '" + node_id + "' (a pattern cannot add phases)");
    }
    if (p.recall[n - 1] < ITSC_RECALL_NONE || p.recall[n - 1] > ITSC_RECALL_SOFT) {
      return fail(ITSC_EINVAL, std::string(function) + ": recall of phase " + std::to_string(n) + " is " +
                                   std::to_string(p.recall[n - 1]) + ", not an itsc_recall");
    }
  }
  next.cycle_s = p.cycle_tenths / 10.0;
  plan.coordinated_phases.clear();
  for (Phase& phase : plan.phases) {
    phase.split_s = p.split_tenths[phase.number - 1] / 10.0;
    phase.recall = static_cast<Recall>(p.recall[phase.number - 1]);
    if ((p.coordinated & bit(phase.number)) != 0) plan.coordinated_phases.push_back(phase.number);
  }
  plan.force_off = static_cast<ForceOff>(p.force_off);
  for (std::size_t r = 0; r < ITSC_PATTERN_RINGS; ++r) {
    if (r < plan.rings.size()) {
      if (int e = read_sequence(p, r, plan.rings[r], function)) return e;
    } else if (p.sequence[r][0] != 0) {
      return fail(ITSC_EINPUT, std::string(function) + ": the sequence gives ring " + std::to_string(r + 1) +
                                   ", but the plan has " + std::to_string(plan.rings.size()) + " rings");
    }
  }
  // The offset's reference depends on the new splits and order; checked first at 0, which any cycle allows.
  next.offset_s = 0;
  std::vector<Diagnostic> problems = validate_timing(scenario, node_id, next);
  std::erase_if(problems, [](const Diagnostic& d) { return d.severity != Severity::error; });
  if (!problems.empty()) {
    return fail(ITSC_EINPUT, std::string(function) + ": the pattern breaks the rules of a timing of node '" + node_id +
                                 "':\n" + Error(ErrorCode::invalid_input, std::move(problems)).what());
  }
  const double internal = offset_to_internal(next, reference, p.offset_tenths / 10.0);
  next.offset_s = static_cast<double>(to_tenths(internal) % p.cycle_tenths) / 10.0;
  timing = std::move(next);
  return ITSC_OK;
}

int read_transition(int transition, std::optional<TransitionMethod>& method, const char* function) {
  switch (transition) {
    case ITSC_TRANSITION_NOW: method.reset(); return ITSC_OK;
    case ITSC_TRANSITION_SHORTWAY: method = TransitionMethod::shortway; return ITSC_OK;
    case ITSC_TRANSITION_ADD_ONLY: method = TransitionMethod::add_only; return ITSC_OK;
    case ITSC_TRANSITION_DWELL: method = TransitionMethod::dwell; return ITSC_OK;
  }
  return fail(ITSC_EINVAL, std::string(function) + ": transition " + std::to_string(transition) +
                               " is not an itsc_transition");
}

int check_signal(const Model& model, std::size_t signal, const char* function) {
  if (signal < model.signal_count()) return ITSC_OK;
  return fail(ITSC_EINVAL, std::string(function) + ": signal " + std::to_string(signal) + " of " +
                               std::to_string(model.signal_count()));
}

}  // namespace itsc::c_api

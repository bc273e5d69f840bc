// Fixed-time control: interval tables played per member, with plan changes (time-of-day switches and
// `set_plan`) planned ahead as segments of time (docs/signals.md, "Time-of-day schedules").
#include <algorithm>
#include <limits>
#include <string>

#include "control/transition.hpp"
#include "itsc/controller.hpp"
#include "itsc/error.hpp"
#include "itsc/max_pressure.hpp"
#include "itsc/ring_plan.hpp"
#include "signal/ring_timeline.hpp"

namespace itsc {

namespace {

constexpr Tenths kBeginning = std::numeric_limits<Tenths>::min();

Tenths mod(Tenths value, Tenths divisor) { return ((value % divisor) + divisor) % divisor; }

void check_table(const IntervalTable& table, std::size_t movements) {
  if (table.movement_count != movements || table.cycle <= 0 || table.start.empty()) {
    throw Error(ErrorCode::invalid_input, "fixed-time controller: tables of one intersection disagree");
  }
}

}  // namespace

FixedTimeController::FixedTimeController(std::vector<IntervalTable> tables, IntersectionLayout layout)
    : layout_(std::move(layout)) {
  if (tables.empty()) throw Error(ErrorCode::invalid_input, "fixed-time controller: no interval table");
  movements_ = tables.front().movement_count;
  for (IntervalTable& table : tables) {
    check_table(table, movements_);
    Member& member = members_.emplace_back();
    member.segments.push_back({kBeginning, 0, table.offset});
    member.tables.push_back(std::move(table));
  }
}

FixedTimeController::FixedTimeController(std::span<const SignalPlan> plan_per_member, const IntersectionLayout& layout,
                                         std::span<const NodeSwitch> switches)
    : layout_(layout), movements_(layout.movements.size()) {
  if (plan_per_member.empty()) throw Error(ErrorCode::invalid_input, "fixed-time controller: no plan given");
  for (const SignalPlan& plan : plan_per_member) {
    Member& member = members_.emplace_back();
    check_table(plan.table, movements_);
    member.tables.push_back(plan.table);
    member.timings.push_back(plan.timing);
    member.segments.push_back({kBeginning, 0, plan.table.offset});
    for (const NodeSwitch& next : switches) switch_to(member, next.at, next.plan, next.method, next.pattern);
  }
}

void FixedTimeController::switch_to(Member& member, Tenths at, const SignalPlan& plan, TransitionMethod method,
                                    const std::string& pattern) {
  check_table(plan.table, movements_);
  // The switch takes effect at the running plan's next cycle start (not before the last transition
  // has ended: the last segment's begin).
  const Segment running = member.segments.back();
  const Tenths cycle = member.tables[running.table].cycle;
  const Tenths requested = std::max(at, running.begin);
  const Tenths start = requested + mod(running.anchor - requested, cycle);
  const std::size_t target = member.tables.size();
  const Tenths plan_cycle = plan.table.cycle;
  const Tenths plan_offset = plan.table.offset;
  member.tables.push_back(plan.table);
  if (!member.timings.empty()) member.timings.push_back(plan.timing);
  const std::vector<Tenths> lengths =
      detail::transition_cycles(start, plan_cycle, plan_offset, method, detail::shortest_cycle(plan.timing));
  TransitionPeriod period;
  period.pattern = pattern;
  period.method = method;
  period.requested_s = static_cast<double>(at) / 10.0;
  period.start_s = static_cast<double>(start) / 10.0;
  period.cycles = static_cast<int>(lengths.size());
  Tenths t = start;
  for (const Tenths length : lengths) {
    Timing stretched = detail::stretched_timing(plan.timing, length, method == TransitionMethod::dwell);
    member.tables.push_back(compile_interval_table(stretched, layout_.movements, layout_.crosswalks, layout_.turn_on_red));
    if (!member.timings.empty()) member.timings.push_back(std::move(stretched));
    member.segments.push_back({t, member.tables.size() - 1, t});
    period.correction_s += static_cast<double>(length - plan_cycle) / 10.0;
    t += length;
  }
  member.segments.push_back({t, target, plan_offset});
  period.end_s = static_cast<double>(t) / 10.0;
  member.transitions.push_back(period);
}

bool FixedTimeController::set_plan(std::size_t b, const SignalPlan& plan, Tenths now,
                                   std::optional<TransitionMethod> method) {
  if (b >= members_.size() || plan.table.movement_count != movements_ || plan.table.cycle <= 0) return false;
  Member& member = members_[b];
  // What has not begun by `now` is replaced.
  std::erase_if(member.transitions, [&](const TransitionPeriod& period) { return to_tenths(period.start_s) > now; });
  if (!method) {
    // At once: the history before `now` is not needed again (time only moves forward), so the member
    // keeps one table and one segment and reuses their storage.
    member.tables.resize(1);
    member.tables.front() = plan.table;
    if (!member.timings.empty()) {
      member.timings.resize(1);
      member.timings.front() = plan.timing;  // the same structure: its storage is reused
    }
    member.segments.resize(1);
    member.segments.front() = {kBeginning, 0, plan.table.offset};
    member.segment = 0;
    member.interval = 0;
    return true;
  }
  while (member.segments.size() > 1 && member.segments.back().begin > now) member.segments.pop_back();
  member.segment = 0;
  switch_to(member, now, plan, *method, {});
  return true;
}

const FixedTimeController::Segment& FixedTimeController::segment_at(const Member& member, Tenths t) const noexcept {
  const auto after = std::upper_bound(member.segments.begin(), member.segments.end(), t,
                                      [](Tenths time, const Segment& segment) { return time < segment.begin; });
  return *(after - 1);
}

const IntervalTable& FixedTimeController::table_at(Tenths t, std::size_t b, Tenths& local) const noexcept {
  const Member& member = members_[b];
  const Segment& segment = segment_at(member, t);
  const IntervalTable& table = member.tables[segment.table];
  local = mod(t - segment.anchor, table.cycle);
  return table;
}

void FixedTimeController::step(Tenths start, Tenths length, const Observation& /*observation*/,
                               const SignalCommand& command) noexcept {
  now_ = start + length;
  const std::size_t batch = members_.size();
  for (std::size_t b = 0; b < batch; ++b) {
    Member& member = members_[b];
    for (std::size_t m = 0; m < movements_; ++m) {
      command.green_tenths[m * batch + b] = 0;
      command.yellow_tenths[m * batch + b] = 0;
    }
    // The segment hint follows time forward; search only when time jumped.
    std::size_t s = member.segment;
    const auto holds = [&](std::size_t k, Tenths t) {
      return member.segments[k].begin <= t && (k + 1 == member.segments.size() || t < member.segments[k + 1].begin);
    };
    if (s >= member.segments.size() || !holds(s, start)) {
      s = static_cast<std::size_t>(&segment_at(member, start) - member.segments.data());
    }
    member.segment = s;
    if (!holds(s, start + length - 1)) {
      // The step crosses into the next segment's table: a tenth at a time.
      for (Tenths t = start; t < start + length; ++t) {
        Tenths local = 0;
        const IntervalTable& table = table_at(t, b, local);
        const std::size_t i = table.interval_at(local);
        for (std::size_t m = 0; m < movements_; ++m) {
          const Indication shown = table.indication(i, m);
          if (is_green(shown)) ++command.green_tenths[m * batch + b];
          if (shown == Indication::yellow) ++command.yellow_tenths[m * batch + b];
        }
      }
      Tenths local = 0;
      const IntervalTable& table = table_at(start + length - 1, b, local);
      const std::size_t i = table.interval_at(local);
      for (std::size_t m = 0; m < movements_; ++m) command.indication[m * batch + b] = table.indication(i, m);
      member.interval = i;
      continue;
    }
    const Segment& segment = member.segments[s];
    const IntervalTable& table = member.tables[segment.table];
    Tenths local = mod(start - segment.anchor, table.cycle);
    // The interval hint follows time forward too.
    std::size_t i = member.interval;
    if (i >= table.interval_count() || local < table.start[i] || local >= table.end(i)) i = table.interval_at(local);
    // Walk the intervals the step overlaps, adding each one's share to green or yellow.
    Tenths remaining = length;
    std::size_t last = i;
    while (remaining > 0) {
      const Tenths piece = std::min(remaining, table.end(i) - local);
      for (std::size_t m = 0; m < movements_; ++m) {
        const Indication shown = table.indication(i, m);
        if (is_green(shown)) {
          command.green_tenths[m * batch + b] += static_cast<std::int32_t>(piece);
        } else if (shown == Indication::yellow) {
          command.yellow_tenths[m * batch + b] += static_cast<std::int32_t>(piece);
        }
      }
      last = i;
      remaining -= piece;
      local += piece;
      if (local >= table.end(i)) {
        i = i + 1 < table.interval_count() ? i + 1 : 0;
        if (local >= table.cycle) local = 0;
      }
    }
    // The indication shown in the step's last tenth.
    for (std::size_t m = 0; m < movements_; ++m) command.indication[m * batch + b] = table.indication(last, m);
    member.interval = i;
  }
}

std::unique_ptr<Controller> FixedTimeController::clone() const { return std::make_unique<FixedTimeController>(*this); }

bool FixedTimeController::copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept {
  const auto* other = dynamic_cast<const FixedTimeController*>(&source);
  if (other == nullptr || other->movements_ != movements_ || from >= other->members_.size() || to >= members_.size()) {
    return false;
  }
  members_[to].segment = 0;
  members_[to].interval = 0;
  return true;
}

std::string controller_names_text() {
  std::string text;
  for (const std::string_view name : kControllerNames) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

std::unique_ptr<Controller> make_controller(std::span<const Timing> timing_per_member,
                                            const IntersectionLayout& layout, std::span<const NodeSwitch> switches) {
  if (timing_per_member.empty()) throw Error(ErrorCode::invalid_input, "controller: no timing given");
  const std::string& name = timing_per_member.front().controller;
  for (const Timing& timing : timing_per_member) {
    if (timing.controller != name) {
      throw Error(ErrorCode::invalid_input, "controller: batch members name different controllers");
    }
  }
  if (name == "actuated" || name == "max-pressure" || name == "max-pressure-cycle") {
    for (const Timing& timing : timing_per_member) {
      if (timing != timing_per_member.front()) {
        throw Error(ErrorCode::invalid_input, name + " controller: batch members must share one timing");
      }
    }
    const std::size_t batch = timing_per_member.size();
    if (name == "actuated") return std::make_unique<ActuatedController>(timing_per_member.front(), layout, batch);
    const auto mode = name == "max-pressure" ? MaxPressureMode::acyclic : MaxPressureMode::cycle;
    return std::make_unique<MaxPressureController>(timing_per_member.front(), layout, batch, mode);
  }
  if (name != "fixed") {
    throw Error(ErrorCode::invalid_input,
                "controller '" + name + "' is not available (known: " + controller_names_text() + ")");
  }
  std::vector<SignalPlan> plans;
  for (const Timing& timing : timing_per_member) plans.push_back(compile_signal_plan(timing, layout));
  return std::make_unique<FixedTimeController>(plans, layout, switches);
}

bool FixedTimeController::phase_status(std::size_t b, PhaseStatus& status) const noexcept {
  if (b >= members_.size() || members_[b].timings.empty()) return false;
  try {
    // The tenth from the end of the last step, in the cycle of the table in force (from ring 1's first phase).
    const Member& member = members_[b];
    const Tenths t = now_;
    const Segment& segment = segment_at(member, t);
    const IntervalTable& table = member.tables[segment.table];
    const RingPlan plan = ring_plan_of(member.timings[segment.table]);
    const auto timeline = detail::ring_timeline(plan);
    const Tenths reference = timeline[detail::reference_window(plan, timeline)].start;
    const Tenths now = mod(mod(t - segment.anchor, table.cycle) + reference, table.cycle);
    status = PhaseStatus{};
    for (const detail::PhaseWindow& window : timeline) {
      const Phase& phase = *window.phase;
      if (phase.number < 1 || phase.number > 16) continue;
      const auto bit = static_cast<std::uint16_t>(1U << (phase.number - 1));
      const Tenths red_start = window.end - to_tenths(phase.red_clearance_s.value_or(0));
      const Tenths yellow_start = red_start - to_tenths(phase.yellow_s.value_or(0));
      const bool inside = now >= window.start && now < window.end;
      if (inside && now < yellow_start) {
        status.greens |= bit;
      } else if (inside && now < red_start) {
        status.yellows |= bit;
      } else {
        status.reds |= bit;
      }
      if (phase.serves.crosswalks.empty()) continue;
      // Walk from the start of green, then the pedestrian clearance, both cut at the yellow.
      const Tenths walk_end = std::min(yellow_start, window.start + to_tenths(phase.walk_s.value_or(0)));
      const Tenths clear_end =
          std::min(yellow_start, walk_end + to_tenths(phase.pedestrian_clearance_s.value_or(0)));
      if (inside && now < walk_end) {
        status.walks |= bit;
      } else if (inside && now < clear_end) {
        status.pedestrian_clears |= bit;
      } else {
        status.dont_walks |= bit;
      }
    }
    return true;
  } catch (...) {
    return false;  // no memory for the timeline: no answer
  }
}

}  // namespace itsc

// Fixed-time control following a time-of-day schedule (docs/signals.md, "Time-of-day schedules"):
// every switch is planned when the controller is built; `step` plays the precomputed tables.
#include <algorithm>
#include <cmath>
#include <limits>

#include "control/transition.hpp"
#include "itsc/error.hpp"
#include "itsc/ring_plan.hpp"
#include "itsc/scenario.hpp"
#include "itsc/schedule.hpp"
#include "util/enum_names.hpp"

namespace itsc {

namespace {

constexpr detail::EnumNames<TransitionMethod, 3> kMethodNames{{
    {TransitionMethod::shortway, "shortway"},
    {TransitionMethod::add_only, "add_only"},
    {TransitionMethod::dwell, "dwell"},
}};

Tenths mod(Tenths value, Tenths divisor) { return ((value % divisor) + divisor) % divisor; }

}  // namespace

std::string_view to_string(TransitionMethod method) noexcept { return detail::name_of(kMethodNames, method); }
std::optional<TransitionMethod> parse_transition_method(std::string_view text) noexcept {
  return detail::value_of(kMethodNames, text);
}

double schedule_time_s(double at_s, double start_time_s) noexcept {
  constexpr double kDay = 24 * 3600;
  const double t = std::fmod(at_s - start_time_s, kDay);
  return t < 0 ? t + kDay : t;
}

std::vector<NodeSwitch> node_switches(const Scenario& scenario, const std::string& node) {
  std::vector<NodeSwitch> switches;
  const Node* place = scenario.network.find_node(node);
  for (const ScheduleEntry& entry : scenario.schedule) {
    const auto pattern = scenario.patterns.find(entry.pattern);
    if (pattern == scenario.patterns.end() || place == nullptr) continue;  // validation reports it
    const auto timing = pattern->second.timing.find(node);
    if (timing == pattern->second.timing.end()) continue;
    NodeSwitch next;
    next.at = to_tenths(schedule_time_s(entry.at_s, scenario.simulation.start_time_s));
    next.timing = resolve_timing(timing->second, *place, scenario.network);
    next.pattern = entry.pattern;
    next.method = entry.transition;
    switches.push_back(std::move(next));
  }
  return switches;
}

ScheduledController::ScheduledController(const std::vector<Timing>& base, const std::vector<NodeSwitch>& switches,
                                         const IntersectionLayout& layout)
    : movements_(layout.movements.size()) {
  if (base.empty()) throw Error(ErrorCode::invalid_input, "scheduled controller: no timing given");
  const auto compile = [&](const Timing& timing) {
    return compile_interval_table(timing, layout.movements, layout.crosswalks, layout.turn_on_red);
  };
  for (const Timing& first : base) {
    Member& member = members_.emplace_back();
    member.tables.push_back(compile(first));
    member.segments.push_back({std::numeric_limits<Tenths>::min(), 0, member.tables.back().offset});
    Tenths ready = std::numeric_limits<Tenths>::min();  // the previous transition's end
    for (const NodeSwitch& next : switches) {
      // The switch takes effect at the current plan's next cycle start (not before the last
      // transition has ended).
      const Segment& running = member.segments.back();
      const Tenths cycle = member.tables[running.table].cycle;
      const Tenths requested = std::max(next.at, ready);
      const Tenths start = requested + mod(running.anchor - requested, cycle);
      const std::size_t target = member.tables.size();
      member.tables.push_back(compile(next.timing));
      // Copied, not referenced: the transition tables pushed below reallocate `tables`.
      const Tenths plan_cycle = member.tables.back().cycle;
      const std::vector<Tenths> lengths = detail::transition_cycles(
          start, plan_cycle, member.tables.back().offset, next.method, detail::shortest_cycle(next.timing));
      TransitionPeriod period;
      period.pattern = next.pattern;
      period.method = next.method;
      period.requested_s = static_cast<double>(next.at) / 10.0;
      period.start_s = static_cast<double>(start) / 10.0;
      period.cycles = static_cast<int>(lengths.size());
      Tenths t = start;
      for (const Tenths length : lengths) {
        member.tables.push_back(
            compile(detail::stretched_timing(next.timing, length, next.method == TransitionMethod::dwell)));
        member.segments.push_back({t, member.tables.size() - 1, t});
        period.correction_s += static_cast<double>(length - plan_cycle) / 10.0;
        t += length;
      }
      member.segments.push_back({t, target, member.tables[target].offset});
      period.end_s = static_cast<double>(t) / 10.0;
      member.transitions.push_back(period);
      ready = t;
    }
    for (const IntervalTable& table : member.tables) {
      if (table.movement_count != movements_) {
        throw Error(ErrorCode::invalid_input, "scheduled controller: tables of one intersection disagree");
      }
    }
  }
}

const IntervalTable& ScheduledController::table_at(Tenths t, std::size_t b, Tenths& local) const noexcept {
  const Member& member = members_[b];
  const auto after = std::upper_bound(member.segments.begin(), member.segments.end(), t,
                                      [](Tenths time, const Segment& segment) { return time < segment.begin; });
  const Segment& segment = *(after - 1);
  const IntervalTable& table = member.tables[segment.table];
  local = mod(t - segment.anchor, table.cycle);
  return table;
}

void ScheduledController::step(Tenths start, Tenths length, const Observation& /*observation*/,
                               const SignalCommand& command) noexcept {
  const std::size_t batch = members_.size();
  for (std::size_t b = 0; b < batch; ++b) {
    for (std::size_t m = 0; m < movements_; ++m) {
      command.green_tenths[m * batch + b] = 0;
      command.yellow_tenths[m * batch + b] = 0;
    }
    // A tenth at a time: a step may cross from one segment's table into the next.
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
    // The indication shown in the step's last tenth (as the fixed-time controller's).
    Tenths local = 0;
    const IntervalTable& table = table_at(start + length - 1, b, local);
    const std::size_t i = table.interval_at(local);
    for (std::size_t m = 0; m < movements_; ++m) command.indication[m * batch + b] = table.indication(i, m);
  }
}

}  // namespace itsc

namespace itsc {
std::unique_ptr<Controller> ScheduledController::clone() const { return std::make_unique<ScheduledController>(*this); }
bool ScheduledController::copy_member(const Controller&, std::size_t, std::size_t) noexcept { return false; }
}  // namespace itsc

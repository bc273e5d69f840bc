// Fully actuated NEMA control (docs/signals.md, "Actuated operation").
#include <algorithm>
#include <cmath>
#include <string>

#include "control/actuated_state.hpp"
#include "control/member_copy.hpp"
#include "itsc/controller.hpp"
#include "itsc/error.hpp"
#include "itsc/ring_plan.hpp"
#include "signal/ring_timeline.hpp"

namespace itsc {

ActuatedController::State::State(const Timing& timing, const IntersectionLayout& layout, std::size_t batch)
    : layout_(std::make_shared<const IntersectionLayout>(layout)),
      timer_(ring_plan_of(timing), layout, batch, "actuated controller"), batch_(batch),
      movement_count_(layout.movements.size()) {
  const RingPlan plan = ring_plan_of(timing);
  for (const Phase& phase : plan.phases) {
    const Tenths yellow = to_tenths(*phase.yellow_s);
    const Tenths red = to_tenths(*phase.red_clearance_s);
    const Tenths max1 = phase.max1_s ? to_tenths(*phase.max1_s) : std::max<Tenths>(1, to_tenths(phase.split_s) - yellow - red);
    const Tenths min_green =
        phase.min_green_s ? to_tenths(*phase.min_green_s) : std::min(to_tenths(kDefaultMinGreenS), max1);
    min_green_.push_back(std::max<Tenths>(1, min_green));
    max1_.push_back(std::max(max1, min_green_.back()));
    max2_.push_back(phase.max2_s ? std::max(to_tenths(*phase.max2_s), min_green_.back()) : max1_.back());
    passage_.push_back(phase.passage_s ? std::max<Tenths>(1, to_tenths(*phase.passage_s)) : 30);
    // Volume-density: without a minimum gap the passage time is not reduced.
    minimum_gap_.push_back(phase.minimum_gap_s ? std::clamp<Tenths>(to_tenths(*phase.minimum_gap_s), 1, passage_.back())
                                               : passage_.back());
    reduce_after_.push_back(phase.time_before_reduction_s ? to_tenths(*phase.time_before_reduction_s) : 0);
    reduce_over_.push_back(phase.time_to_reduce_s ? to_tenths(*phase.time_to_reduce_s) : 0);
    added_initial_s_.push_back(phase.added_initial_s.value_or(0.0));
    dual_entry_.push_back(phase.dual_entry ? 1 : 0);
    rest_in_walk_.push_back(phase.rest_in_walk ? 1 : 0);
    simultaneous_gap_.push_back(phase.simultaneous_gap_out ? 1 : 0);
    recall_.push_back(phase.recall);
  }
  auto phases_of = [&](const std::vector<std::vector<int>>& lists, std::size_t d) {
    std::vector<std::size_t> result;
    if (d >= lists.size()) return result;
    for (const int number : lists[d]) {
      const std::size_t p = timer_.phase_index(number);
      if (p == timer_.phase_count()) {
        timer_.reject("detector '" + layout.detectors[d] + "' names phase " + std::to_string(number) + ", not in the plan");
      }
      result.push_back(p);
    }
    return result;
  };
  for (std::size_t d = 0; d < layout.detectors.size(); ++d) {
    calls_.push_back(phases_of(layout.detector_calls, d));
    extends_.push_back(phases_of(layout.detector_extends, d));
    delay_.push_back(d < layout.detector_delay_s.size() ? to_tenths(layout.detector_delay_s[d]) : 0);
    extend_.push_back(d < layout.detector_extend_s.size() ? to_tenths(layout.detector_extend_s[d]) : 0);
  }
  coordinate(timing, plan);
  extended_.assign(timer_.phase_count(), 0);
  extension_.assign(timer_.phase_count(), 0.0);
  ready_.assign(timer_.ring_count(), 0);
  call_.assign(timer_.phase_count() * batch_, 0);
  gap_.assign(timer_.phase_count() * batch_, 0);
  const std::size_t rings = timer_.ring_count();
  max_elapsed_.assign(rings * batch_, 0);
  gapped_out_.assign(rings * batch_, 0);
  min_now_.assign(rings * batch_, 0);
  initial_veh_.assign(timer_.phase_count() * batch_, 0.0);
  pedestrian_call_.assign(timer_.phase_count() * batch_, 0);
  walk_left_.assign(rings * batch_, 0);
  clearance_left_.assign(rings * batch_, 0);
  max2_selected_.assign(batch_, 0);
  present_.assign(layout.detectors.size() * batch_, 0);
  carry_.assign(layout.detectors.size() * batch_, 0);
  group_.assign(batch_, 0);
  // Start-up: every ring green in its first phase of barrier group 1.
  for (std::size_t b = 0; b < batch_; ++b) {
    for (std::size_t r = 0; r < rings; ++r) {
      if (timer_.group_of[timer_.sequence[r].front()] == 0) start_green(r, b, 0);
    }
  }
}

void ActuatedController::State::coordinate(const Timing& timing, const RingPlan& plan) {
  // Coordinated-actuated when the plan names coordinated phases: the splits give each phase its
  // force-off in the cycle, counted from the reference's yield point (docs/signals.md).
  coordinated_phase_.assign(timer_.phase_count(), 0);
  force_off_.assign(timer_.phase_count(), 0);
  split_green_.assign(timer_.phase_count(), 0);
  served_cycle_.assign(timer_.phase_count() * batch_, -1);
  if (plan.coordinated_phases.empty()) return;
  cycle_ = to_tenths(timing.cycle_s);
  if (cycle_ <= 0) timer_.reject("a coordinated plan needs a cycle");
  const auto timeline = detail::ring_timeline(plan);
  const auto& reference = timeline[detail::reference_window(plan, timeline)];
  const auto index = [&](int number) {
    return static_cast<std::size_t>(std::find(timer_.number.begin(), timer_.number.end(), number) - timer_.number.begin());
  };
  const std::size_t ref = index(reference.phase->number);
  // Local zero is the reference's start of green; its yield point ends its split's green.
  const Tenths reference_green = reference.end - reference.start - timer_.yellow[ref] - timer_.red[ref];
  yield_ = to_tenths(timing.offset_s) + reference_green;
  coordinated_window_ = cycle_ - reference_green;
  for (const auto& window : timeline) {
    const std::size_t p = index(window.phase->number);
    split_green_[p] = window.end - window.start - timer_.yellow[p] - timer_.red[p];
    const Tenths green_end = window.end - timer_.yellow[p] - timer_.red[p] - reference.start;  // local time
    force_off_[p] = ((green_end - reference_green) % cycle_ + cycle_) % cycle_;
    coordinated_phase_[p] = std::find(plan.coordinated_phases.begin(), plan.coordinated_phases.end(),
                                      timer_.number[p]) != plan.coordinated_phases.end() ? 1 : 0;
  }
  floating_ = plan.force_off == ForceOff::floating;
}

Tenths ActuatedController::State::since_yield(Tenths now) const noexcept {
  return ((now - yield_) % cycle_ + cycle_) % cycle_;
}

Tenths ActuatedController::State::cycle_number(Tenths now) const noexcept {
  const Tenths shifted = now - yield_;
  return shifted >= 0 ? shifted / cycle_ : -((-shifted + cycle_ - 1) / cycle_);
}

bool ActuatedController::State::may_start(std::size_t p, std::size_t b, Tenths now) const noexcept {
  // Permissive: a non-coordinated phase starts once a cycle (counted from the yield point), and only
  // if its min green fits before its force-off.
  if (cycle_ == 0 || coordinated_phase_[p] != 0) return true;
  return served_cycle_[p * batch_ + b] != cycle_number(now) && since_yield(now) + min_green_[p] <= force_off_[p];
}

bool ActuatedController::State::servable_call(std::size_t b, Tenths now) const noexcept {
  for (std::size_t p = 0; p < timer_.phase_count(); ++p) {
    if (call_[p * batch_ + b] != 0 && coordinated_phase_[p] == 0 && may_start(p, b, now)) return true;
  }
  return false;
}

bool ActuatedController::State::phase_green(int number, std::size_t b) const noexcept {
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
    const std::size_t i = r * batch_ + b;
    if (timer_.interval[i] == Interval::green && timer_.number[timer_.phase[i]] == number) return true;
  }
  return false;
}

void ActuatedController::State::start_green(std::size_t r, std::size_t b, std::size_t position) noexcept {
  const std::size_t i = r * batch_ + b;
  const std::uint32_t p = timer_.sequence[r][position];
  timer_.start_green(r, b, p);
  max_elapsed_[i] = 0;
  gapped_out_[i] = 0;
  gap_[p * batch_ + b] = 0;
  call_[p * batch_ + b] = 0;
  // Volume-density added initial: the vehicles counted while the phase was not green, each adding
  // `added_initial_s` of minimum green, up to the maximum in force.
  const double added = added_initial_s_[p] * initial_veh_[p * batch_ + b] * 10.0;
  const Tenths initial = static_cast<Tenths>(std::min(std::ceil(added - 1e-9), static_cast<double>(maximum(p, b))));
  min_now_[i] = std::max(min_green_[p], initial);
  if (cycle_ != 0) served_cycle_[p * batch_ + b] = cycle_number(now_);
  // A waiting pedestrian gets walk, then flashing don't walk, from the start of green.
  const bool pedestrian = pedestrian_call_[p * batch_ + b] != 0;
  walk_left_[i] = pedestrian ? timer_.walk[p] : 0;
  clearance_left_[i] = pedestrian ? timer_.pedestrian_clearance[p] : 0;
  pedestrian_call_[p * batch_ + b] = 0;
  initial_veh_[p * batch_ + b] = 0.0;
}

bool ActuatedController::State::kept_gap_out(std::size_t p, std::size_t i) const noexcept {
  return simultaneous_gap_[p] == 0 && gapped_out_[i] != 0;
}

Tenths ActuatedController::State::maximum(std::size_t p, std::size_t b) const noexcept {
  return max2_selected_[b] != 0 ? max2_[p] : max1_[p];
}

Tenths ActuatedController::State::passage_now(std::size_t p, Tenths conflict_green) const noexcept {
  // Gap reduction: from the passage time down to the minimum gap, linearly over the time to reduce,
  // after the time before reduction (both counted while a conflicting call waits).
  if (minimum_gap_[p] >= passage_[p] || conflict_green <= reduce_after_[p]) return passage_[p];
  const Tenths into = conflict_green - reduce_after_[p];
  if (into >= reduce_over_[p]) return minimum_gap_[p];
  const Tenths drop = passage_[p] - minimum_gap_[p];
  return passage_[p] - static_cast<Tenths>(static_cast<std::int64_t>(drop) * into / reduce_over_[p]);
}

void ActuatedController::State::select_max2(std::size_t b, bool selected) noexcept {
  if (b < batch_) max2_selected_[b] = selected ? 1 : 0;
}

bool ActuatedController::State::any_call_except_green(std::size_t b) const noexcept {
  // Calls of green phases are cleared each tick, so any call left is a conflicting one.
  for (std::size_t p = 0; p < timer_.phase_count(); ++p) {
    if (call_[p * batch_ + b] != 0) return true;
  }
  return false;
}

bool ActuatedController::State::ends_at_barrier(std::size_t r, std::size_t b) const noexcept {
  // No later phase of the ring in the current barrier group has a call: the ring goes to the barrier.
  for (std::size_t pos = timer_.position_of[timer_.phase[r * batch_ + b]] + 1; pos < timer_.sequence[r].size(); ++pos) {
    const std::size_t q = timer_.sequence[r][pos];
    if (timer_.group_of[q] == group_[b] && call_[q * batch_ + b] != 0) return false;
  }
  return true;
}

void ActuatedController::State::find_ready(std::size_t b, bool conflicting) noexcept {
  // Simultaneous gap-out: a ring is ready to cross when it waits at the barrier, clears its last phase
  // before it, or times a last phase that is gapped out or maxed out (and past min green and its
  // pedestrian service) in this tenth, counted as the green case of `tick` will count it.
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
    const std::size_t i = r * batch_ + b;
    const std::size_t p = timer_.phase[i];
    bool ready = timer_.interval[i] == Interval::idle || ends_at_barrier(r, b);
    if (timer_.interval[i] == Interval::green && ready) {
      const Tenths gap = extended_[p] != 0 ? 0 : gap_[p * batch_ + b] + 1;
      const Tenths max_elapsed = max_elapsed_[i] + (conflicting ? 1 : 0);
      const bool gapped_out = (gap >= passage_now(p, max_elapsed) || kept_gap_out(p, i)) && recall_[p] != Recall::max;
      ready = timer_.elapsed[i] + 1 >= min_now_[i] && (gapped_out || max_elapsed >= maximum(p, b)) &&
              walk_left_[i] + clearance_left_[i] <= 1;
    }
    ready_[r] = ready ? 1 : 0;
  }
}

void ActuatedController::State::cross_barrier(std::size_t b, Tenths now) noexcept {
  // The next barrier group (cyclically, the current one last) with a call; each ring starts at its
  // first called phase there. Without any call the rings rest in red.
  for (std::size_t k = 1; k <= timer_.groups; ++k) {
    const std::size_t g = (group_[b] + k) % timer_.groups;
    bool started = false;
    for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
      for (std::size_t pos = 0; pos < timer_.sequence[r].size(); ++pos) {
        const std::size_t p = timer_.sequence[r][pos];
        if (timer_.group_of[p] == g && call_[p * batch_ + b] != 0 && may_start(p, b, now)) {
          start_green(r, b, pos);
          started = true;
          break;
        }
      }
    }
    if (started) {
      // Dual entry: a ring without a call in the new group enters its dual-entry phase there.
      for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
        if (timer_.interval[r * batch_ + b] != Interval::idle) continue;
        for (std::size_t pos = 0; pos < timer_.sequence[r].size(); ++pos) {
          const std::size_t p = timer_.sequence[r][pos];
          if (timer_.group_of[p] == g && dual_entry_[p] != 0 && may_start(p, b, now)) {
            start_green(r, b, pos);
            break;
          }
        }
      }
      group_[b] = g;
      return;
    }
  }
}

void ActuatedController::State::find_extensions(std::size_t b, Tenths length, const Observation& observation) noexcept {
  // A phase is extended while its extend detectors together see actuations closer than its passage
  // time: Σ (flow · P + occupancy) ≥ 1 (docs/signals.md, "Extension and gap-out").
  std::fill(extension_.begin(), extension_.end(), 0.0);
  const double step_s = static_cast<double>(length) / 10.0;
  for (std::size_t d = 0; d < extends_.size(); ++d) {
    const std::size_t at = d * batch_ + b;
    const double flow = at < observation.detector_count.size() ? observation.detector_count[at] / step_s : 0.0;
    double occupancy = at < observation.detector_occupancy.size() ? observation.detector_occupancy[at] : 0.0;
    // Extend (carry-over): the actuation is stretched extend_s past the last step with a vehicle present.
    const bool present = at < observation.detector_call.size() && observation.detector_call[at] > 0.5;
    if (!present && carry_[at] > 0) occupancy = 1.0;
    carry_[at] = present ? extend_[d] : std::max<Tenths>(0, carry_[at] - length);
    for (const std::size_t p : extends_[d]) {
      const Tenths passage = passage_now(p, max_elapsed_[timer_.ring_of[p] * batch_ + b]);
      extension_[p] += flow * static_cast<double>(passage) / 10.0 + occupancy;
    }
  }
  for (std::size_t p = 0; p < timer_.phase_count(); ++p) extended_[p] = extension_[p] >= 1.0 ? 1 : 0;
}

void ActuatedController::State::count_initial(std::size_t b, const Observation& observation) noexcept {
  // Vehicles on a phase's calling detectors while it is not green (for the added initial).
  for (std::size_t d = 0; d < calls_.size(); ++d) {
    const std::size_t at = d * batch_ + b;
    if (at >= observation.detector_count.size()) continue;
    for (const std::size_t p : calls_[d]) {
      if (added_initial_s_[p] > 0 && !phase_green(timer_.number[p], b)) initial_veh_[p * batch_ + b] += observation.detector_count[at];
    }
  }
}

void ActuatedController::State::tick(std::size_t b, const Observation& observation, Tenths now) noexcept {
  now_ = now;
  const std::size_t phases = timer_.phase_count();
  const std::size_t rings = timer_.ring_count();
  // Calls: recalls, then detectors (a detector calling in this tenth places its calls and, on a
  // green phase it extends, restarts the passage timer).
  for (std::size_t p = 0; p < phases; ++p) {
    if (recall_[p] == Recall::min || recall_[p] == Recall::max || coordinated_phase_[p] != 0) call_[p * batch_ + b] = 1;
  }
  const std::vector<std::uint8_t>& extended = extended_;
  for (std::size_t d = 0; d < calls_.size(); ++d) {
    const std::size_t at = d * batch_ + b;
    const bool present = at < observation.detector_call.size() && observation.detector_call[at] > 0.5;
    present_[at] = present ? std::min<Tenths>(present_[at] + 1, delay_[d]) : 0;
    if (!present) continue;
    // Call delay: a phase that is not green is called once the presence has lasted delay_s.
    for (const std::size_t p : calls_[d]) {
      if (present_[at] >= delay_[d] || phase_green(timer_.number[p], b)) call_[p * batch_ + b] = 1;
    }
  }
  // Pedestrian calls wait for the next green of a phase serving the crosswalk (and call it).
  for (std::size_t c = 0; c < timer_.crosswalk_phases.size(); ++c) {
    const std::size_t at = c * batch_ + b;
    if (at >= observation.pedestrian_call.size() || observation.pedestrian_call[at] <= 0.5) continue;
    for (const std::size_t p : timer_.crosswalk_phases[c]) pedestrian_call_[p * batch_ + b] = 1;
  }
  for (std::size_t p = 0; p < phases; ++p) {
    if (pedestrian_call_[p * batch_ + b] != 0) call_[p * batch_ + b] = 1;
  }
  for (std::size_t r = 0; r < rings; ++r) {
    const std::size_t i = r * batch_ + b;
    if (timer_.interval[i] == Interval::green) call_[timer_.phase[i] * batch_ + b] = 0;
  }
  const bool conflicting = any_call_except_green(b);
  if (cycle_ == 0) find_ready(b, conflicting);
  for (std::size_t r = 0; r < rings; ++r) {
    const std::size_t i = r * batch_ + b;
    const std::size_t p = timer_.phase[i];
    switch (timer_.interval[i]) {
      case Interval::green: {
        ++timer_.elapsed[i];
        if (conflicting) ++max_elapsed_[i];
        Tenths& gap = gap_[p * batch_ + b];
        gap = extended[p] != 0 ? 0 : gap + 1;
        const bool gap_now = gap >= passage_now(p, max_elapsed_[i]) && recall_[p] != Recall::max;
        // Without simultaneous gap-out a gap-out is kept until the phase ends; with it, an actuation undoes it.
        if (gap_now && simultaneous_gap_[p] == 0 && timer_.elapsed[i] >= min_now_[i]) gapped_out_[i] = 1;
        const bool gapped_out = gap_now || (kept_gap_out(p, i) && recall_[p] != Recall::max);
        const bool maxed_out = max_elapsed_[i] >= maximum(p, b);
        bool ends = timer_.elapsed[i] >= min_now_[i] && conflicting && (gapped_out || maxed_out);
        if (ends && cycle_ == 0 && ends_at_barrier(r, b)) {
          // The rings cross a barrier together: a phase ready to end there stays green until every
          // other ring is ready too.
          for (std::size_t q = 0; q < rings; ++q) ends = ends && (q == r || ready_[q] != 0);
        }
        if (cycle_ != 0) {
          const Tenths since = since_yield(now);
          if (coordinated_phase_[p] != 0) {
            // Held through its window of the cycle; yields to a call that can be served outside it.
            ends = since < coordinated_window_ && servable_call(b, now);
          } else {
            ends = ends || since >= force_off_[p] || (floating_ && timer_.elapsed[i] >= split_green_[p]);
          }
        }
        // Walk, then flashing don't walk: the green lasts until both are over.
        if (walk_left_[i] > 0) {
          // Rest in walk: the walk's last tenth is held while nothing would end the green.
          if (walk_left_[i] > 1 || rest_in_walk_[p] == 0 || conflicting || ends) --walk_left_[i];
        } else if (clearance_left_[i] > 0) {
          --clearance_left_[i];
        }
        if (ends && walk_left_[i] == 0 && clearance_left_[i] == 0) {
          timer_.interval[i] = Interval::yellow;
          timer_.elapsed[i] = 0;
        }
        break;
      }
      case Interval::yellow:
        ++timer_.elapsed[i];
        break;
      case Interval::red_clearance:
        ++timer_.elapsed[i];
        break;
      case Interval::idle:
        break;
    }
    if (end_clearance(timer_.interval[i], timer_.elapsed[i], timer_.yellow[p], timer_.red[p])) {
      // The next called phase of this ring in the current barrier group, else wait at the barrier.
      for (std::size_t pos = timer_.position_of[timer_.phase[i]] + 1; pos < timer_.sequence[r].size(); ++pos) {
        const std::size_t q = timer_.sequence[r][pos];
        if (timer_.group_of[q] == group_[b] && call_[q * batch_ + b] != 0 && may_start(q, b, now)) {
          start_green(r, b, pos);
          break;
        }
      }
    }
  }
  bool all_idle = true;
  for (std::size_t r = 0; r < rings; ++r) all_idle = all_idle && timer_.interval[r * batch_ + b] == Interval::idle;
  if (all_idle) cross_barrier(b, now);
}

std::optional<double> ActuatedController::State::unit_extension_s(std::size_t movement) const noexcept {
  if (movement >= timer_.movement_count()) return std::nullopt;
  std::optional<double> longest;
  for (auto s = timer_.served_begin[movement]; s < timer_.served_begin[movement + 1]; ++s) {
    const std::size_t p = timer_.served_phase[s];
    const bool extended = std::any_of(extends_.begin(), extends_.end(), [&](const std::vector<std::size_t>& phases) {
      return std::find(phases.begin(), phases.end(), p) != phases.end();
    });
    const bool coordinated = cycle_ != 0 && coordinated_phase_[p] != 0;
    if (!extended || coordinated || recall_[p] == Recall::max) continue;
    longest = std::max(longest.value_or(0.0), 0.1 * static_cast<double>(passage_[p]));
  }
  return longest;
}

void ActuatedController::State::step(Tenths start, Tenths length, const Observation& observation,
                              const SignalCommand& command) noexcept {
  const std::size_t batch = batch_;
  for (std::size_t b = 0; b < batch; ++b) {
    for (std::size_t m = 0; m < movement_count_; ++m) {
      command.green_tenths[m * batch + b] = 0;
      command.yellow_tenths[m * batch + b] = 0;
    }
    find_extensions(b, length, observation);
    count_initial(b, observation);
    for (Tenths t = 0; t < length; ++t) {
      // The tenth is shown as the state at its start; then the controller advances over it. The
      // indication returned is the one shown in the step's last tenth (as under every controller).
      timer_.show(b, command, true);
      if (t + 1 == length) timer_.show(b, command, false);
      tick(b, observation, start + t + 1);  // timers count at the end of the tenth
    }
  }
}

bool ActuatedController::State::copy_member(const State& other, std::size_t from, std::size_t to) noexcept {
  if (from >= other.batch_ || to >= batch_) return false;
  // Built for the same intersection: the same phases in the same rings, movements, detectors and
  // crosswalks (so every state column has the same rows).
  if (!timer_.same_plan(other.timer_) || other.calls_.size() != calls_.size()) return false;
  copy_columns(other, from, to);
  return true;
}

bool ActuatedController::State::take_over(const State& other) noexcept {
  if (other.batch_ != batch_ || !timer_.same_phases(other.timer_) || other.calls_.size() != calls_.size()) return false;
  for (std::size_t b = 0; b < batch_; ++b) copy_columns(other, b, b);
  return true;
}

void ActuatedController::State::copy_columns(const State& other, std::size_t from, std::size_t to) noexcept {
  const auto copy = [&](auto& column, const auto& source_column) {
    detail::copy_member_column(column, batch_, to, source_column, other.batch_, from);
  };
  // [phase × batch]
  copy(call_, other.call_);
  copy(gap_, other.gap_);
  copy(served_cycle_, other.served_cycle_);
  copy(initial_veh_, other.initial_veh_);
  copy(pedestrian_call_, other.pedestrian_call_);
  // [ring × batch]
  timer_.copy_member(other.timer_, from, to);
  copy(max_elapsed_, other.max_elapsed_);
  copy(gapped_out_, other.gapped_out_);
  copy(min_now_, other.min_now_);
  copy(walk_left_, other.walk_left_);
  copy(clearance_left_, other.clearance_left_);
  // [detector × batch]
  copy(present_, other.present_);
  copy(carry_, other.carry_);
  // [batch]
  copy(max2_selected_, other.max2_selected_);
  copy(group_, other.group_);
}

// The controller: its state behind a pointer (one allocation at construction and at each copy).

ActuatedController::ActuatedController(const Timing& timing, const IntersectionLayout& layout, std::size_t batch)
    : state_(std::make_unique<State>(timing, layout, batch)) {}

ActuatedController::ActuatedController(const ActuatedController& other)
    : Controller(other), state_(std::make_unique<State>(*other.state_)) {}

ActuatedController::~ActuatedController() = default;

std::unique_ptr<Controller> ActuatedController::clone() const { return std::make_unique<ActuatedController>(*this); }

bool ActuatedController::copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept {
  const auto* other = dynamic_cast<const ActuatedController*>(&source);
  return other != nullptr && state_->copy_member(*other->state_, from, to);
}

std::size_t ActuatedController::movement_count() const noexcept { return state_->movement_count_; }

std::size_t ActuatedController::batch_size() const noexcept { return state_->batch_; }

void ActuatedController::step(Tenths start, Tenths length, const Observation& observation,
                              const SignalCommand& command) noexcept {
  state_->step(start, length, observation, command);
}

bool ActuatedController::spat(Tenths now, std::size_t b, std::span<MovementSpat> movements,
                              std::span<CrosswalkSpat> crosswalks) const noexcept {
  return state_->spat(now, b, movements, crosswalks);
}

std::span<const int> ActuatedController::phase_numbers() const noexcept { return state_->timer_.number; }

bool ActuatedController::phase_green(int number, std::size_t b) const noexcept { return state_->phase_green(number, b); }

std::optional<double> ActuatedController::unit_extension_s(std::size_t movement) const noexcept {
  return state_->unit_extension_s(movement);
}

void ActuatedController::select_max2(std::size_t b, bool selected) noexcept { state_->select_max2(b, selected); }

bool ActuatedController::set_plan(std::size_t b, const SignalPlan& plan, Tenths /*now*/,
                                  std::optional<TransitionMethod> /*method*/) {
  // Every member runs one timing, so only a controller of one member can change its plan.
  if (b != 0 || state_->batch_ != 1) return false;
  auto next = std::make_unique<State>(plan.timing, *state_->layout_, 1);
  if (!next->take_over(*state_)) return false;
  state_ = std::move(next);
  return true;
}

}  // namespace itsc

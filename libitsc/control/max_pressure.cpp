// Max-pressure control (docs/signals.md, "Max-pressure control"): construction, weights and
// pressures, the acyclic mode and the indications. The cycle-based splits are in max_pressure_cycle.cpp.
#include "itsc/max_pressure.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "control/max_pressure_state.hpp"
#include "control/member_copy.hpp"
#include "itsc/error.hpp"
#include "itsc/ring_plan.hpp"

namespace itsc {

namespace {

constexpr Tenths kNoCap = std::numeric_limits<Tenths>::max() / 4;

// Flattens lists into begin offsets and items.
void flatten(const std::vector<std::vector<std::uint32_t>>& lists, std::vector<std::uint32_t>& begin,
             std::vector<std::uint32_t>& items) {
  begin.assign(1, 0);
  for (const auto& list : lists) {
    items.insert(items.end(), list.begin(), list.end());
    begin.push_back(static_cast<std::uint32_t>(items.size()));
  }
}

void add_once(std::vector<std::uint32_t>& list, std::uint32_t item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

}  // namespace

MaxPressureController::State::State(const Timing& timing, const IntersectionLayout& layout, std::size_t batch,
                                    MaxPressureMode mode)
    : timer_(ring_plan_of(timing), layout, batch, "max-pressure controller"), mode_(mode), batch_(batch),
      movement_count_(layout.movements.size()) {
  const RingPlan plan = ring_plan_of(timing);
  const MaxPressureSettings& settings = timing.max_pressure;
  decision_interval_ = to_tenths(settings.decision_interval_s);
  if (decision_interval_ <= 0) timer_.reject("the decision interval must be positive");
  normalize_ = settings.normalization == PressureNormalization::storage;
  cycle_ = to_tenths(timing.cycle_s);
  offset_ = to_tenths(timing.offset_s);
  if (mode_ == MaxPressureMode::cycle && cycle_ <= 0) timer_.reject("the cycle must be positive");
  const std::size_t rings = timer_.ring_count();
  const std::size_t groups = timer_.groups;

  // Phases
  for (const Phase& phase : plan.phases) {
    min_green_.push_back(to_tenths(phase.min_green_s.value_or(settings.min_green_s)));
    const std::optional<double> max_green = phase.max1_s ? phase.max1_s : settings.max_green_s;
    max_green_.push_back(max_green ? std::max(min_green_.back(), to_tenths(*max_green)) : kNoCap);
    plan_split_.push_back(to_tenths(phase.split_s));
  }
  const std::size_t phases = timer_.phase_count();
  std::vector<std::vector<std::vector<std::uint32_t>>> grouped(rings);  // [ring][group] phase indices
  for (std::size_t r = 0; r < rings; ++r) {
    grouped[r].resize(groups);
    for (const std::uint32_t p : timer_.sequence[r]) grouped[r][timer_.group_of[p]].push_back(p);
    for (std::size_t g = 0; g < groups; ++g) {
      if (grouped[r][g].empty()) {
        timer_.reject("ring " + std::to_string(r + 1) + " has no phase in barrier group " + std::to_string(g + 1));
      }
    }
  }

  // Movements each phase serves, in the plan's order (the order pressures are summed in).
  std::vector<std::vector<std::uint32_t>> phase_movements(phases);
  for (std::size_t p = 0; p < phases; ++p) {
    const Service& serves = plan.phases[p].serves;
    for (const auto& id : serves.protected_movements) add_once(phase_movements[p], timer_.movement_index(id));
    for (const auto& id : serves.permitted_movements) add_once(phase_movements[p], timer_.movement_index(id));
  }
  flatten(phase_movements, phase_movement_begin_, phase_movement_);

  // Candidates: in each barrier group, every choice of one phase per ring (ring 1 varying slowest).
  std::vector<std::vector<std::uint32_t>> candidate_movements;
  for (std::size_t g = 0; g < timer_.groups; ++g) {
    std::vector<std::size_t> digit(timer_.ring_count(), 0);
    while (true) {
      auto& movements = candidate_movements.emplace_back();
      for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
        const std::uint32_t p = grouped[r][g][digit[r]];
        candidate_phase_.push_back(p);
        for (auto k = phase_movement_begin_[p]; k < phase_movement_begin_[p + 1]; ++k) add_once(movements, phase_movement_[k]);
      }
      std::size_t r = timer_.ring_count();
      while (r-- > 0 && ++digit[r] == grouped[r][g].size()) digit[r] = 0;
      if (r == static_cast<std::size_t>(-1)) break;
    }
  }
  candidate_count_ = candidate_movements.size();
  flatten(candidate_movements, candidate_movement_begin_, candidate_movement_);

  // Movement weights: saturation flow, storage for the normalization.
  saturation_.assign(movement_count_, 1.0);
  if (!layout.saturation_veh_per_s.empty()) {
    if (layout.saturation_veh_per_s.size() != movement_count_) timer_.reject("saturation flows do not match the movements");
    saturation_ = layout.saturation_veh_per_s;
  }
  inverse_storage_.assign(movement_count_, 1.0);
  inverse_receiving_storage_.assign(movement_count_, 1.0);
  if (normalize_) {
    if (layout.storage_veh.size() != movement_count_ || layout.receiving_storage_veh.size() != movement_count_) {
      timer_.reject("normalization by storage needs the storage of every movement's approach and receiving link");
    }
    for (std::size_t m = 0; m < movement_count_; ++m) {
      inverse_storage_[m] = layout.storage_veh[m] > 0 ? 1.0 / layout.storage_veh[m] : 0.0;
      inverse_receiving_storage_[m] = layout.receiving_storage_veh[m] > 0 ? 1.0 / layout.receiving_storage_veh[m] : 0.0;
    }
  }

  // Scratch and state; start-up: candidate 0 green (the first phase of each ring).
  weight_.assign(movement_count_, 0.0);
  const std::size_t items = std::max(phases, timer_.groups);
  split_weight_.assign(items, 0.0);
  split_low_.assign(items, 0.0);
  split_high_.assign(items, 0.0);
  split_out_.assign(items, 0.0);
  current_.assign(batch_, 0);
  target_.assign(batch_, 0);
  Tenths first_min = 1;
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) first_min = std::max(first_min, min_green_[candidate_phase_[r]]);
  until_decision_.assign(batch_, first_min);
  for (std::size_t b = 0; b < batch_; ++b) {
    for (std::size_t r = 0; r < rings; ++r) timer_.start_green(r, b, candidate_phase_[r]);
  }
  if (mode_ == MaxPressureMode::cycle) {
    // The minimum splits of every barrier group, by its longest ring, must fit in the cycle.
    Tenths needed = 0;
    for (std::size_t g = 0; g < timer_.groups; ++g) {
      Tenths longest = 0;
      for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
        Tenths ring_time = 0;
        for (const std::uint32_t p : grouped[r][g]) ring_time += min_green_[p] + timer_.yellow[p] + timer_.red[p];
        longest = std::max(longest, ring_time);
      }
      needed += longest;
    }
    if (needed > cycle_) {
      timer_.reject("minimum splits (min green + yellow + red clearance) need " + std::to_string(needed / 10) + "." +
             std::to_string(needed % 10) + " s, more than the cycle of " + std::to_string(cycle_ / 10) + "." +
             std::to_string(cycle_ % 10) + " s");
    }
    split_.resize(phases * batch_);
    for (std::size_t p = 0; p < phases; ++p) {
      for (std::size_t b = 0; b < batch_; ++b) split_[p * batch_ + b] = plan_split_[p];
    }
  }
}

std::vector<int> MaxPressureController::State::candidate_phases(std::size_t candidate) const {
  std::vector<int> numbers;
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) numbers.push_back(timer_.number[candidate_phase_[candidate * timer_.ring_count() + r]]);
  return numbers;
}

Tenths MaxPressureController::State::split_tenths(int number, std::size_t b) const noexcept {
  for (std::size_t p = 0; p < timer_.phase_count(); ++p) {
    if (timer_.number[p] == number && !split_.empty()) return split_[p * batch_ + b];
  }
  return 0;
}

void MaxPressureController::State::compute_weights(const Observation& observation, std::size_t b) noexcept {
  // w_lm = x_lm − Σ_k r_mk·x_mk, each term optionally divided by its link's storage.
  const std::size_t batch = observation.batch;
  const bool has_feeds = observation.feed_begin.size() == movement_count_ + 1;
  for (std::size_t m = 0; m < movement_count_; ++m) {
    const std::size_t k = m * batch + b;
    const double here = k < observation.queued_veh.size() && k < observation.moving_veh.size()
                            ? observation.queued_veh[k] + observation.moving_veh[k]
                            : 0.0;
    double downstream = 0;
    if (has_feeds) {
      for (auto f = observation.feed_begin[m]; f < observation.feed_begin[m + 1]; ++f) {
        const std::size_t j = f * batch + b;
        downstream += observation.feed_proportion[j] * (observation.feed_queued_veh[j] + observation.feed_moving_veh[j]);
      }
    }
    weight_[m] = here * inverse_storage_[m] - downstream * inverse_receiving_storage_[m];
  }
}

double MaxPressureController::State::pressure_of(const std::vector<std::uint32_t>& begin,
                                          const std::vector<std::uint32_t>& items, std::size_t i) const noexcept {
  double pressure = 0;
  for (auto k = begin[i]; k < begin[i + 1]; ++k) pressure += saturation_[items[k]] * weight_[items[k]];
  return pressure;
}

void MaxPressureController::State::candidate_pressures(const Observation& observation, std::size_t b,
                                                std::span<double> out) noexcept {
  compute_weights(observation, b);
  for (std::size_t c = 0; c < candidate_count_ && c < out.size(); ++c) {
    out[c] = pressure_of(candidate_movement_begin_, candidate_movement_, c);
  }
}

void MaxPressureController::State::decide(std::size_t b) noexcept {
  // The largest pressure wins; the current candidate keeps the green on a tie, then the lowest index.
  std::size_t best = current_[b];
  double best_pressure = pressure_of(candidate_movement_begin_, candidate_movement_, best);
  for (std::size_t c = 0; c < candidate_count_; ++c) {
    const double pressure = pressure_of(candidate_movement_begin_, candidate_movement_, c);
    if (pressure > best_pressure) {
      best = c;
      best_pressure = pressure;
    }
  }
  if (best == current_[b]) {
    until_decision_[b] = decision_interval_;
    return;
  }
  // Rings whose phase changes clear (yellow, red clearance); the others keep their green.
  target_[b] = static_cast<std::uint32_t>(best);
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
    const std::size_t i = r * batch_ + b;
    if (candidate_phase_[best * timer_.ring_count() + r] == timer_.phase[i]) continue;
    timer_.start_clearance(r, b);
  }
}

void MaxPressureController::State::tick_acyclic(std::size_t b) noexcept {
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
    const std::size_t i = r * batch_ + b;
    if (timer_.interval[i] != Interval::idle) ++timer_.elapsed[i];
    timer_.end_clearance(r, b);
  }
  if (current_[b] == target_[b] && --until_decision_[b] <= 0) decide(b);
  if (current_[b] == target_[b]) return;
  // All changing rings cleared: the new phases start together (a barrier is crossed by all rings).
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
    const Interval here = timer_.interval[r * batch_ + b];
    if (here != Interval::green && here != Interval::idle) return;
  }
  Tenths min_green = 1;
  for (std::size_t r = 0; r < timer_.ring_count(); ++r) {
    const std::size_t i = r * batch_ + b;
    if (timer_.interval[i] != Interval::idle) continue;
    timer_.start_green(r, b, candidate_phase_[target_[b] * timer_.ring_count() + r]);
    min_green = std::max(min_green, min_green_[timer_.phase[i]]);
  }
  current_[b] = target_[b];
  until_decision_[b] = min_green;
}

void MaxPressureController::State::step(Tenths start, Tenths length, const Observation& observation,
                                 const SignalCommand& command) noexcept {
  for (std::size_t b = 0; b < batch_; ++b) {
    for (std::size_t m = 0; m < movement_count_; ++m) {
      command.green_tenths[m * batch_ + b] = 0;
      command.yellow_tenths[m * batch_ + b] = 0;
    }
    compute_weights(observation, b);
    // Each tenth is shown as the state at its start; then the controller advances over it. The
    // indication returned is the one shown in the step's last tenth (as the fixed-time controller's).
    for (Tenths t = start; t < start + length; ++t) {
      if (mode_ == MaxPressureMode::cycle) {
        const Tenths local = ((t - offset_) % cycle_ + cycle_) % cycle_;
        if (local == 0) choose_splits(b);
        place_in_cycle(b, local);
      }
      timer_.show(b, command, true);
      if (t + 1 == start + length) timer_.show(b, command, false);
      if (mode_ == MaxPressureMode::acyclic) tick_acyclic(b);
    }
  }
}

bool MaxPressureController::State::copy_member(const State& other, std::size_t from, std::size_t to) noexcept {
  if (from >= other.batch_ || to >= batch_) return false;
  // Of the same mode and built for the same intersection: the same phases in the same rings, the same
  // candidates and movements (so every state column has the same rows).
  if (other.mode_ != mode_ || !timer_.same_plan(other.timer_) || other.candidate_phase_ != candidate_phase_ ||
      other.split_.size() / other.batch_ != split_.size() / batch_) {
    return false;
  }
  const auto copy = [&](auto& column, const auto& source_column) {
    detail::copy_member_column(column, batch_, to, source_column, other.batch_, from);
  };
  // [ring × batch]
  timer_.copy_member(other.timer_, from, to);
  // [batch]: the decision state
  copy(current_, other.current_);
  copy(target_, other.target_);
  copy(until_decision_, other.until_decision_);
  // [phase × batch]: the cycle mode's chosen splits
  copy(split_, other.split_);
  return true;
}

// The controller: its state behind a pointer (one allocation at construction and at each copy).

MaxPressureController::MaxPressureController(const Timing& timing, const IntersectionLayout& layout,
                                             std::size_t batch, MaxPressureMode mode)
    : state_(std::make_unique<State>(timing, layout, batch, mode)) {}

MaxPressureController::MaxPressureController(const MaxPressureController& other)
    : Controller(other), state_(std::make_unique<State>(*other.state_)) {}

MaxPressureController::~MaxPressureController() = default;

std::unique_ptr<Controller> MaxPressureController::clone() const { return std::make_unique<MaxPressureController>(*this); }

bool MaxPressureController::copy_member(const Controller& source, std::size_t from, std::size_t to) noexcept {
  const auto* other = dynamic_cast<const MaxPressureController*>(&source);
  return other != nullptr && state_->copy_member(*other->state_, from, to);
}

std::size_t MaxPressureController::movement_count() const noexcept { return state_->movement_count_; }

std::span<const int> MaxPressureController::phase_numbers() const noexcept { return state_->timer_.number; }

bool MaxPressureController::phase_green(int number, std::size_t b) const noexcept {
  const std::size_t p = state_->timer_.phase_index(number);
  return p < state_->timer_.phase_count() && b < state_->timer_.batch && state_->timer_.green(p, b);
}

std::size_t MaxPressureController::batch_size() const noexcept { return state_->batch_; }

bool MaxPressureController::phase_status(std::size_t b, PhaseStatus& status) const noexcept {
  if (b >= state_->timer_.batch) return false;
  status = state_->timer_.vehicle_status(b);
  return true;
}

void MaxPressureController::step(Tenths start, Tenths length, const Observation& observation,
                                 const SignalCommand& command) noexcept {
  state_->step(start, length, observation, command);
}

std::size_t MaxPressureController::candidate_count() const noexcept { return state_->candidate_count_; }

std::vector<int> MaxPressureController::candidate_phases(std::size_t candidate) const {
  return state_->candidate_phases(candidate);
}

void MaxPressureController::candidate_pressures(const Observation& observation, std::size_t b,
                                                std::span<double> out) noexcept {
  state_->candidate_pressures(observation, b, out);
}

std::size_t MaxPressureController::serving(std::size_t b) const noexcept { return state_->target_[b]; }

Tenths MaxPressureController::split_tenths(int number, std::size_t b) const noexcept {
  return state_->split_tenths(number, b);
}

}  // namespace itsc

// SPaT of the actuated controller: bounds on the end of each movement's indication from its phase's
// timers (docs/signals.md, "SPaT").
#include <algorithm>

#include "control/actuated_state.hpp"
#include "itsc/controller.hpp"

namespace itsc {

SpatEnd ActuatedController::State::green_end(std::size_t p, std::size_t i, std::size_t b, Tenths now) const noexcept {
  // A green ends at the end of a tenth: k more tenths end it at now + k (k ≥ 1).
  const Tenths gap = gap_[p * batch_ + b];
  Tenths min_left = std::max<Tenths>({1, min_now_[i] - timer_.elapsed[i], minimum_gap_[p] - gap});
  Tenths max_left = kUnknownEnd;
  // The max timer runs only while a conflicting call waits.
  if (any_call_except_green(b)) max_left = std::max<Tenths>(1, maximum(p, b) - max_elapsed_[i]);
  if (recall_[p] == Recall::max && max_left != kUnknownEnd) min_left = std::max(min_left, max_left);
  if (cycle_ != 0) {
    const Tenths since = since_yield(now);
    if (coordinated_phase_[p] != 0) {
      // Held through its window; unbounded after it (it yields to a call).
      min_left = since >= coordinated_window_ ? cycle_ - since : 1;
      max_left = kUnknownEnd;
    } else {
      Tenths forced = std::max<Tenths>(1, force_off_[p] - since);
      if (floating_) forced = std::min(forced, std::max<Tenths>(1, split_green_[p] - timer_.elapsed[i]));
      max_left = std::min(max_left, forced);
    }
  }
  // A pedestrian service under way holds the green to its end, whatever ends it.
  const Tenths pedestrian = walk_left_[i] + clearance_left_[i];
  min_left = std::max(min_left, pedestrian);
  if (max_left != kUnknownEnd) max_left = std::max(max_left, pedestrian);
  min_left = std::min(min_left, max_left);
  SpatEnd end;
  end.min_end = now + min_left;
  end.max_end = max_left == kUnknownEnd ? kUnknownEnd : now + max_left;
  // Likely: an extended phase keeps being extended (to its max when bounded); else it gaps out.
  end.likely_end = gap == 0 && max_left != kUnknownEnd ? end.max_end : std::min(end.max_end, now + std::max(min_left, passage_now(p, max_elapsed_[i]) - gap));
  return end;
}

bool ActuatedController::State::spat(Tenths now, std::size_t b, std::span<MovementSpat> movements,
                              std::span<CrosswalkSpat> crosswalks) const noexcept {
  if (b >= batch_) return false;
  const auto rank = [](Indication x) { return is_green(x) ? (x == Indication::protected_green ? 4 : 3) : (x == Indication::yellow ? 2 : 0); };
  for (std::size_t m = 0; m < std::min(movements.size(), movement_count_); ++m) {
    MovementSpat out;
    Tenths earliest_green = kUnknownEnd;  // for red: the soonest a serving phase's ring is free
    for (auto s = timer_.served_begin[m]; s < timer_.served_begin[m + 1]; ++s) {
      const std::size_t p = timer_.served_phase[s];
      const bool is_protected = timer_.served_protected[s] != 0;
      const std::size_t r = timer_.ring_of[p];
      const std::size_t i = r * batch_ + b;
      const std::size_t q = timer_.phase[i];
      Indication here = Indication::red;
      SpatEnd end;
      switch (timer_.interval[i]) {
        case Interval::green: {
          const SpatEnd green = green_end(q, i, b, now);
          if (q == p) {
            here = is_protected ? Indication::protected_green : Indication::permitted_green;
            end = green;
          } else {
            earliest_green = std::min(earliest_green, green.min_end + timer_.yellow[q] + timer_.red[q]);
          }
          break;
        }
        case Interval::yellow: {
          const Tenths yellow_end = now + std::max<Tenths>(1, timer_.yellow[q] - timer_.elapsed[i]);
          if (q == p) {
            here = Indication::yellow;
            end = {yellow_end, yellow_end, yellow_end};
          }
          earliest_green = std::min(earliest_green, yellow_end + timer_.red[q]);
          break;
        }
        case Interval::red_clearance:
          earliest_green = std::min(earliest_green, now + std::max<Tenths>(1, timer_.red[q] - timer_.elapsed[i]));
          break;
        case Interval::idle:
          earliest_green = std::min(earliest_green, now + 1);
          break;
      }
      if (rank(here) > rank(out.indication)) out = {here, end};
    }
    if (!is_green(out.indication) && out.indication != Indication::yellow) {
      out.end = SpatEnd{};
      out.end.min_end = earliest_green == kUnknownEnd ? now + 1 : earliest_green;
      if (timer_.turn_on_red[m] != 0) out.indication = Indication::red_turn_on_red;
    }
    movements[m] = out;
  }
  // Crosswalks: walk and flashing don't walk end exactly; don't walk until a pedestrian service: unknown.
  for (std::size_t c = 0; c < std::min(crosswalks.size(), timer_.crosswalk_phases.size()); ++c) {
    CrosswalkSpat out;
    for (const std::size_t p : timer_.crosswalk_phases[c]) {
      const std::size_t r = timer_.ring_of[p];
      const std::size_t i = r * batch_ + b;
      if (timer_.interval[i] != Interval::green || timer_.phase[i] != p) continue;
      if (walk_left_[i] > 0) {
        const Tenths end = now + walk_left_[i];
        // Resting in walk (no conflicting call yet): it lasts until one comes.
        const bool rests = rest_in_walk_[p] != 0 && !any_call_except_green(b);
        out = {PedestrianIndication::walk, {end, rests ? kUnknownEnd : end, rests ? kUnknownEnd : end}};
      } else if (clearance_left_[i] > 0 && out.indication != PedestrianIndication::walk) {
        const Tenths end = now + clearance_left_[i];
        out = {PedestrianIndication::flashing_dont_walk, {end, end, end}};
      }
    }
    crosswalks[c] = out;
  }
  return true;
}

bool ActuatedController::phase_status(std::size_t b, PhaseStatus& status) const noexcept {
  const State& s = *state_;
  if (b >= s.batch_) return false;
  status = s.timer_.vehicle_status(b);
  // A phase serving a crosswalk: walk, then pedestrian clearance while its pedestrian service runs.
  for (const auto& phases : s.timer_.crosswalk_phases) {
    for (const std::size_t p : phases) {
      const int number = s.timer_.number[p];
      if (number < 1 || number > 16) continue;
      const auto bit = static_cast<std::uint16_t>(1U << (number - 1));
      const std::size_t i = s.timer_.ring_of[p] * s.batch_ + b;
      const bool serving = s.timer_.phase[i] == p && s.timer_.interval[i] == Interval::green;
      if (serving && s.walk_left_[i] > 0) {
        status.walks |= bit;
      } else if (serving && s.clearance_left_[i] > 0) {
        status.pedestrian_clears |= bit;
      } else {
        status.dont_walks |= bit;
      }
    }
  }
  return true;
}

}  // namespace itsc

// The optimizer's search: Webster start, cycle scan, rounds of batched offset and split moves.
#include "optimize/search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "util/counter_random.hpp"

namespace itsc::detail {

namespace {

constexpr double kExcessTolerance = 1e-9;
// A warm-up long enough to load the network under the incumbent plan before candidates take over.
constexpr double kLeastWarmupS = 600;
// Split steps of the rounds, coarse to fine (tenths); later rounds keep the finest.
constexpr Tenths kSplitSteps[] = {40, 20, 10};
// Finest offset step (tenths): the rounds quarter the offset step down to it.
constexpr Tenths kFinestOffsetStep = 10;

Tenths whole_seconds(double seconds) { return to_tenths(std::round(seconds)); }

}  // namespace

std::size_t Search::offset_slots(Tenths /*cycle*/) const {
  // The first round's scan fills what a batch leaves after the split moves (at least 8 offsets).
  return std::max<std::size_t>(8, options_.batch > 4 ? options_.batch - 4 : 8);
}

Tenths Search::offset_spacing(Tenths cycle, int level) const {
  return std::max(kFinestOffsetStep, (cycle / static_cast<Tenths>(offset_slots(cycle))) >> (2 * level));
}

int Search::levels(Tenths cycle) const {
  // Until both the split step and the offset step are at their finest.
  int level = 2;
  while (options_.optimize_offsets && offset_spacing(cycle, level) > kFinestOffsetStep) ++level;
  return level + 1;
}

bool better(const Score& a, const Score& b) noexcept {
  if (std::fabs(a.excess - b.excess) > kExcessTolerance) return a.excess < b.excess;
  return a.index < b.index - 1e-12 * std::max(1.0, std::fabs(b.index));
}

Search::Search(const Scenario& scenario, const std::vector<SignalSpace>& spaces, const Coordination& coordination,
               Evaluator& evaluator, const OptimizeOptions& options)
    : spaces_(spaces), coordination_(coordination), order_(spaces.size()), evaluator_(evaluator), options_(options),
      started_(std::chrono::steady_clock::now()) {
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
    return spaces_[a].volume_veh_per_h() > spaces_[b].volume_veh_per_h();
  });
  warmup_s_ = std::max(scenario.simulation.warmup_s, kLeastWarmupS);
}

double Search::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

std::vector<Score> Search::score(std::span<const Decision> candidates) {
  std::vector<double> index(candidates.size()), simulated_x(candidates.size());
  evaluator_.evaluate(candidates, index, simulated_x);
  std::vector<Score> result;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    result.push_back({std::max(excess(candidates[i]), simulated_x[i] - options_.max_degree_of_saturation), index[i]});
  }
  return result;
}

double Search::excess(const Decision& decision) const {
  double largest = 0;
  for (std::size_t s = 0; s < spaces_.size(); ++s) {
    largest = std::max(largest, spaces_[s].max_degree_of_saturation(decision[s]));
  }
  return std::max(0.0, largest - options_.max_degree_of_saturation);
}

Tenths Search::common_cycle(const Decision& decision) const {
  Tenths longest = 0;
  for (const SignalDecision& d : decision) longest = std::max(longest, d.cycle);
  return longest;
}

Decision Search::with_progression(const Decision& decision, std::optional<std::size_t> group) const {
  Decision result = progression_offsets(spaces_, coordination_.links, coordination_.group, decision);
  for (std::size_t s = 0; s < spaces_.size(); ++s) {
    const std::size_t g = coordination_.group[s];
    if (!coordination_.coordinated[g] || (group && g != *group)) result[s].offset = decision[s].offset;
  }
  return result;
}

Tenths Search::least_cycle(std::size_t group) const {
  Tenths least = whole_seconds(options_.cycle_min_s);
  for (std::size_t s = 0; s < spaces_.size(); ++s) {
    if (coordination_.group[s] == group) least = std::max(least, (spaces_[s].minimum_cycle() + 9) / 10 * 10);
  }
  return least;
}

void Search::checkpoint() {
  if (std::find(checkpoints_.begin(), checkpoints_.end(), best_) == checkpoints_.end()) checkpoints_.push_back(best_);
}

void Search::warm_up(const Decision& incumbent) { warm_up(incumbent, static_cast<double>(common_cycle(incumbent)) / 10.0); }

void Search::warm_up(const Decision& incumbent, double cycle_s) {
  // Whole cycles measured, at least the least measured time: a periodic plan is scored over its period.
  const double cycles = std::max(options_.measure_cycles, std::ceil(options_.least_measure_s / cycle_s - 1e-9));
  evaluator_.warm_up(incumbent, warmup_s_, options_.settle_cycles * cycle_s, cycles * cycle_s);
}

bool Search::stopping() {
  if (stopped_) return true;
  if (options_.max_evaluations > 0 && evaluator_.evaluations() >= options_.max_evaluations) {
    summary_->stop_reason = StopReason::max_evaluations;
    stopped_ = true;
  } else if (options_.time_limit_s > 0 && elapsed_s() >= options_.time_limit_s) {
    summary_->stop_reason = StopReason::time_limit;
    stopped_ = true;
  }
  return stopped_;
}

bool Search::consider(std::vector<Decision>& candidates, const char* stage) {
  // Candidates further above the limit than the best cannot win: not simulated.
  std::vector<Decision> runs;
  for (Decision& candidate : candidates) {
    if (excess(candidate) > best_score_.excess + kExcessTolerance) continue;
    runs.push_back(std::move(candidate));
  }
  const std::size_t batch = std::max<std::size_t>(1, options_.batch);
  for (std::size_t first = 0; first < runs.size(); first += batch) {
    if (stopping()) return false;
    std::size_t count = std::min(batch, runs.size() - first);
    if (options_.max_evaluations > 0) count = std::min(count, options_.max_evaluations - evaluator_.evaluations());
    const std::vector<Score> scores = score(std::span<const Decision>(runs).subspan(first, count));
    for (std::size_t i = 0; i < count; ++i) {
      const Score& score = scores[i];
      if (better(score, best_score_)) {
        best_score_ = score;
        best_ = runs[first + i];
        ++changes_;
        summary_->curve.push_back({elapsed_s(), evaluator_.evaluations(), score.index});
      }
    }
    if (options_.progress &&
        !options_.progress({evaluator_.evaluations(), best_score_.index, elapsed_s(), stage})) {
      summary_->stop_reason = StopReason::cancelled;
      stopped_ = true;
      return false;
    }
  }
  return !stopping();
}

std::vector<Decision> Search::run(const Decision& start, OptimizeSummary& summary) {
  summary_ = &summary;
  summary.stop_reason = StopReason::converged;
  // Webster's plan: each group of signals the longest of their Webster cycles, zero offsets.
  const Tenths cycle_max = whole_seconds(options_.cycle_max_s);
  std::vector<Tenths> group_cycle(coordination_.group_count(), 0);
  for (std::size_t s = 0; s < spaces_.size(); ++s) {
    Tenths& cycle = group_cycle[coordination_.group[s]];
    cycle = std::max(cycle, whole_seconds(spaces_[s].webster_cycle_s().value_or(options_.cycle_max_s)));
  }
  for (std::size_t g = 0; g < group_cycle.size(); ++g) {
    const Tenths least = least_cycle(g);
    group_cycle[g] = std::min(std::max(group_cycle[g], least), std::max(cycle_max, least));
  }
  Decision webster;
  for (std::size_t s = 0; s < spaces_.size(); ++s) {
    const auto d = spaces_[s].webster(group_cycle[coordination_.group[s]], 0);
    webster.push_back(d ? *d : start[s]);
  }
  if (!options_.optimize_cycle) webster = start;
  if (!options_.optimize_splits) {
    for (std::size_t s = 0; s < spaces_.size(); ++s) {
      const auto d = spaces_[s].rescaled(start[s], webster[s].cycle);
      webster[s] = d ? *d : start[s];
    }
  }
  // Start from the best of the scenario's plan, Webster's, and Webster's with progression offsets.
  warm_up(webster);
  std::vector<Decision> starts{start, webster};
  if (options_.optimize_offsets) {
    if (Decision progression = with_progression(webster); progression != webster) starts.push_back(std::move(progression));
  }
  const std::vector<Score> start_scores = score(starts);
  std::size_t first = 0;
  for (std::size_t k = 1; k < starts.size(); ++k) {
    if (better(start_scores[k], start_scores[first])) first = k;
  }
  best_ = starts[first];
  best_score_ = start_scores[first];
  summary.curve.push_back({elapsed_s(), evaluator_.evaluations(), best_score_.index});
  if (options_.progress && !options_.progress({evaluator_.evaluations(), best_score_.index, elapsed_s(), "start"})) {
    summary.stop_reason = StopReason::cancelled;
    stopped_ = true;
  }
  if (options_.optimize_cycle) {
    for (std::size_t g = 0; g < coordination_.group_count() && !stopping(); ++g) {
      if (!coordination_.coordinated[g]) continue;
      checkpoint();
      scan_cycles(g);
    }
  }
  checkpoint();
  if (!stopping()) sweep_signals();
  std::vector<Decision> results{best_};
  // The incumbents the stages ended with, judged again over the whole run: a short horizon can favour a
  // plan whose queues grow over the hour.
  for (const Decision& d : checkpoints_) {
    if (std::find(results.begin(), results.end(), d) == results.end()) results.push_back(d);
  }
  // Restarts: from the first result with every offset drawn at random, each searched to convergence.
  for (std::size_t r = 0; r < options_.restarts && !stopping(); ++r) {
    Decision restart = results.front();
    for (std::size_t s = 0; s < restart.size(); ++s) {
      if (!coordination_.coordinated_signal(s)) continue;
      const double u = counter_uniform(options_.seed, r, s);
      restart[s].offset = std::min(restart[s].cycle - 1, static_cast<Tenths>(u * static_cast<double>(restart[s].cycle)));
    }
    best_ = std::move(restart);
    best_score_ = {excess(best_), std::numeric_limits<double>::infinity()};
    sweep_signals();
    results.push_back(best_);
    ++summary.restarts;
  }
  // The scenario's, Webster's and the first result on the final horizon, so that they compare.
  std::vector<Decision> final_three{start, webster, results.front()};
  std::vector<double> final_index(3);
  evaluator_.evaluate(final_three, final_index);
  summary.scenario_search_objective = final_index[0];
  summary.webster_search_objective = final_index[1];
  summary.best_search_objective = final_index[2];
  return results;
}

void Search::scan_cycles(std::size_t group) {
  const Tenths cycle_max = whole_seconds(options_.cycle_max_s);
  const Tenths least = least_cycle(group);
  if (least >= cycle_max) return;
  // The group at `cycle`: Webster's splits at it (or its splits rescaled), offsets scaled; and the same
  // with progression offsets, since a cycle's worth shows only once its offsets suit it.
  const auto at_cycle = [&](Tenths cycle, std::vector<Decision>& out) {
    Decision d = best_;
    for (std::size_t s = 0; s < spaces_.size(); ++s) {
      if (coordination_.group[s] != group) continue;
      const std::optional<SignalDecision> one =
          options_.optimize_splits
              ? spaces_[s].webster(cycle, static_cast<Tenths>(std::llround(static_cast<double>(best_[s].offset) *
                                                                          static_cast<double>(cycle) /
                                                                          static_cast<double>(best_[s].cycle))) % cycle)
              : spaces_[s].rescaled(best_[s], cycle);
      if (!one) return;
      d[s] = *one;
      d[s].swapped = best_[s].swapped;
    }
    if (options_.optimize_offsets) {
      if (Decision progression = with_progression(d, group); progression != d) out.push_back(std::move(progression));
    }
    out.push_back(std::move(d));
  };
  // Coarse: the range in whole seconds, as many cycles as a batch holds; then every second around the best.
  const std::size_t slots = std::max<std::size_t>(4, options_.batch);
  const Tenths range = cycle_max - least;
  const Tenths coarse = std::max<Tenths>(10, (range / static_cast<Tenths>(slots - 1) + 9) / 10 * 10);
  for (const Tenths step : {coarse, Tenths{10}}) {
    Tenths centre = 0;
    for (std::size_t s = 0; s < spaces_.size(); ++s) {
      if (coordination_.group[s] == group) centre = std::max(centre, best_[s].cycle);
    }
    std::vector<Decision> candidates;
    std::vector<Tenths> cycles;
    if (step == coarse) {
      for (Tenths c = least; c <= cycle_max; c += step) cycles.push_back(c);
    } else {
      for (Tenths c = centre - coarse + 10; c < centre + coarse; c += step) {
        if (c >= least && c <= cycle_max && c != centre) cycles.push_back(c);
      }
    }
    for (const Tenths c : cycles) at_cycle(c, candidates);
    // The horizon of the longest cycle scanned, from the incumbent's warm state.
    Tenths longest = common_cycle(best_);
    for (const Decision& d : candidates) longest = std::max(longest, common_cycle(d));
    warm_up(best_, static_cast<double>(longest) / 10.0);
    // The incumbent again, on this horizon.
    best_score_ = score(std::span<const Decision>(&best_, 1)).front();
    if (!consider(candidates, "cycle")) return;
  }
}

std::vector<Decision> Search::cycle_candidates(int level) const {
  // Each coordinated group's cycle a few seconds either way, its signals' splits scaled to it and their
  // offsets either scaled too or kept in seconds (a progression's offsets follow the travel times).
  const Tenths cycle_min = whole_seconds(options_.cycle_min_s);
  const Tenths cycle_max = whole_seconds(options_.cycle_max_s);
  std::vector<Decision> result;
  for (std::size_t g = 0; g < coordination_.group_count(); ++g) {
    if (!coordination_.coordinated[g]) continue;
    Tenths current = 0;
    for (std::size_t s = 0; s < spaces_.size(); ++s) {
      if (coordination_.group[s] == g) current = std::max(current, best_[s].cycle);
    }
    for (const bool keep_offsets : {false, true}) {
      for (const Tenths change : {Tenths{10}, Tenths{20}, Tenths{40}}) {
        for (const Tenths sign : {Tenths{1}, Tenths{-1}}) {
          const Tenths cycle = current + sign * (change >> std::min(level, 1));
          if (cycle < cycle_min || cycle > cycle_max || cycle % 10 != 0) continue;
          Decision d = best_;
          bool fits = true;
          for (std::size_t s = 0; s < spaces_.size() && fits; ++s) {
            if (coordination_.group[s] != g) continue;
            auto one = spaces_[s].rescaled(best_[s], cycle);
            if (!one) {
              fits = false;
              break;
            }
            if (keep_offsets) one->offset = best_[s].offset % cycle;
            d[s] = std::move(*one);
          }
          if (fits && std::find(result.begin(), result.end(), d) == result.end()) result.push_back(std::move(d));
        }
      }
    }
  }
  return result;
}

std::vector<Decision> Search::signal_candidates(std::size_t signal, int level) const {
  std::vector<Decision> result;
  const SignalDecision& current = best_[signal];
  const auto add = [&](const SignalDecision& d) {
    if (!spaces_[signal].feasible(d) || d == current) return;
    for (const Decision& other : result) {
      if (other[signal] == d) return;
    }
    Decision candidate = best_;
    candidate[signal] = d;
    result.push_back(std::move(candidate));
  };
  if (options_.optimize_splits) {
    for (const SplitMove& move : spaces_[signal].moves(current, kSplitSteps[std::min(level, 2)])) {
      if (auto d = spaces_[signal].applied(current, move)) add(*d);
    }
  }
  if (options_.optimize_sequence) {
    for (std::size_t k = 0; k < current.swapped.size(); ++k) {
      SignalDecision d = current;
      d.swapped[k] ^= 1;
      add(d);
    }
  }
  if (!coordination_.coordinated_signal(signal) && options_.optimize_cycle) {
    const Tenths cycle_min = whole_seconds(options_.cycle_min_s);
    const Tenths cycle_max = whole_seconds(options_.cycle_max_s);
    for (const Tenths change : {Tenths{-100}, Tenths{-50}, Tenths{-20}, Tenths{20}, Tenths{50}, Tenths{100}}) {
      const Tenths cycle = current.cycle + change / (level + 1) / 10 * 10;
      if (cycle < cycle_min || cycle > cycle_max || cycle == current.cycle) continue;
      if (auto d = spaces_[signal].rescaled(current, cycle)) add(*d);
    }
  }
  if (options_.optimize_offsets && coordination_.coordinated_signal(signal)) {
    // The first round scans the whole cycle; later ones search around the best offset, ever closer.
    const Tenths cycle = current.cycle;
    const Tenths spacing = offset_spacing(cycle, level);
    const auto steps = static_cast<Tenths>(offset_slots(cycle) / 2);
    for (Tenths k = 1; k <= steps; ++k) {
      for (const Tenths sign : {Tenths{1}, Tenths{-1}}) {
        SignalDecision d = current;
        d.offset = ((current.offset + sign * k * spacing) % cycle + cycle) % cycle;
        add(d);
      }
    }
  }
  return result;
}

void Search::sweep_signals() {
  const std::vector<std::size_t>& order = order_;
  warm_up(best_);
  best_score_ = score(std::span<const Decision>(&best_, 1)).front();
  // A signal whose candidates were all scored since the incumbent last changed has nothing new to try
  // at this level: skipped (the scores would be the same bits).
  constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();
  for (int level = 0; level < levels(common_cycle(best_));) {
    std::vector<std::size_t> scanned(spaces_.size(), kNever);
    for (bool round_changed = true; round_changed;) {
      const Score before = best_score_;
      if (options_.optimize_cycle) {
        std::vector<Decision> candidates = cycle_candidates(level);
        if (!consider(candidates, "cycle")) return;
      }
      for (const std::size_t signal : order) {
        if (scanned[signal] == changes_) continue;
        const std::size_t changes = changes_;
        std::vector<Decision> candidates = signal_candidates(signal, level);
        if (!consider(candidates, "splits and offsets")) return;
        // Its own move moved the point its candidates were taken around: it is tried again.
        if (changes_ == changes) scanned[signal] = changes_;
      }
      const bool excess_fell = before.excess - best_score_.excess > kExcessTolerance;
      const double gain = (before.index - best_score_.index) / std::max(1e-9, std::fabs(before.index));
      round_changed = excess_fell || (gain > 0 && gain >= options_.tolerance);
    }
    if (level == 0) checkpoint();
    ++level;
  }
}

}  // namespace itsc::detail

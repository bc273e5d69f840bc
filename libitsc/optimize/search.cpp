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

Search::Search(const Scenario& scenario, const std::vector<SignalSpace>& spaces, Evaluator& evaluator,
               const OptimizeOptions& options)
    : spaces_(spaces), order_(spaces.size()), evaluator_(evaluator), options_(options),
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
  // Webster's plan: one cycle for all (the longest of their Webster cycles) or each its own.
  const Tenths cycle_min = whole_seconds(options_.cycle_min_s);
  const Tenths cycle_max = whole_seconds(options_.cycle_max_s);
  Tenths least = cycle_min;
  for (const SignalSpace& space : spaces_) least = std::max(least, (space.minimum_cycle() + 9) / 10 * 10);
  Tenths common = least;
  for (const SignalSpace& space : spaces_) {
    common = std::max(common, whole_seconds(space.webster_cycle_s().value_or(options_.cycle_max_s)));
  }
  common = std::min(std::max(common, least), std::max(cycle_max, least));
  Decision webster;
  for (std::size_t s = 0; s < spaces_.size(); ++s) {
    Tenths cycle = common;
    if (options_.cycle_policy == CyclePolicy::per_node) {
      const Tenths own = whole_seconds(spaces_[s].webster_cycle_s().value_or(options_.cycle_max_s));
      const Tenths floor = std::max(cycle_min, (spaces_[s].minimum_cycle() + 9) / 10 * 10);
      cycle = std::min(std::max(own, floor), std::max(cycle_max, floor));
    }
    const auto d = spaces_[s].webster(cycle, 0);
    webster.push_back(d ? *d : start[s]);
  }
  if (!options_.optimize_cycle) webster = start;
  if (!options_.optimize_splits) {
    for (std::size_t s = 0; s < spaces_.size(); ++s) {
      const auto d = spaces_[s].rescaled(start[s], webster[s].cycle);
      webster[s] = d ? *d : start[s];
    }
  }
  // Start from the better of the scenario's plan and Webster's.
  warm_up(webster);
  const std::vector<Decision> starts{start, webster};
  const std::vector<Score> start_scores = score(starts);
  const Score& scenario_score = start_scores[0];
  const Score& webster_score = start_scores[1];
  if (better(webster_score, scenario_score)) {
    best_ = webster;
    best_score_ = webster_score;
  } else {
    best_ = start;
    best_score_ = scenario_score;
  }
  summary.curve.push_back({elapsed_s(), evaluator_.evaluations(), best_score_.index});
  if (options_.progress && !options_.progress({evaluator_.evaluations(), best_score_.index, elapsed_s(), "start"})) {
    summary.stop_reason = StopReason::cancelled;
    stopped_ = true;
  }
  if (!stopping() && options_.optimize_cycle && options_.cycle_policy == CyclePolicy::common) {
    checkpoint();
    scan_cycles();
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

void Search::scan_cycles() {
  const Tenths cycle_min = whole_seconds(options_.cycle_min_s);
  const Tenths cycle_max = whole_seconds(options_.cycle_max_s);
  Tenths least = cycle_min;
  for (const SignalSpace& space : spaces_) least = std::max(least, (space.minimum_cycle() + 9) / 10 * 10);
  if (least >= cycle_max) return;
  const auto at_cycle = [&](Tenths cycle) -> std::optional<Decision> {
    Decision d;
    for (std::size_t s = 0; s < spaces_.size(); ++s) {
      const std::optional<SignalDecision> one =
          options_.optimize_splits
              ? spaces_[s].webster(cycle, static_cast<Tenths>(std::llround(static_cast<double>(best_[s].offset) *
                                                                          static_cast<double>(cycle) /
                                                                          static_cast<double>(best_[s].cycle))) % cycle)
              : spaces_[s].rescaled(best_[s], cycle);
      if (!one) return std::nullopt;
      d.push_back(*one);
      d.back().swapped = best_[s].swapped;
    }
    return d;
  };
  // Coarse: the range in whole seconds, as many cycles as a batch holds; then every second around the best.
  const std::size_t slots = std::max<std::size_t>(4, options_.batch);
  const Tenths range = cycle_max - least;
  const Tenths coarse = std::max<Tenths>(10, (range / static_cast<Tenths>(slots - 1) + 9) / 10 * 10);
  for (const Tenths step : {coarse, Tenths{10}}) {
    const Tenths centre = common_cycle(best_);
    std::vector<Decision> candidates;
    std::vector<Tenths> cycles;
    if (step == coarse) {
      for (Tenths c = least; c <= cycle_max; c += step) cycles.push_back(c);
    } else {
      for (Tenths c = centre - coarse + 10; c < centre + coarse; c += step) {
        if (c >= least && c <= cycle_max && c != centre) cycles.push_back(c);
      }
    }
    for (const Tenths c : cycles) {
      if (auto d = at_cycle(c)) candidates.push_back(std::move(*d));
    }
    // The horizon of the longest cycle scanned, from the incumbent's warm state.
    Decision longest = best_;
    if (!cycles.empty()) {
      if (auto d = at_cycle(*std::max_element(cycles.begin(), cycles.end()))) longest = std::move(*d);
    }
    const double cycle_s = static_cast<double>(common_cycle(longest)) / 10.0;
    warm_up(best_, cycle_s);
    // The incumbent again, on this horizon.
    best_score_ = score(std::span<const Decision>(&best_, 1)).front();
    if (!consider(candidates, "cycle")) return;
  }
}

std::vector<Decision> Search::cycle_candidates(int level) const {
  // The common cycle a few seconds either way, every signal's splits and offset scaled to it.
  const Tenths cycle_min = whole_seconds(options_.cycle_min_s);
  const Tenths cycle_max = whole_seconds(options_.cycle_max_s);
  const Tenths current = common_cycle(best_);
  std::vector<Decision> result;
  for (const Tenths change : {Tenths{10}, Tenths{20}, Tenths{40}}) {
    for (const Tenths sign : {Tenths{1}, Tenths{-1}}) {
      const Tenths cycle = current + sign * (change >> std::min(level, 1));
      if (cycle < cycle_min || cycle > cycle_max || cycle % 10 != 0) continue;
      Decision d;
      for (std::size_t s = 0; s < spaces_.size(); ++s) {
        const auto one = spaces_[s].rescaled(best_[s], cycle);
        if (!one) break;
        d.push_back(*one);
      }
      if (d.size() == spaces_.size() && std::find(result.begin(), result.end(), d) == result.end()) {
        result.push_back(std::move(d));
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
  if (options_.cycle_policy == CyclePolicy::per_node && options_.optimize_cycle) {
    const Tenths cycle_min = whole_seconds(options_.cycle_min_s);
    const Tenths cycle_max = whole_seconds(options_.cycle_max_s);
    for (const Tenths change : {Tenths{-100}, Tenths{-50}, Tenths{-20}, Tenths{20}, Tenths{50}, Tenths{100}}) {
      const Tenths cycle = current.cycle + change / (level + 1) / 10 * 10;
      if (cycle < cycle_min || cycle > cycle_max || cycle == current.cycle) continue;
      if (auto d = spaces_[signal].rescaled(current, cycle)) add(*d);
    }
  }
  if (options_.optimize_offsets && options_.cycle_policy == CyclePolicy::common) {
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
      if (options_.optimize_cycle && options_.cycle_policy == CyclePolicy::common) {
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

#pragma once
// The optimizer's search (docs/optimizer.md, "Search"): from the better of the scenario's plan and
// Webster's, a batched scan of the common cycle, then rounds over the signals — each signal's offsets and
// split moves evaluated together in batches, the best taken — with steps that shrink when a round stops
// paying, until a round at the finest steps improves by less than the tolerance.
#include <chrono>
#include <vector>

#include "itsc/optimize.hpp"
#include "optimize/coordination.hpp"
#include "optimize/evaluator.hpp"
#include "optimize/signal_space.hpp"

namespace itsc::detail {

/// How a candidate ranks: plans within the degree-of-saturation limit before those above it, those
/// above it by their largest excess, then by the objective's index.
struct Score {
  double excess = 0;  ///< max(0, largest lane-group X − the limit), X closed form or simulated
  double index = 0;
};
[[nodiscard]] bool better(const Score& a, const Score& b) noexcept;

class Search {
 public:
  Search(const Scenario& scenario, const std::vector<SignalSpace>& spaces, const Coordination& coordination,
         Evaluator& evaluator, const OptimizeOptions& options);
  /// The best decision found from the scenario's `start`, then the incumbents the stages ended with and the
  /// best of each restart (the caller judges them over the whole run); fills the summary's search figures.
  [[nodiscard]] std::vector<Decision> run(const Decision& start, OptimizeSummary& summary);

 private:
  /// The closed-form excess of the largest lane-group X over the limit (at least 0).
  [[nodiscard]] double excess(const Decision& decision) const;
  /// The candidates scored on the horizon, their excess the larger of the closed form's and the simulation's.
  [[nodiscard]] std::vector<Score> score(std::span<const Decision> candidates);
  /// Scores the candidates (those further above the limit than the best are not simulated) and takes the
  /// best of them if it beats the incumbent; false when the search must stop.
  bool consider(std::vector<Decision>& candidates, const char* stage);
  void warm_up(const Decision& incumbent);
  /// Keeps the incumbent for the whole-run comparison at the end.
  void checkpoint();
  /// The horizon of cycles of `cycle_s`, from `incumbent`'s warm state.
  void warm_up(const Decision& incumbent, double cycle_s);
  /// The longest cycle of the decision's signals (the horizon is whole cycles of it).
  [[nodiscard]] Tenths common_cycle(const Decision& decision) const;
  /// The decision with its coordinated groups' offsets set for progression (`progression_offsets`), only
  /// group `group`'s when one is given.
  [[nodiscard]] Decision with_progression(const Decision& decision, std::optional<std::size_t> group = {}) const;
  /// The least cycle the minimums of group `group`'s signals and the options allow.
  [[nodiscard]] Tenths least_cycle(std::size_t group) const;
  [[nodiscard]] bool stopping();
  void scan_cycles(std::size_t group);
  void sweep_signals();
  [[nodiscard]] std::vector<Decision> signal_candidates(std::size_t signal, int level) const;
  [[nodiscard]] std::vector<Decision> cycle_candidates(int level) const;
  [[nodiscard]] double elapsed_s() const;
  [[nodiscard]] std::size_t offset_slots(Tenths cycle) const;
  [[nodiscard]] Tenths offset_spacing(Tenths cycle, int level) const;
  [[nodiscard]] int levels(Tenths cycle) const;

  const std::vector<SignalSpace>& spaces_;
  const Coordination& coordination_;
  std::vector<std::size_t> order_;  // the rounds' signal order: the busiest first, whose moves matter most
  Evaluator& evaluator_;
  const OptimizeOptions& options_;
  std::chrono::steady_clock::time_point started_;
  double warmup_s_ = 0;
  Decision best_;
  Score best_score_;
  OptimizeSummary* summary_ = nullptr;
  bool stopped_ = false;
  std::size_t changes_ = 0;  // moves taken so far
  std::vector<Decision> checkpoints_;  // incumbents at the ends of stages
};

}  // namespace itsc::detail

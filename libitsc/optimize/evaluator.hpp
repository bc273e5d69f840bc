#pragma once
// The optimizer's evaluator (docs/optimizer.md, "Evaluation"): candidate plans scored in batches over
// one compiled model. A warm-up under the incumbent plan is run and saved once; each batch restores
// every member from it, gives each member its candidate's plans (`Simulation::set_plan`), runs the
// search horizon — settling cycles, then measured cycles — and scores each member with `objective`.
// Members are laid out [demand scenario × candidate], so a candidate is scored over every demand
// scenario at once (their mean). Only signals whose decision differs from the incumbent's are compiled
// again; nothing else is compiled, parsed or allocated per batch once the batch has run.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "itsc/objective.hpp"
#include "itsc/plan.hpp"
#include "itsc/scenario.hpp"
#include "itsc/simulate.hpp"
#include "optimize/signal_space.hpp"

namespace itsc::detail {

using Decision = std::vector<SignalDecision>;  ///< [signal]

class Evaluator {
 public:
  /// `scenario` with fixed-time plans; `demands` the demand scenarios (at least one); `candidates` per batch.
  /// Scores combine over the demands by `robust_score` with `percentile`.
  Evaluator(const Scenario& scenario, std::vector<Demand> demands, std::vector<SignalSpace> const& spaces,
            ObjectiveWeights weights, std::size_t candidates, int threads, std::optional<double> percentile = {});

  /// Runs the warm-up (`warmup_s`) under `incumbent` and keeps its state; the horizon measures
  /// `measure_s` after `settle_s`.
  void warm_up(const Decision& incumbent, double warmup_s, double settle_s, double measure_s);
  /// The objective's index of each candidate per hour of the measured horizon (combined over the demand
  /// scenarios), in `index`: horizons of other lengths compare.
  /// With `max_x`, also the largest degree of saturation the simulation measured at any signal's lane group
  /// under any of the demands (volume over the capacity served, so a bay that overflows or a queue that
  /// blocks shows): what the closed form cannot see.
  void evaluate(std::span<const Decision> candidates, std::span<double> index, std::span<double> max_x = {});
  /// Candidates evaluated so far (each once, whatever the number of demand scenarios).
  [[nodiscard]] std::size_t evaluations() const noexcept { return evaluations_; }

 private:
  const Scenario& scenario_;
  const std::vector<SignalSpace>& spaces_;
  std::vector<Demand> demands_;
  ObjectiveWeights weights_;
  std::size_t candidates_;
  std::optional<double> percentile_;
  std::vector<double> scenario_scores_;
  int threads_;
  std::shared_ptr<const Model> model_;          // the scenario's, with the horizon's warm-up and duration
  std::unique_ptr<Simulation> simulation_;
  Simulation::Snapshot warm_;
  double end_s_ = 0;
  double measure_h_ = 1;
  Decision incumbent_;
  std::vector<SignalPlan> incumbent_plans_;
  std::vector<std::vector<SignalPlan>> member_plans_;  // [candidate][signal]
  std::size_t evaluations_ = 0;
};

}  // namespace itsc::detail

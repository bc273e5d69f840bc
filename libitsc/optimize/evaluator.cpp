// Candidate plans scored in batches from a saved warm state.
#include "optimize/evaluator.hpp"

#include <algorithm>

#include "itsc/error.hpp"
#include "optimize/demand_scenarios.hpp"
#include "sim/group_terms.hpp"

namespace itsc::detail {

Evaluator::Evaluator(const Scenario& scenario, std::vector<Demand> demands, const std::vector<SignalSpace>& spaces,
                     ObjectiveWeights weights, std::size_t candidates, int threads, std::optional<double> percentile)
    : scenario_(scenario), spaces_(spaces), demands_(std::move(demands)), weights_(weights),
      candidates_(std::max<std::size_t>(1, candidates)), percentile_(percentile), scenario_scores_(demands_.size()),
      threads_(threads) {
  if (demands_.empty()) throw Error(ErrorCode::invalid_input, "optimize: no demand to evaluate plans under");
}

void Evaluator::warm_up(const Decision& incumbent, double warmup_s, double settle_s, double measure_s) {
  // The model of the horizon, measured from the end of the settling cycles. It is compiled with the
  // incumbent's plan, whose pedestrian service times give the turns' pedestrian factors.
  Scenario horizon = scenario_;
  for (std::size_t s = 0; s < spaces_.size(); ++s) {
    horizon.timing[spaces_[s].node()] = spaces_[s].timing(incumbent[s]);
  }
  horizon.simulation.warmup_s = warmup_s + settle_s;
  horizon.simulation.duration_s = warmup_s + settle_s + measure_s;
  model_ = std::make_shared<const Model>(compile(horizon));
  end_s_ = warmup_s + settle_s + measure_s;
  measure_h_ = measure_s / 3600.0;
  incumbent_ = incumbent;
  incumbent_plans_.clear();
  for (std::size_t s = 0; s < spaces_.size(); ++s) {
    incumbent_plans_.push_back(compile_plan(scenario_, *model_, s, spaces_[s].timing(incumbent[s])));
  }
  // One warm-up per demand scenario.
  const std::size_t scenarios = demands_.size();
  SimulateOptions options;
  options.threads = threads_;
  Simulation warm(model_, compile_demand(*model_, demands_), compile_plans(scenario_, *model_, scenarios), options);
  for (std::size_t m = 0; m < scenarios; ++m) warm.set_plan(m, incumbent_plans_);
  warm.run_until(warmup_s);
  warm_ = warm.save_state();
  // The batch: [demand scenario × candidate].
  std::vector<Demand> member_demand;
  for (const Demand& demand : demands_) member_demand.insert(member_demand.end(), candidates_, demand);
  simulation_ = std::make_unique<Simulation>(model_, compile_demand(*model_, member_demand),
                                             compile_plans(scenario_, *model_, scenarios * candidates_), options);
  member_plans_.assign(candidates_, incumbent_plans_);
}

void Evaluator::evaluate(std::span<const Decision> candidates, std::span<double> index, std::span<double> max_x) {
  const std::size_t scenarios = demands_.size();
  std::vector<std::size_t> from(scenarios * candidates_);
  for (std::size_t m = 0; m < scenarios; ++m) std::fill_n(from.begin() + static_cast<std::ptrdiff_t>(m * candidates_), candidates_, m);
  for (std::size_t first = 0; first < candidates.size(); first += candidates_) {
    const std::size_t count = std::min(candidates_, candidates.size() - first);
    simulation_->restore_state(warm_, from);
    // Members past the last candidate repeat it: their runs are ignored.
    for (std::size_t c = 0; c < candidates_; ++c) {
      const Decision& decision = candidates[first + std::min(c, count - 1)];
      for (std::size_t s = 0; s < spaces_.size(); ++s) {
        member_plans_[c][s] = decision[s] == incumbent_[s]
                                  ? incumbent_plans_[s]
                                  : compile_plan(scenario_, *model_, s, spaces_[s].timing(decision[s]));
      }
      for (std::size_t m = 0; m < scenarios; ++m) simulation_->set_plan(m * candidates_ + c, member_plans_[c]);
    }
    simulation_->run_until(end_s_);
    const State& state = simulation_->state();
    for (std::size_t c = 0; c < count; ++c) {
      for (std::size_t m = 0; m < scenarios; ++m) {
        scenario_scores_[m] = objective(*model_, state, simulation_->demand(), m * candidates_ + c, weights_).index;
      }
      index[first + c] = robust_score(scenario_scores_, percentile_) / measure_h_;
      if (!max_x.empty()) {
        double largest = 0;
        for (std::size_t m = 0; m < scenarios; ++m) {
          for (std::size_t g = 0; g < model_->lane_group_count(); ++g) {
            if (model_->lane_group_signalized[g] == 0) continue;
            const GroupTerms terms = group_terms(*model_, state, simulation_->demand(), g, m * candidates_ + c, std::nullopt);
            if (terms.arrivals_veh > 0) largest = std::max(largest, terms.degree_of_saturation);
          }
        }
        max_x[first + c] = largest;
      }
    }
    evaluations_ += count;
  }
}

}  // namespace itsc::detail

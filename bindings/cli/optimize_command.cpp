// itsc optimize FILE [-o PLAN.yaml] [--json] [--objective delay|pi|throughput] [--stops-weight K]
//                    [--max-x X] [--cycle-min S --cycle-max S] [--cycle-policy common|per-node|groups]
//                    [--coupling-index I]
//                    [--demand-scenarios N --demand-cv C] [--demand-percentile P] [--seed N] [--restarts N]
//                    [--tolerance T] [--lead-lag]
//                    [--max-evaluations N] [--time-limit S] [--threads N] [--batch N] [--quiet]
#include <itsc/io.hpp>
#include <itsc/optimize.hpp>

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"

namespace itsc::cli {

namespace {

struct OptimizeArgs {
  std::string file;
  std::string output;
  bool json = false;
  bool quiet = false;
  std::string objective = "delay";
  std::string cycle_policy = "common";
  OptimizeOptions options;
};

int run_optimize(OptimizeArgs& args) {
  LoadResult loaded = load_scenario_file(args.file);
  for (const auto& warning : loaded.warnings) std::fprintf(stderr, "%s\n", warning.to_string().c_str());
  OptimizeOptions options = args.options;
  options.objective = parse_optimize_objective(args.objective).value_or(OptimizeObjective::delay);
  options.cycle_policy = parse_cycle_policy(args.cycle_policy).value_or(CyclePolicy::common);
  // Progress on a terminal only, one line rewritten in place.
  const bool progress = !args.quiet && isatty(STDERR_FILENO) != 0;
  if (progress) {
    options.progress = [&options](const OptimizeProgress& p) {
      const double rate = p.elapsed_s > 0 ? static_cast<double>(p.evaluations) / p.elapsed_s : 0.0;
      std::string left;
      if (options.time_limit_s > 0) left = ", " + std::to_string(static_cast<int>(options.time_limit_s - p.elapsed_s)) + " s left";
      std::fprintf(stderr, "\r%-20s %7zu plans, %6.0f plans/s, best %.3f, %.0f s%s   ",
                   std::string(p.stage).c_str(), p.evaluations, rate, p.best_objective, p.elapsed_s, left.c_str());
      return true;
    };
  }
  const OptimizeResult result = optimize(loaded.scenario, options);
  if (progress) std::fprintf(stderr, "\n");
  if (!args.output.empty()) save_plan_file(Plan{result.timing}, args.output);
  const std::string report = args.json ? to_json(result.summary) : to_text(result.summary);
  std::fwrite(report.data(), 1, report.size(), stdout);
  if (!args.output.empty() && !args.json) std::printf("\nPlan written to %s (load it with itsc simulate --plan)\n", args.output.c_str());
  return kExitOk;
}

}  // namespace

void add_optimize_command(CLI::App& app) {
  auto args = std::make_shared<OptimizeArgs>();
  OptimizeOptions& o = args->options;
  CLI::App* command = app.add_subcommand("optimize", "Optimize cycle, splits and offsets of the scenario's signals");
  command->add_option("FILE", args->file, "scenario file (YAML)")->required();
  command->add_option("-o,--output", args->output, "write the optimized plan here (a plan file for --plan)");
  command->add_flag("--json", args->json, "print the summary as JSON");
  command->add_flag("--quiet", args->quiet, "no progress on stderr");
  command->add_option("--objective", args->objective, "what to minimize: delay, pi (delay + K x stops) or throughput")
      ->check(CLI::IsMember({"delay", "pi", "throughput"}))
      ->capture_default_str();
  command->add_option("--stops-weight", o.stop_penalty_s, "K of the performance index: seconds of delay per stop")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command->add_option("--max-x", o.max_degree_of_saturation, "largest degree of saturation of any lane group")
      ->check(positive_finite())
      ->capture_default_str();
  command->add_option("--cycle-min", o.cycle_min_s, "shortest cycle searched (s)")->check(positive_finite())
      ->capture_default_str();
  command->add_option("--cycle-max", o.cycle_max_s, "longest cycle searched (s)")->check(positive_finite())
      ->capture_default_str();
  command->add_option("--cycle-policy", args->cycle_policy,
                      "common (coordinated), per-node (uncoordinated) or groups (of neighbours, each coordinated)")
      ->check(CLI::IsMember({"common", "per-node", "groups"}))
      ->capture_default_str();
  command->add_option("--coupling-index", o.coupling_index_min,
                      "groups: the coupling index from which a link of 762 to 1524 m joins its signals")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command->add_option("--demand-scenarios", o.demand_samples,
                      "score plans over this many demands drawn around the scenario's as well (robust)");
  command->add_option("--demand-cv", o.demand_cv,
                      "coefficient of variation of each entry flow and turning count in the drawn demands")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command->add_option("--demand-percentile", o.demand_percentile,
                      "score the plan by this percentile of its objectives over the demands (default: their mean)")
      ->check(CLI::Range(0.0, 100.0));
  command->add_option("--seed", o.seed, "seed of the drawn demands and of the restarts' offsets")
      ->capture_default_str();
  command->add_option("--restarts", o.restarts,
                      "search again this many times from random offsets once converged; the best is kept");
  command->add_option("--tolerance", o.tolerance,
                      "a round over the signals that gains less than this share of the objective ends a step size")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command->add_flag("--lead-lag", o.optimize_sequence, "let protected left-turn phases lead or lag");
  command->add_option("--max-evaluations", o.max_evaluations, "stop after this many plans (0: no limit)");
  command->add_option("--time-limit", o.time_limit_s, "stop after this many seconds (0: no limit)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--threads", o.threads, "threads")->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--batch", o.batch, "candidate plans per simulation batch")->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->callback([args] { run_guarded([args] { return run_optimize(*args); }); });
}

}  // namespace itsc::cli

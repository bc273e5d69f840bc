// itsc analyze FILE [--plan PLAN.yaml] [--target-x X] [--json]
#include <itsc/analyze.hpp>
#include <itsc/io.hpp>

#include <cstdio>
#include <memory>
#include <string>

#include "commands.hpp"

namespace itsc::cli {

namespace {

struct AnalyzeArgs {
  std::string file;
  std::string plan;
  bool json = false;
  AnalyzeOptions options;
};

int run_analyze(const AnalyzeArgs& args) {
  LoadResult loaded = load_scenario_file(args.file);
  for (const auto& warning : loaded.warnings) std::fprintf(stderr, "%s\n", warning.to_string().c_str());
  if (!args.plan.empty()) apply_plan(loaded.scenario, load_plan_file(args.plan, loaded.scenario));
  const Analysis analysis = analyze(loaded.scenario, args.options);
  const std::string report = args.json ? to_json(analysis) : to_text(analysis);
  std::fwrite(report.data(), 1, report.size(), stdout);
  return kExitOk;
}

}  // namespace

void add_analyze_command(CLI::App& app) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* command = app.add_subcommand(
      "analyze", "Closed-form HCM/Webster analysis of each signal: flow ratios, Xc, Webster cycle, splits, delay, LOS");
  command->add_option("FILE", args->file, "scenario file (YAML)")->required();
  command->add_option("--plan", args->plan, "plan file whose timings replace the scenario's");
  command->add_option("--target-x", args->options.target_v_c, "critical v/c of the reported target cycle, in (0, 1]")
      ->check(positive_finite());
  command->add_flag("--json", args->json, "print JSON instead of tables");
  command->callback([args] { run_guarded([args] { return run_analyze(*args); }); });
}

}  // namespace itsc::cli

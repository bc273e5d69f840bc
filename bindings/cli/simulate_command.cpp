// itsc simulate FILE [--plan PLAN.yaml] [--controller NAME] [--duration S] [--warmup S] [--dt S] [--seed N] [--threads N] [--json] [--units si|us]
//                    [--timeseries CSV] [--spat CSV]
#include <itsc/io.hpp>
#include <itsc/simulate.hpp>
#include <itsc/spat_log.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"

namespace itsc::cli {

namespace {

struct SimulateArgs {
  std::string file;
  std::string plan;
  std::string controller;
  double duration_s = 0;
  std::optional<double> warmup_s;
  double dt_s = 0;
  std::optional<int> seed;
  int threads = 1;
  bool json = false;
  std::string units = "si";
  std::string timeseries;
  double timeseries_interval_s = 60;
  std::string spat;
};

int run_simulate(const SimulateArgs& args) {
  LoadResult loaded = load_scenario_file(args.file);
  for (const auto& warning : loaded.warnings) std::fprintf(stderr, "%s\n", warning.to_string().c_str());
  Scenario& scenario = loaded.scenario;
  if (!args.plan.empty()) apply_plan(scenario, load_plan_file(args.plan, scenario));
  if (args.warmup_s) scenario.simulation.warmup_s = *args.warmup_s;
  if (args.seed) scenario.simulation.seed = *args.seed;
  SimulateOptions options;
  options.duration_s = args.duration_s;
  options.dt_s = args.dt_s;
  options.threads = args.threads;
  options.controller = args.controller;
  if (!args.timeseries.empty()) options.timeseries_interval_s = args.timeseries_interval_s;
  // SPaT of every step (member 0), logged as the run goes.
  std::unique_ptr<SpatLog> spat;
  const double start_time_s = scenario.simulation.start_time_s;
  if (!args.spat.empty()) {
    options.after_step = [&spat, start_time_s](const Simulation& simulation) {
      if (!spat) spat = std::make_unique<SpatLog>(simulation, start_time_s);
      spat->record(simulation);
    };
  }
  const SimulationResult result = simulate(scenario, options);
  if (!args.timeseries.empty()) write_file_atomically(args.timeseries, timeseries_csv(result.timeseries));
  if (spat) write_file_atomically(args.spat, spat->csv());
  const Units units = parse_units(args.units).value_or(Units::si);  // checked by the option
  const std::string report = args.json ? to_json(result, units) : to_text(result, units);
  std::fwrite(report.data(), 1, report.size(), stdout);
  return kExitOk;
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* command = app.add_subcommand("simulate", "Simulate a scenario and report delay, stops, queues, LOS");
  command->add_option("FILE", args->file, "scenario file (YAML)")->required();
  command->add_option("--plan", args->plan, "plan file whose timings replace the scenario's");
  command->add_option("--controller", args->controller,
                      "run this controller at every signalized node instead of the scenario's (" +
                          controller_names_text() + ")");
  command->add_option("--duration", args->duration_s, "simulated seconds (default: the scenario's)")
      ->check(CLI::PositiveNumber);
  command->add_option("--warmup", args->warmup_s,
                      "simulated seconds before the results are measured (default: the scenario's warmup_s)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--dt", args->dt_s, "time step in seconds, a multiple of 0.1 (default: the scenario's)")
      ->check(CLI::PositiveNumber);
  command->add_option("--seed", args->seed,
                      "seed of the random detector arrivals (default: the scenario's simulation.seed)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--threads", args->threads, "threads (batched runs only)")->check(CLI::PositiveNumber);
  command->add_flag("--json", args->json, "print JSON instead of a table");
  command->add_option("--units", args->units, "lengths in the report: si (m, km) or us (ft, mi)")
      ->check(CLI::IsMember({"si", "us"}));
  command->add_option("--timeseries", args->timeseries, "write a CSV time series (queues, flows, indications)");
  command->add_option("--timeseries-interval", args->timeseries_interval_s, "seconds between time-series rows")
      ->check(CLI::PositiveNumber);
  command->add_option("--spat", args->spat,
                      "write member 0's SPaT as CSV: a row per movement or crosswalk whenever its indication or "
                      "predicted ends change");
  command->callback([args] { run_guarded([args] { return run_simulate(*args); }); });
}

}  // namespace itsc::cli

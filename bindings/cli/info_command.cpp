// itsc info FILE [--json] [--dt S]: what a scenario holds.
#include <itsc/io.hpp>
#include <itsc/summary.hpp>

#include <cstdio>
#include <memory>

#include "commands.hpp"

namespace itsc::cli {

namespace {
struct InfoOptions {
  std::string file;
  bool json = false;
  double dt_s = 0;
};
}  // namespace

void add_info_command(CLI::App& app) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* command = app.add_subcommand("info", "Summarize a scenario: network, signals, detectors, demand");
  command->add_option("FILE", options->file, "Scenario file (YAML)")->required();
  command->add_flag("--json", options->json, "Print JSON instead of a table");
  command->add_option("--dt", options->dt_s, "Time step for the discretization check (default: the scenario's)")
      ->check(positive_finite());
  command->callback([options] {
    run_guarded([&] {
      const LoadResult loaded = load_scenario_file(options->file);
      for (const Diagnostic& warning : loaded.warnings) std::fprintf(stderr, "%s\n", warning.to_string().c_str());
      const ScenarioSummary summary = summarize(loaded.scenario, options->dt_s);
      std::fputs((options->json ? to_json(summary) : to_text(summary)).c_str(), stdout);
      return kExitOk;
    });
  });
}

}  // namespace itsc::cli

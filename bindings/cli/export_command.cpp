// itsc export sumo --scenario SCENARIO.yaml [--plan PLAN.yaml] -o TLS.add.xml [--program-id ID]
// itsc export sumo --scenario SCENARIO.yaml [--plan PLAN.yaml] --network -o FOLDER: the whole SUMO scenario
// itsc export utdf --scenario SCENARIO.yaml [--plan PLAN.yaml] -o OUT.csv
#include <itsc/io.hpp>
#include <itsc/sumo.hpp>
#include <itsc/utdf.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "commands.hpp"

namespace itsc::cli {

namespace {

struct ExportSumoArgs {
  std::string scenario;
  std::string plan;
  std::string output;
  std::string program_id = "itsc";
  bool network = false;
};

// The whole SUMO scenario into the folder `args.output`, its files named after the scenario file.
int run_export_sumo_network(const ExportSumoArgs& args, const Scenario& scenario, const SumoExportOptions& options) {
  const std::filesystem::path folder(args.output);
  const std::string name = std::filesystem::path(args.scenario).stem().string();
  const SumoScenarioExport exported = export_sumo_scenario(scenario, name, options);
  for (const std::string& line : exported.report) std::fprintf(stderr, "%s\n", line.c_str());
  std::filesystem::create_directories(folder);
  for (const auto& [suffix, text] : {std::pair<const char*, const std::string*>{".nod.xml", &exported.nodes},
                                     {".edg.xml", &exported.edges}, {".con.xml", &exported.connections},
                                     {".tll.xml", &exported.programs}, {".rou.xml", &exported.routes},
                                     {".netccfg", &exported.netconvert_config}, {".sumocfg", &exported.sumo_config}}) {
    write_file_atomically(folder / (name + suffix), *text);
  }
  std::fprintf(stderr, "build and run it: cd %s && netconvert -c %s.netccfg && sumo -c %s.sumocfg\n",
               folder.string().c_str(), name.c_str(), name.c_str());
  return kExitOk;
}

int run_export_sumo(const ExportSumoArgs& args) {
  LoadResult loaded = load_scenario_file(args.scenario);
  for (const auto& warning : loaded.warnings) std::fprintf(stderr, "%s\n", warning.to_string().c_str());
  if (!args.plan.empty()) apply_plan(loaded.scenario, load_plan_file(args.plan, loaded.scenario));
  SumoExportOptions options;
  options.program_id = args.program_id;
  if (args.network) return run_export_sumo_network(args, loaded.scenario, options);
  const SumoExport exported = export_sumo_tls(loaded.scenario, options);
  for (const std::string& line : exported.report) std::fprintf(stderr, "%s\n", line.c_str());
  write_file_atomically(args.output, exported.xml);
  return kExitOk;
}

struct ExportUtdfArgs {
  std::string scenario;
  std::string plan;
  std::string output;
};

int run_export_utdf(const ExportUtdfArgs& args) {
  LoadResult loaded = load_scenario_file(args.scenario);
  for (const auto& warning : loaded.warnings) std::fprintf(stderr, "%s\n", warning.to_string().c_str());
  if (!args.plan.empty()) apply_plan(loaded.scenario, load_plan_file(args.plan, loaded.scenario));
  const UtdfExport exported = export_utdf(loaded.scenario);
  for (const std::string& line : exported.report) std::fprintf(stderr, "%s\n", line.c_str());
  write_file_atomically(args.output, exported.csv);
  return kExitOk;
}

}  // namespace

void add_export_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("export", "Export plans to other tools");
  command->require_subcommand(1);
  auto args = std::make_shared<ExportSumoArgs>();
  CLI::App* sumo = command->add_subcommand("sumo", "Write the plans as SUMO tlLogic programs, or the whole scenario for SUMO");
  sumo->add_option("--scenario", args->scenario, "scenario (imported from the SUMO net, unless --network)")->required();
  sumo->add_option("--plan", args->plan, "plan file whose timings replace the scenario's");
  sumo->add_option("-o,--output", args->output, "additional file to write (.add.xml); with --network, a folder")->required();
  sumo->add_flag("--network", args->network,
                 "write the whole scenario: network (plain XML for netconvert), programs, routes and configurations");
  sumo->add_option("--program-id", args->program_id, "programID of the new programs");
  sumo->callback([args] { run_guarded([args] { return run_export_sumo(*args); }); });
  auto utdf_args = std::make_shared<ExportUtdfArgs>();
  CLI::App* utdf = command->add_subcommand("utdf", "Write the timings (and a UTDF-imported network) as a Synchro UTDF file");
  utdf->add_option("--scenario", utdf_args->scenario, "scenario file")->required();
  utdf->add_option("--plan", utdf_args->plan, "plan file whose timings replace the scenario's");
  utdf->add_option("-o,--output", utdf_args->output, "UTDF file to write (.csv)")->required();
  utdf->callback([utdf_args] { run_guarded([utdf_args] { return run_export_utdf(*utdf_args); }); });
}

}  // namespace itsc::cli

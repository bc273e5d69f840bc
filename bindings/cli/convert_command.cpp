// itsc convert sumo --net NET.net.xml [--routes R.rou.xml ...] [--additional A.add.xml ...] [--begin S]
//                   [--end S] [--interval S] -o SCENARIO.yaml [--report FILE]
// itsc convert utdf FILE.csv -o SCENARIO.yaml [--report FILE]
// (and `itsc convert cityflow`, convert_cityflow_command.cpp)
#include <itsc/io.hpp>
#include <itsc/sumo.hpp>
#include <itsc/utdf.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"

namespace itsc::cli {

namespace {

struct ConvertSumoArgs {
  std::string net;
  std::vector<std::string> routes;
  std::vector<std::string> additional;
  double begin_s = 0;
  std::optional<double> end_s;
  double interval_s = 900;
  std::string output;
  std::string report;
};

int run_convert_sumo(const ConvertSumoArgs& args) {
  SumoImportOptions options;
  options.net_file = args.net;
  options.route_files.assign(args.routes.begin(), args.routes.end());
  options.additional_files.assign(args.additional.begin(), args.additional.end());
  options.begin_s = args.begin_s;
  options.end_s = args.end_s;
  options.interval_s = args.interval_s;
  const SumoImport imported = import_sumo(options);
  return write_conversion(imported.scenario, imported.report, args.output, args.report);
}

struct ConvertUtdfArgs {
  std::string file;
  std::string output;
  std::string report;
};

int run_convert_utdf(const ConvertUtdfArgs& args) {
  UtdfImportOptions options;
  options.file = args.file;
  const UtdfImport imported = import_utdf(options);
  return write_conversion(imported.scenario, imported.report, args.output, args.report);
}

}  // namespace

int write_conversion(const Scenario& scenario, const std::vector<std::string>& report_lines, const std::string& output,
                     const std::string& report_file) {
  std::string report;
  for (const std::string& line : report_lines) report += line + "\n";
  write_file_atomically(output, save_scenario_string(scenario));
  if (report_file.empty()) {
    std::fwrite(report.data(), 1, report.size(), stderr);
  } else {
    write_file_atomically(report_file, report);
  }
  return kExitOk;
}

void add_convert_command(CLI::App& app) {
  CLI::App* convert = app.add_subcommand("convert", "Convert networks and demand from other tools into a scenario");
  convert->require_subcommand(1);
  auto args = std::make_shared<ConvertSumoArgs>();
  CLI::App* sumo = convert->add_subcommand("sumo", "Import a SUMO network, its routes and its signal programs");
  sumo->add_option("--net", args->net, "SUMO network (.net.xml)")->required();
  sumo->add_option("--routes", args->routes, "SUMO route files (.rou.xml): vehicles, trips, flows");
  sumo->add_option("--additional", args->additional,
                   "SUMO additional files (.add.xml): their tlLogic programs replace the net's (the last one per id)");
  sumo->add_option("--begin", args->begin_s, "SUMO time that becomes t = 0 (s)");
  sumo->add_option("--end", args->end_s, "SUMO time the demand ends (s; default: whole intervals past the last departure)");
  sumo->add_option("--interval", args->interval_s, "demand profile interval (s)")->check(positive_finite());
  sumo->add_option("-o,--output", args->output, "scenario file to write (YAML)")->required();
  sumo->add_option("--report", args->report, "write the conversion report here (default: stderr)");
  sumo->callback([args] { run_guarded([args] { return run_convert_sumo(*args); }); });
  auto utdf_args = std::make_shared<ConvertUtdfArgs>();
  CLI::App* utdf = convert->add_subcommand("utdf", "Import a Synchro UTDF combined file: network, volumes and NEMA timings");
  utdf->add_option("file", utdf_args->file, "UTDF combined file (.csv)")->required();
  utdf->add_option("-o,--output", utdf_args->output, "scenario file to write (YAML)")->required();
  utdf->add_option("--report", utdf_args->report, "write the conversion report here (default: stderr)");
  utdf->callback([utdf_args] { run_guarded([utdf_args] { return run_convert_utdf(*utdf_args); }); });
  add_convert_cityflow_command(*convert);
}

}  // namespace itsc::cli

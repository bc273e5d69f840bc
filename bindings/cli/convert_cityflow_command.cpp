// itsc convert cityflow --roadnet ROADNET.json --flow FLOW.json -o SCENARIO.yaml [--report FILE]
//                       [--interval S] [--end S]
#include <itsc/cityflow.hpp>

#include <memory>
#include <optional>
#include <string>

#include "commands.hpp"

namespace itsc::cli {

namespace {

struct ConvertCityFlowArgs {
  std::string roadnet;
  std::string flow;
  std::optional<double> end_s;
  double interval_s = 900;
  std::string output;
  std::string report;
};

int run_convert_cityflow(const ConvertCityFlowArgs& args) {
  CityFlowImportOptions options;
  options.roadnet_file = args.roadnet;
  options.flow_file = args.flow;
  options.end_s = args.end_s;
  options.interval_s = args.interval_s;
  const CityFlowImport imported = import_cityflow(options);
  return write_conversion(imported.scenario, imported.report, args.output, args.report);
}

}  // namespace

void add_convert_cityflow_command(CLI::App& convert) {
  auto args = std::make_shared<ConvertCityFlowArgs>();
  CLI::App* cityflow = convert.add_subcommand("cityflow", "Import a CityFlow road network, its light phases and its flows");
  cityflow->add_option("--roadnet", args->roadnet, "CityFlow road network (roadnet.json)")->required();
  cityflow->add_option("--flow", args->flow, "CityFlow flows (flow.json)")->required();
  cityflow->add_option("--end", args->end_s, "when the demand ends (s; default: whole intervals past the last departure)");
  cityflow->add_option("--interval", args->interval_s, "demand profile interval (s)")->check(positive_finite());
  cityflow->add_option("-o,--output", args->output, "scenario file to write (YAML)")->required();
  cityflow->add_option("--report", args->report, "write the conversion report here (default: stderr)");
  cityflow->callback([args] { run_guarded([args] { return run_convert_cityflow(*args); }); });
}

}  // namespace itsc::cli

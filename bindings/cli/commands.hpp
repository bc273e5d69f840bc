#pragma once
// The `itsc` subcommands. Each file of bindings/cli/ adds one subcommand; logic lives in the library.

#include <CLI/CLI.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <itsc/scenario.hpp>

namespace itsc::cli {

/// Exit codes of `itsc`.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;  ///< a runtime or I/O failure
inline constexpr int kExitInput = 2;    ///< bad input or usage

/// Runs a subcommand's body: prints an `itsc::Error` (all its diagnostics) or any other exception
/// to stderr and turns it into the exit code (2 for invalid input, 1 otherwise). A non-zero result
/// ends the program with that code.
void run_guarded(const std::function<int()>& body);

/// Writes a converted scenario to `output` and its report to `report_file` (stderr when empty); returns 0.
int write_conversion(const Scenario& scenario, const std::vector<std::string>& report_lines, const std::string& output,
                     const std::string& report_file);

/// A positive, finite number (CLI11's PositiveNumber lets "nan" through).
inline CLI::Validator positive_finite() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value) || !std::isfinite(value) || value <= 0) {
          return "must be a positive finite number, got '" + text + "'";
        }
        return {};
      },
      "POSITIVE");
}

void add_validate_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_simulate_command(CLI::App& app);
void add_generate_command(CLI::App& app);
void add_convert_command(CLI::App& app);
/// `itsc convert cityflow`, under `convert`.
void add_convert_cityflow_command(CLI::App& convert);
void add_export_command(CLI::App& app);
void add_optimize_command(CLI::App& app);
void add_analyze_command(CLI::App& app);

}  // namespace itsc::cli

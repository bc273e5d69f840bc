#pragma once
// The `itsc` subcommands. Each file of bindings/cli/ adds one subcommand; logic lives in the library.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace itsc::cli {

/// Exit codes of `itsc`.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;  ///< a runtime or I/O failure
inline constexpr int kExitInput = 2;    ///< bad input or usage

/// Runs a subcommand's body: prints an `itsc::Error` (all its diagnostics) or any other exception
/// to stderr and turns it into the exit code (2 for invalid input, 1 otherwise). A non-zero result
/// ends the program with that code.
void run_guarded(const std::function<int()>& body);

void add_validate_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_simulate_command(CLI::App& app);
void add_generate_command(CLI::App& app);

}  // namespace itsc::cli

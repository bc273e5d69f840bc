// itsc: the command line of libitsc.
#include <itsc/itsc.hpp>

#include <cstdio>
#include <exception>

#include "commands.hpp"

namespace itsc::cli {

namespace {
// Thrown through CLI11 to leave with a subcommand's exit code.
struct ExitWith {
  int code;
};
}  // namespace

void run_guarded(const std::function<int()>& body) {
  int code = kExitOk;
  try {
    code = body();
  } catch (const itsc::Error& error) {
    std::fprintf(stderr, "%s\n", error.what());
    code = error.code() == ErrorCode::invalid_input ? kExitInput : kExitRuntime;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "itsc: %s\n", error.what());
    code = kExitRuntime;
  }
  if (code != kExitOk) throw ExitWith{code};
}

}  // namespace itsc::cli

int main(int argc, char** argv) {
  CLI::App app{"itsc " ITSC_VERSION_STRING " - traffic-signal timing engine", "itsc"};
  app.require_subcommand(1);
  app.set_version_flag("--version", ITSC_VERSION_STRING);
  itsc::cli::add_validate_command(app);
  itsc::cli::add_info_command(app);
  itsc::cli::add_simulate_command(app);
  itsc::cli::add_generate_command(app);
  itsc::cli::add_convert_command(app);
  itsc::cli::add_export_command(app);
  itsc::cli::add_analyze_command(app);
  itsc::cli::add_optimize_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 prints help (exit 0) and usage errors; usage errors are exit code 2.
    const int code = app.exit(error);
    return code == 0 ? 0 : itsc::cli::kExitInput;
  } catch (const itsc::cli::ExitWith& exit) {
    return exit.code;
  }
  return 0;
}

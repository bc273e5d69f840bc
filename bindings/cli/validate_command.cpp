// itsc validate FILE: exit 0 when valid (warnings on stderr), 2 with every problem on stderr.
#include <itsc/io.hpp>

#include <cstdio>
#include <memory>

#include "commands.hpp"

namespace itsc::cli {

void add_validate_command(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("validate", "Check a scenario file; print every problem with FILE:LINE:COL");
  command->add_option("FILE", *file, "Scenario file (YAML)")->required();
  command->callback([file] {
    run_guarded([&] {
      const LoadResult loaded = load_scenario_file(*file);
      for (const Diagnostic& warning : loaded.warnings) std::fprintf(stderr, "%s\n", warning.to_string().c_str());
      std::printf("%s: valid\n", file->c_str());
      return kExitOk;
    });
  });
}

}  // namespace itsc::cli

#pragma once
// Runs the built `itsc` executable and captures its exit code, stdout and stderr.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace itsc::test {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `args` is appended to the executable's path as shell words (quote what needs quoting).
inline CliResult run_cli(const std::string& args) {
  // One folder per process and call: CTest runs test cases in parallel processes.
  static int calls = 0;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("itsc_cli_test_" + std::to_string(getpid()) + "_" + std::to_string(++calls));
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "out.txt").string();
  const std::string err = (dir / "err.txt").string();
  const std::string command = std::string("cd '") + ITSC_SOURCE_DIR + "' && '" + ITSC_CLI_PATH + "' " + args +
                              " >'" + out + "' 2>'" + err + "'";
  const int status = std::system(command.c_str());
  CliResult result;
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(out);
  result.err = read_text(err);
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace itsc::test

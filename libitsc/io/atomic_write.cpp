// Output files are replaced atomically: a reader sees the old file or the new one, never a torn one.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "itsc/io.hpp"

namespace itsc {

namespace {

Error write_error(const std::filesystem::path& path, int error_number) {
  return Error(ErrorCode::io, "cannot write '" + path.string() + "': " + std::strerror(error_number));
}

// Creates a new file beside `path` with a name no one else uses ("x" mode fails if it exists).
std::FILE* create_temporary(const std::filesystem::path& path, std::filesystem::path& temporary) {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  for (int attempt = 0; attempt < 100; ++attempt) {
    temporary = path;
    temporary += ".tmp-" + std::to_string(random());
    if (std::FILE* file = std::fopen(temporary.c_str(), "wbx")) return file;
    if (errno != EEXIST) break;
  }
  throw write_error(path, errno);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  std::filesystem::path temporary;
  std::FILE* file = create_temporary(path, temporary);
  bool ok = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size() && std::fflush(file) == 0;
  int error_number = ok ? 0 : errno;
  if (std::fclose(file) != 0 && ok) {
    ok = false;
    error_number = errno;
  }
  if (ok) {
    std::error_code renamed;
    std::filesystem::rename(temporary, path, renamed);
    ok = !renamed;
    error_number = renamed.value();
  }
  if (!ok) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw write_error(path, error_number);
  }
}

void save_scenario_file(const Scenario& scenario, const std::filesystem::path& path) {
  write_file_atomically(path, save_scenario_string(scenario));
}

void save_plan_file(const Plan& plan, const std::filesystem::path& path) {
  write_file_atomically(path, save_plan_string(plan));
}

}  // namespace itsc

// write_file_atomically: the new contents or, on failure, the old file intact and no temporary left.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "itsc/io.hpp"

using namespace itsc;
namespace fs = std::filesystem;

namespace {

std::string contents_of(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path fresh_folder(const std::string& name) {
  const fs::path folder = fs::temp_directory_path() / ("itsc_atomic_" + name);
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

}  // namespace

TEST_CASE("write_file_atomically: creates and replaces a file, leaving no temporary") {
  const fs::path folder = fresh_folder("replace");
  const fs::path file = folder / "out.yaml";
  write_file_atomically(file, "first\n");
  CHECK(contents_of(file) == "first\n");
  write_file_atomically(file, "second\n");
  CHECK(contents_of(file) == "second\n");
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator{}) == 1);
  fs::remove_all(folder);
}

TEST_CASE("write_file_atomically: a failed rename keeps the old file and removes the temporary") {
  const fs::path folder = fresh_folder("fail");
  const fs::path target = folder / "taken";
  fs::create_directories(target / "inside");  // a non-empty folder cannot be replaced by a file
  try {
    write_file_atomically(target, "new\n");
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::io);
    CHECK(std::string(error.what()).starts_with("cannot write '" + target.string() + "': "));
  }
  CHECK(fs::is_directory(target / "inside"));
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator{}) == 1);
  fs::remove_all(folder);
}

TEST_CASE("write_file_atomically: a missing folder is an io error") {
  try {
    write_file_atomically("/nonexistent_itsc_folder/out.yaml", "x");
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.code() == ErrorCode::io);
    CHECK(std::string(error.what()) == "cannot write '/nonexistent_itsc_folder/out.yaml': No such file or directory");
  }
}

TEST_CASE("save_scenario_file: writes what save_scenario_string gives") {
  const fs::path folder = fresh_folder("save");
  Scenario s;
  s.name = "saved";
  save_scenario_file(s, folder / "s.yaml");
  CHECK(contents_of(folder / "s.yaml") == save_scenario_string(s));
  fs::remove_all(folder);
}

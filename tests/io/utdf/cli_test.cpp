// `itsc convert utdf` and `itsc export utdf`: files written on success, exit 2 and no file on bad input.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/utdf/arterial_utdf.hpp"
#include "support/run_cli.hpp"

using itsc::test::run_cli;

namespace {

std::string temp_path(const std::string& name) { return (std::filesystem::temp_directory_path() / name).string(); }

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = temp_path(name);
  std::ofstream(path) << text;
  return path;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("UTDF cli: convert writes the scenario and the report, export writes the CSV") {
  const std::string csv = write_temp("utdf_cli_net.csv", itsc::test::kArterialUtdf);
  const std::string yaml = temp_path("utdf_cli_net.yaml");
  const std::string report = temp_path("utdf_cli_report.txt");
  const std::string out = temp_path("utdf_cli_out.csv");
  std::filesystem::remove(yaml);
  std::filesystem::remove(out);
  const auto converted = run_cli("convert utdf " + csv + " -o " + yaml + " --report " + report);
  CHECK(converted.code == 0);
  CHECK(read(yaml).find("utdf:") != std::string::npos);
  CHECK(read(report).find("runs as fixed time") != std::string::npos);
  const auto exported = run_cli("export utdf --scenario " + yaml + " -o " + out);
  CHECK(exported.code == 0);
  CHECK(read(out).find("[Phases]") != std::string::npos);
}

TEST_CASE("UTDF cli: bad input exits 2 and writes nothing") {
  std::string text = itsc::test::kArterialUtdf;
  text.replace(text.find("Cycle Length,1,100"), 18, "Cycle Length,1,abc");
  const std::string csv = write_temp("utdf_cli_bad.csv", text);
  const std::string yaml = temp_path("utdf_cli_bad.yaml");
  std::filesystem::remove(yaml);
  const auto result = run_cli("convert utdf " + csv + " -o " + yaml);
  CHECK(result.code == 2);
  CHECK(result.err.find("[Timeplans] INTID 1, Cycle Length, column DATA: not a number 'abc'") != std::string::npos);
  CHECK(!std::filesystem::exists(yaml));
}

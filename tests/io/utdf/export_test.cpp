// UTDF export: import -> export -> import gives the same timings; a changed plan shows in the CSV cells.
#include <doctest/doctest.h>

#include <itsc/utdf.hpp>

#include <sstream>

#include "io/utdf/arterial_utdf.hpp"

namespace itsc {

namespace {

// The cells of the row `record,intid,...` of the CSV (after RECORDNAME and INTID); empty if absent.
std::vector<std::string> cells(const std::string& csv, const std::string& section, const std::string& record,
                               const std::string& intid) {
  std::istringstream in(csv);
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '[') inside = line == "[" + section + "]";
    if (!inside || line.rfind(record + "," + intid + ",", 0) != 0) continue;
    std::vector<std::string> out;
    std::string cell;
    std::istringstream row(line.substr(record.size() + intid.size() + 2));
    while (std::getline(row, cell, ',')) out.push_back(cell);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("UTDF export: export and import again give identical timings and network") {
  const Scenario original = import_utdf(UtdfSource{"net.csv", test::kArterialUtdf}).scenario;
  const UtdfExport exported = export_utdf(original);
  INFO(exported.csv);
  const Scenario again = import_utdf(UtdfSource{"again.csv", exported.csv}).scenario;
  CHECK(again.timing == original.timing);
  CHECK(again.network == original.network);
  CHECK(again.demand.turns == original.demand.turns);
  CHECK(again.utdf == original.utdf);
}

TEST_CASE("UTDF export: an optimized plan's splits and offset in the CSV cells") {
  Scenario scenario = import_utdf(UtdfSource{"net.csv", test::kArterialUtdf}).scenario;
  // Node 2: 10 s from phases 4/8 to 2/6, offset moved by 10 s (referenced to the begin of yellow, which
  // now comes 10 s later in the cycle).
  Timing& timing = scenario.timing.at("2");
  for (Phase& phase : timing.rings->phases) phase.split_s += (phase.number == 2 || phase.number == 6) ? 10 : -10;
  timing.offset_s = 25;
  const std::string csv = export_utdf(scenario).csv;
  INFO(csv);
  const auto max_green = cells(csv, "Phases", "MaxGreen", "2");
  REQUIRE(max_green.size() >= 8);
  CHECK(max_green[1] == "65");  // D2: 70 - 4 - 1
  CHECK(max_green[3] == "25");  // D4: 30 - 4 - 1
  CHECK(cells(csv, "Phases", "BRP", "2")[1] == "111");
  CHECK(cells(csv, "Phases", "Walk", "1")[1] == "7");
  CHECK(cells(csv, "Phases", "DontWalk", "1")[1] == "11");
  CHECK(cells(csv, "Phases", "Yellow", "1")[0] == "3.5");
  CHECK(cells(csv, "Phases", "MinGreen", "1")[1] == "10");
  CHECK(cells(csv, "Phases", "VehExt", "1")[0] == "2.5");
  CHECK(cells(csv, "Phases", "Recall", "2")[1] == "4");  // coordinated, max recall: C-Max
  CHECK(cells(csv, "Timeplans", "Offset", "2") == std::vector<std::string>{"90"});  // 25 + 70 - 5
  CHECK(cells(csv, "Timeplans", "Referenced To", "2") == std::vector<std::string>{"1"});
  CHECK(cells(csv, "Timeplans", "Reference Phase", "2") == std::vector<std::string>{"206"});
  CHECK(cells(csv, "Timeplans", "Cycle Length", "2") == std::vector<std::string>{"100"});
}

TEST_CASE("UTDF export: a scenario not from UTDF gets its timings only, INTIDs for its node ids") {
  Scenario scenario = import_utdf(UtdfSource{"net.csv", test::kArterialUtdf}).scenario;
  scenario.utdf.reset();
  const UtdfExport exported = export_utdf(scenario);
  CHECK(exported.csv.find("[Nodes]") == std::string::npos);
  CHECK(exported.csv.find("[Phases]") != std::string::npos);
  // Without Synchro's reference the offset is written as TS2 first green, libitsc's own.
  CHECK(cells(exported.csv, "Timeplans", "Offset", "1") == std::vector<std::string>{"25"});
  CHECK(cells(exported.csv, "Timeplans", "Referenced To", "1") == std::vector<std::string>{"3"});
}

}  // namespace itsc

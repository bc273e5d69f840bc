// The `itsc` command line: exit codes (0 ok, 1 runtime, 2 bad input or usage) and what it prints.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_cli.hpp"

using itsc::test::run_cli;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}
}  // namespace

TEST_CASE("cli: validate accepts the bundled scenarios") {
  for (const char* file : {"data/isolated.yaml", "data/corridor.yaml", "data/grid6x6.yaml", "data/chicago_ashland.yaml"}) {
    const auto result = run_cli(std::string("validate ") + file);
    CAPTURE(file);
    CHECK(result.code == 0);
    CHECK(result.out == std::string(file) + ": valid\n");
  }
}

TEST_CASE("cli: validate reports every problem with its position and exits 2") {
  const std::string path = write_temp("cli_bad.yaml",
                                      "schema_version: 1\n"
                                      "nodes:\n"
                                      "  - {id: A, control: boundary}\n"
                                      "  - {id: B, control: boundary}\n"
                                      "links:\n"
                                      "  - {id: L, from: A, to: B, length_m: 100, lanes: 0}\n"
                                      "  - {id: M, from: A, to: B, lenght_m: 100}\n");
  const auto result = run_cli("validate '" + path + "'");
  CHECK(result.code == 2);
  CHECK(result.out.empty());
  // Shape errors first (sorted by line and column); the semantic error of line 6 (lanes: 0) is
  // reported once the document is well-formed.
  CHECK(result.err == path + ":7:5: links[1]: missing required key 'length_m' (or 'length_ft')\n" + path +
                          ":7:29: links[1]: unknown key 'lenght_m' (did you mean 'length_m'?)\n");
}

TEST_CASE("cli: semantic errors carry the line and column of their key") {
  const std::string path = write_temp("cli_lanes.yaml",
                                      "schema_version: 1\n"
                                      "nodes:\n"
                                      "  - {id: A, control: boundary}\n"
                                      "  - {id: B, control: boundary}\n"
                                      "links:\n"
                                      "  - {id: L, from: A, to: B, length_m: 100, lanes: 0}\n");
  const auto result = run_cli("validate '" + path + "'");
  CHECK(result.code == 2);
  CHECK(result.err == path + ":6:51: links[0].lanes: must be a positive integer, got 0\n");
}

TEST_CASE("cli: a missing file is an I/O failure, exit 1") {
  const auto result = run_cli("validate /nonexistent/scenario.yaml");
  CHECK(result.code == 1);
  CHECK(result.err == "cannot read '/nonexistent/scenario.yaml': No such file or directory\n");
}

TEST_CASE("cli: usage errors exit 2, help exits 0") {
  CHECK(run_cli("").code == 2);
  CHECK(run_cli("frobnicate").code == 2);
  CHECK(run_cli("info").code == 2);
  CHECK(run_cli("info data/isolated.yaml --dt nan").code == 2);
  CHECK(run_cli("info data/isolated.yaml --dt -1").code == 2);
  const auto help = run_cli("--help");
  CHECK(help.code == 0);
  CHECK(help.out.find("validate") != std::string::npos);
  CHECK(run_cli("info --help").code == 0);
}

TEST_CASE("cli: info prints the scenario's contents, as JSON on request") {
  const auto text = run_cli("info data/isolated.yaml");
  CHECK(text.code == 0);
  CHECK(text.out.find("nodes                        5 (1 signalized, 4 boundary)") != std::string::npos);
  const auto json = run_cli("info data/isolated.yaml --json");
  CHECK(json.code == 0);
  CHECK(json.out.find("\"signalized_nodes\": 1,") != std::string::npos);
  CHECK(json.out.find("\"movements\": 12,") != std::string::npos);
  CHECK(json.out.find("\"detectors\": 6,") != std::string::npos);
  CHECK(json.out.find("\"peak_entry_flow_veh_per_h\": 2600.0,") != std::string::npos);
}

TEST_CASE("cli: simulate --controller overrides every node's controller, an unknown name exits 2") {
  // The report's last line is the wall time, the only part that differs between identical runs.
  const auto without_wall_time = [](const std::string& out) { return out.substr(0, out.rfind("wall time")); };
  const auto fixed = run_cli("simulate data/isolated.yaml --duration 1800 --controller fixed");
  CHECK(fixed.code == 0);
  CHECK(fixed.out.find("NB_L") != std::string::npos);
  CHECK(without_wall_time(fixed.out) == without_wall_time(run_cli("simulate data/isolated.yaml --duration 1800").out));
  // The bundled isolated intersection has detectors: actuated control runs on them.
  const auto actuated = run_cli("simulate data/isolated.yaml --duration 1800 --controller actuated");
  CHECK(actuated.code == 0);
  CHECK(without_wall_time(actuated.out) != without_wall_time(fixed.out));
  const auto unknown = run_cli("simulate data/isolated.yaml --controller psychic");
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("unknown controller 'psychic' (known: fixed, actuated") != std::string::npos);
}

TEST_CASE("cli: simulate --controller max-pressure runs every signal adaptively") {
  const auto without_wall_time = [](const std::string& out) { return out.substr(0, out.rfind("wall time")); };
  const std::string fixed = without_wall_time(run_cli("simulate data/isolated.yaml --duration 1800").out);
  for (const std::string name : {"max-pressure", "max-pressure-cycle"}) {
    CAPTURE(name);
    const auto adaptive = run_cli("simulate data/isolated.yaml --duration 1800 --controller " + name);
    CHECK(adaptive.code == 0);
    CHECK(adaptive.out.find("Intersection C") != std::string::npos);
    CHECK(without_wall_time(adaptive.out) != fixed);  // its greens follow the pressures, not the plan
  }
}

TEST_CASE("cli: simulate --units us reports lengths in feet and miles, the same run") {
  const auto si = run_cli("simulate data/isolated.yaml --json");
  const auto us = run_cli("simulate data/isolated.yaml --json --units us");
  REQUIRE(si.code == 0);
  REQUIRE(us.code == 0);
  const auto metric = nlohmann::json::parse(si.out);
  const auto customary = nlohmann::json::parse(us.out);
  CHECK(metric["units"] == "si");
  CHECK(customary["units"] == "us");
  CHECK(customary["vehicle_mi"].get<double>() == doctest::Approx(metric["vehicle_km"].get<double>() / 1.609344));
  const auto& group_si = metric["intersections"][0]["lane_groups"][0];
  const auto& group_us = customary["intersections"][0]["lane_groups"][0];
  CHECK(group_us.contains("max_queue_ft"));
  CHECK_FALSE(group_us.contains("max_queue_m"));
  CHECK(group_us["max_queue_ft"].get<double>() == doctest::Approx(group_si["max_queue_m"].get<double>() / 0.3048));
  CHECK(group_us["storage_ft"].get<double>() == doctest::Approx(group_si["storage_m"].get<double>() / 0.3048));
  CHECK(customary["delay_s_per_veh"] == metric["delay_s_per_veh"]);
  const auto text = run_cli("simulate data/isolated.yaml --units us");
  CHECK(text.out.find("q max ft") != std::string::npos);
  CHECK(text.out.find("veh-mi") != std::string::npos);
  CHECK(run_cli("simulate data/isolated.yaml --units imperial").code == 2);
}

TEST_CASE("cli: --seed sets the random detector arrivals of an actuated run, the same seed the same report") {
  const auto first = run_cli("simulate data/isolated.yaml --controller actuated --seed 3 --json");
  const auto again = run_cli("simulate data/isolated.yaml --controller actuated --seed 3 --json");
  const auto other = run_cli("simulate data/isolated.yaml --controller actuated --seed 4 --json");
  REQUIRE(first.code == 0);
  const auto delays = [](const std::string& json) { return json.substr(json.find("\"delay_s_per_veh\""), 40); };
  CHECK(delays(first.out) == delays(again.out));
  CHECK(delays(first.out) != delays(other.out));
  CHECK(run_cli("simulate data/isolated.yaml --seed -1").code == 2);
}

TEST_CASE("cli: a run that would measure nothing is refused, saying what to change") {
  // The warm-up of data/isolated.yaml is 900 s: a 600 s run would report no delay at all.
  const auto short_run = run_cli("simulate data/isolated.yaml --duration 600");
  CHECK(short_run.code == 2);
  CHECK(short_run.out.empty());
  CHECK(short_run.err.find("the run of 600 s ends before the warm-up of 900 s does, so nothing would be measured: "
                           "run longer or shorten simulation.warmup_s") != std::string::npos);
  const auto shorter_warmup = run_cli("simulate data/isolated.yaml --duration 600 --warmup 300 --json");
  CHECK(shorter_warmup.code == 0);
  CHECK(shorter_warmup.out.find("\"measured_from_s\": 300") != std::string::npos);
  // A network whose entries carry nothing (the entry flows win over the counts, and are all 0).
  const auto path = (std::filesystem::temp_directory_path() / "itsc_no_entries.yaml").string();
  {
    std::ifstream in(std::string(ITSC_SOURCE_DIR) + "/data/isolated.yaml");
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    for (const char* flow : {"flow_veh_per_h: 890", "flow_veh_per_h: 950", "flow_veh_per_h: 360", "flow_veh_per_h: 400"}) {
      const auto at = yaml.find(flow);
      REQUIRE(at != std::string::npos);
      yaml.replace(at, std::string(flow).size(), "flow_veh_per_h: 0");
    }
    std::ofstream(path) << yaml;
  }
  const auto empty = run_cli("simulate " + path);
  CHECK(empty.code == 2);
  CHECK(empty.err.find("nothing enters the network: the demand has no entry flows") != std::string::npos);
}

TEST_CASE("cli: simulate --spat writes member 0's SPaT, exact for the fixed-time plan") {
  // data/isolated.yaml: cycle 90 s from 16:45 (TimeMark of t = 0: 16:45 → 27000 tenths into the hour);
  // stage 3 (NBT, crosswalk east) green 58-85 s, yellow to 88.5 s, red clearance to 90 s; walk 7 s.
  const auto path = (std::filesystem::temp_directory_path() / "itsc_spat_test.csv").string();
  std::filesystem::remove(path);
  const auto run = run_cli("simulate data/isolated.yaml --duration 200 --warmup 0 --spat " + path);
  REQUIRE(run.code == 0);
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  REQUIRE(!lines.empty());
  CHECK(lines[0] == "time_tenths,time_mark,node,kind,id,indication,min_end_tenths,max_end_tenths,likely_end_tenths");
  std::vector<std::string> nbt;
  std::vector<std::string> east;
  for (const std::string& line : lines) {
    if (line.find(",C,movement,NBT,") != std::string::npos) nbt.push_back(line);
    if (line.find(",C,crosswalk,east,") != std::string::npos) east.push_back(line);
  }
  // Rows only where something changes; min = max = likely = the actual next change.
  REQUIRE(nbt.size() >= 5);
  CHECK(nbt[0] == "10,27010,C,movement,NBT,red,580,580,580");
  CHECK(nbt[1] == "580,27580,C,movement,NBT,protected_green,850,850,850");
  CHECK(nbt[2] == "850,27850,C,movement,NBT,yellow,885,885,885");
  CHECK(nbt[3] == "890,27890,C,movement,NBT,red,1480,1480,1480");  // 88.5 s falls inside the 1 s step
  CHECK(nbt[4] == "1480,28480,C,movement,NBT,protected_green,1750,1750,1750");
  REQUIRE(east.size() >= 3);
  CHECK(east[1] == "580,27580,C,crosswalk,east,walk,650,650,650");
  CHECK(east[2].rfind("650,27650,C,crosswalk,east,flashing_dont_walk,", 0) == 0);
}

TEST_CASE("cli: optimize writes a plan that simulate loads, with the delay the summary reports") {
  const auto plan = (std::filesystem::temp_directory_path() / "cli_optimized_plan.yaml").string();
  std::filesystem::remove(plan);
  const auto optimized = run_cli("optimize data/isolated.yaml --quiet --json -o " + plan);
  REQUIRE(optimized.code == 0);
  const auto summary = nlohmann::json::parse(optimized.out);
  CHECK(summary["stop_reason"] == "converged");
  CHECK(summary["after"]["total_delay_veh_h"].get<double>() <= summary["before"]["total_delay_veh_h"].get<double>());
  const auto simulated = run_cli("simulate data/isolated.yaml --json --plan " + plan);
  REQUIRE(simulated.code == 0);
  CHECK(nlohmann::json::parse(simulated.out)["total_delay_veh_h"].get<double>() ==
        doctest::Approx(summary["after"]["total_delay_veh_h"].get<double>()).epsilon(1e-12));
  const auto text = run_cli("optimize data/isolated.yaml --quiet");
  CHECK(text.code == 0);
  CHECK(text.out.find("before") != std::string::npos);
  // Cycle groups: the bundled corridor's signals are within 2,500 ft of each other, one group.
  const auto grouped = run_cli("optimize data/corridor.yaml --quiet --json --cycle-policy groups --max-evaluations 60");
  REQUIRE(grouped.code == 0);
  const auto signals = nlohmann::json::parse(grouped.out)["signals"];
  REQUIRE(signals.size() == 5);
  for (const auto& signal : signals) CHECK(signal["cycle_s"] == signals[0]["cycle_s"]);
  CHECK(run_cli("optimize data/isolated.yaml --cycle-policy sometimes").code == 2);
  const auto bad = run_cli("optimize data/isolated.yaml --cycle-min 120 --cycle-max 60");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("the longest cycle (60 s) must be at least the shortest (120 s)") != std::string::npos);
}

TEST_CASE("cli: analyze prints the closed-form analysis, as JSON too") {
  const auto text = run_cli("analyze data/isolated.yaml");
  REQUIRE(text.code == 0);
  CHECK(text.out.find("Signal C: cycle 90.0 s") != std::string::npos);
  const auto json = run_cli("analyze data/isolated.yaml --json");
  REQUIRE(json.code == 0);
  const auto analysis = nlohmann::json::parse(json.out);
  CHECK(analysis["signals"][0]["webster_cycle_s"].get<double>() > 0);
  CHECK(analysis["signals"][0]["lane_groups"].size() == 8);
}

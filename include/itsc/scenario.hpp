#pragma once
/// @file scenario.hpp
/// A scenario: network, demand, signal timings and simulation settings, as one value.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/demand.hpp"
#include "itsc/error.hpp"
#include "itsc/network.hpp"
#include "itsc/schedule.hpp"
#include "itsc/timing.hpp"

namespace itsc {

/// The schema version this build reads and writes (see docs/scenario-format.md for migration).
inline constexpr int kSchemaVersion = 1;

/// Largest start-up lost time or usable yellow accepted (s): beyond it the value is a typo, not a driver.
inline constexpr double kMaxLostTime_s = 10;

/// How the engine's detectors turn the fluid's flow into actuations (docs/model.md, "Detectors").
enum class DetectorArrivals {
  random,   ///< free-flowing vehicles at HCM's bunched-exponential headways (seeded), queue discharge regular
  uniform,  ///< every vehicle at even headways: one actuation per whole vehicle of the fluid
};

/// The `simulation:` block. Command-line options override it.
struct SimulationSettings {
  double dt_s = 1;                     ///< step; a positive multiple of 0.1 s
  std::optional<double> duration_s;    ///< default: the demand profile's length
  double warmup_s = 900;               ///< metrics start after this time
  double analysis_period_h = 0.25;     ///< T of the HCM delay formulas
  double start_time_s = 0;             ///< clock time of t = 0, seconds after midnight ("16:00")
  double sneakers_per_cycle = 2;       ///< permitted lefts that clear at the end of each permitted
                                       ///< green, per lane carrying them (HCM: 2)
  double startup_lost_time_s = 2;      ///< l1: effective green starts this long after green onset (HCM: 2)
  double usable_yellow_s = 2;          ///< e: effective green ends this long after yellow onset (HCM: 2)
  DetectorArrivals detector_arrivals = DetectorArrivals::random;
  int seed = 1;                        ///< of the random detector arrivals (every batch member's by default)
  friend bool operator==(const SimulationSettings&, const SimulationSettings&) = default;
};

[[nodiscard]] std::string_view to_string(DetectorArrivals arrivals) noexcept;
[[nodiscard]] std::optional<DetectorArrivals> parse_detector_arrivals(std::string_view text) noexcept;

/// A signalized node's SUMO traffic light, kept by the SUMO import so that plans can be exported to it.
struct SumoSignal {
  std::string node;        ///< signalized node id
  std::string tls;         ///< SUMO traffic light (`tlLogic`) id
  int link_count = 0;      ///< length of its programs' state strings
  /// Movement id -> the `linkIndex` of each of its connections.
  std::map<std::string, std::vector<int>> link_indices;
  /// Movement id -> the movements SUMO's junction logic makes it a foe of (`<request foes>` of any of
  /// their connections), every movement of the node listed: validation checks a plan only against the
  /// conflicts of the legs' bearings that SUMO confirms. Absent: not imported (the bearings decide).
  std::optional<std::map<std::string, std::vector<std::string>>> foes;
  friend bool operator==(const SumoSignal&, const SumoSignal&) = default;
};

/// What the SUMO import keeps of the SUMO network: SUMO's ids are the scenario's ids, plus these.
struct SumoReferences {
  double begin_s = 0;               ///< SUMO time of t = 0 (the import's --begin; the export adds it back)
  std::vector<SumoSignal> signals;  ///< one per signalized node imported from a SUMO traffic light
  friend bool operator==(const SumoReferences&, const SumoReferences&) = default;
};

/// A signalized node's Synchro settings that libitsc does not model, kept by the UTDF import for the export.
struct UtdfSignal {
  std::string node;        ///< signalized node id (its UTDF INTID)
  int referenced_to = 3;   ///< Synchro's offset "Referenced To" code (0 begin of green ... 4 170 style)
  int control_type = 0;    ///< Synchro's "Control Type" code (0 pretimed ... 3 actuated-coordinated)
  friend bool operator==(const UtdfSignal&, const UtdfSignal&) = default;
};

/// What the UTDF import keeps of the Synchro file: its INTIDs and movement columns are the scenario's
/// ids, plus these.
struct UtdfReferences {
  bool metric = false;              ///< the file's units: metres and km/h (else feet and mph)
  std::vector<UtdfSignal> signals;  ///< one per signalized node
  friend bool operator==(const UtdfReferences&, const UtdfReferences&) = default;
};

/// Everything one simulation needs.
struct Scenario {
  int schema_version = kSchemaVersion;
  std::string name;
  SimulationSettings simulation;
  Network network;
  Demand demand;
  /// Further demands by name (a future year, an event day), each a `demand` block of its own: the
  /// optimizer scores plans under them beside `demand` (robust optimization); a run uses `demand` only.
  std::map<std::string, Demand> demand_scenarios;
  std::map<std::string, Timing> timing;  ///< keyed by signalized node id; the plans at `start_time`
  std::map<std::string, Pattern> patterns;  ///< time-of-day patterns by name (schedule.hpp)
  std::vector<ScheduleEntry> schedule;      ///< pattern switches by clock time, in time order
  SumoReferences sumo;                   ///< set by the SUMO import (empty otherwise)
  std::optional<UtdfReferences> utdf;    ///< set by the UTDF import (absent otherwise)

  /// The run length: `simulation.duration_s`, or the demand profile's length.
  [[nodiscard]] double duration_s() const;
  friend bool operator==(const Scenario&, const Scenario&) = default;
};

/// Checks a scenario built in code or loaded from a file: references, numbers, geometry, turns,
/// timing sums, reachability. Returns every problem (errors and warnings) with its key path; file
/// positions are filled in by the loader.
[[nodiscard]] std::vector<Diagnostic> validate(const Scenario& scenario);

/// Checks `timing` as the timing of node `node_id` of `scenario` would be checked by `validate` (key paths
/// "timing.<node>..."): a plan changed at run time is held to the rules of one read from a file.
[[nodiscard]] std::vector<Diagnostic> validate_timing(const Scenario& scenario, const std::string& node_id,
                                                      const Timing& timing);

/// Throws `Error` (invalid_input) holding every error of `validate`, if there is any.
void require_valid(const Scenario& scenario);

}  // namespace itsc

#pragma once
/// @file layout.hpp
/// What one signalized intersection looks like to its controller: the columns of its observation and
/// command (movements, crosswalks, detectors by id), which phases its detectors call and extend, and the
/// few quantities of the approaches that max-pressure weighs. The compiled Model holds one per signal
/// (`Model::signal_layout`); the C API builds one from a controller's configuration.

#include <string>
#include <vector>

namespace itsc {

/// The movement, crosswalk and detector columns a controller is built for (ids at its node).
struct IntersectionLayout {
  std::vector<std::string> movements;  ///< movement ids: the observation's and command's column order
  std::vector<std::string> crosswalks; ///< leg ids of crosswalks
  std::vector<std::string> detectors;  ///< detector ids: the observation's detector order
  /// [detector] phases (stage numbers for a stage plan) each detector calls / extends; empty or
  /// shorter than `detectors` means none (only the actuated controller reads them).
  std::vector<std::vector<int>> detector_calls;
  std::vector<std::vector<int>> detector_extends;
  /// [detector] call delay and extend (carry-over) in seconds (`Detector::delay_s`, `extend_s`); empty
  /// or shorter: 0 (only the actuated controller reads them).
  std::vector<double> detector_delay_s;
  std::vector<double> detector_extend_s;
  std::vector<std::string> turn_on_red;///< movement ids that may turn on red (shown `red_turn_on_red`)
  // Per movement, in `movements` order; empty: unknown (max-pressure then weighs every movement 1).
  std::vector<double> saturation_veh_per_s;  ///< [movement] its lane group's saturation flow (veh/s)
  std::vector<double> storage_veh;           ///< [movement] its lane group's storage (veh)
  std::vector<double> receiving_storage_veh; ///< [movement] storage of the link it enters (veh)
};

}  // namespace itsc

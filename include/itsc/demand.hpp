#pragma once
/// @file demand.hpp
/// Traffic demand: entry flows at boundary links as time profiles, turning counts or proportions per
/// approach, heavy vehicles, pedestrians. Held apart from the network so that batched runs can vary it.

#include <optional>
#include <string>
#include <vector>

namespace itsc {

/// Flow entering the network on one link whose upstream node is a boundary node.
struct EntryFlow {
  std::string link;
  /// veh/h in each profile interval (`Demand::interval_s` long); one value: flat for the whole run.
  std::vector<double> flow_veh_per_h;
  double heavy_vehicle_percent = 0;
  friend bool operator==(const EntryFlow&, const EntryFlow&) = default;
};

/// One movement's share of an approach's traffic.
struct TurnShare {
  std::string movement;         ///< movement id at the node
  std::vector<double> values;   ///< per profile interval (one value: all intervals); veh/h or fraction
  friend bool operator==(const TurnShare&, const TurnShare&) = default;
};

/// Turning counts (preferred) or proportions for one approach (arriving link at a node).
struct ApproachTurns {
  std::string node;
  std::string link;                 ///< the arriving link
  bool counts = true;               ///< true: values are veh/h counts; false: proportions summing to 1
  std::vector<TurnShare> shares;
  friend bool operator==(const ApproachTurns&, const ApproachTurns&) = default;
};

/// Pedestrians crossing one crosswalk (named by its node and leg).
struct PedestrianFlow {
  std::string node;
  std::string leg;
  double flow_ped_per_h = 0;
  friend bool operator==(const PedestrianFlow&, const PedestrianFlow&) = default;
};

/// All demand of a scenario.
///
/// Peak-hour factor rule: with a profile of one interval the flow is simulated flat and the HCM
/// formulas use V/PHF; with several intervals (e.g. 15-min counts) `peak_hour_factor` is an error,
/// because the profile already carries the peaking.
struct Demand {
  double interval_s = 3600;                 ///< length of each profile interval
  std::optional<double> peak_hour_factor;   ///< (0, 1]
  bool normalize_turns = false;             ///< rescale proportions whose sum is off instead of rejecting
  std::vector<EntryFlow> entries;
  std::vector<ApproachTurns> turns;
  std::vector<PedestrianFlow> pedestrians;
  friend bool operator==(const Demand&, const Demand&) = default;
};

}  // namespace itsc

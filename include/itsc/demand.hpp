#pragma once
/// @file demand.hpp
/// Traffic demand: entry flows at boundary links and trips that start or end on any link as time profiles,
/// turning counts or proportions per approach, heavy vehicles, pedestrians. Held apart from the network so that batched runs can vary it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itsc {

/// Which side wins where the turning counts of an entry link's approach do not add up to its entry
/// flow (`demand.balance`). Every such difference is reported (a warning, or the error).
enum class DemandBalance : std::uint8_t {
  entries,  ///< the entry flow: the counts give the turning shares, scaled to it
  counts,   ///< the counts: their total replaces the entry flow
  error,    ///< neither: a difference is an error
};
[[nodiscard]] std::string_view to_string(DemandBalance balance) noexcept;
[[nodiscard]] std::optional<DemandBalance> parse_demand_balance(std::string_view text) noexcept;

/// How a file gives entry flows and turning counts (`demand.unit`). Held in veh/h either way: the reader
/// converts raw counts (vehicles in each `interval_s`) and the writer converts them back.
enum class FlowUnit : std::uint8_t {
  veh_per_h,         ///< hourly rates
  veh_per_interval,  ///< vehicles counted in each profile interval (raw 15-minute counts, say)
};
[[nodiscard]] std::string_view to_string(FlowUnit unit) noexcept;
[[nodiscard]] std::optional<FlowUnit> parse_flow_unit(std::string_view text) noexcept;

/// Flow entering the network on one link whose upstream node is a boundary node.
struct EntryFlow {
  std::string link;
  /// veh/h in each profile interval (`Demand::interval_s` long); one value: flat for the whole run.
  std::vector<double> flow_veh_per_h;
  double heavy_vehicle_percent = 0;
  friend bool operator==(const EntryFlow&, const EntryFlow&) = default;
};

/// Trips that end on a link (parking, driveways, side streets not modelled) — a link that does not end at a
/// boundary node, where every vehicle leaves anyway. They leave as they reach the end of the link, ahead of
/// the queue at its stop line, or, `at_stop_line`, at the stop line itself: queued with the movements, they
/// leave as they cross it (SUMO's default arrival, at the end of the edge).
struct TripEnds {
  std::string link;
  /// Share of the vehicles reaching the end of the link that end their trip there, in each profile
  /// interval (one value: the whole run), 0..1; the others turn by the approach's turning data.
  std::vector<double> share;
  bool at_stop_line = false;
  friend bool operator==(const TripEnds&, const TripEnds&) = default;
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
  double flow_bic_per_h = 0;  ///< bicycles going straight beside the right turns that cross the crosswalk
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
  DemandBalance balance = DemandBalance::entries;
  FlowUnit unit = FlowUnit::veh_per_h;       ///< as the file gives flows; the values here are veh/h always
  std::vector<EntryFlow> entries;
  /// Trips that start on a link that does not start at a boundary node (parking, driveways, side streets
  /// not modelled): they join its traffic at its upstream end, after the vehicles already on the street.
  std::vector<EntryFlow> sources;
  std::vector<TripEnds> sinks;
  std::vector<ApproachTurns> turns;
  std::vector<PedestrianFlow> pedestrians;
  friend bool operator==(const Demand&, const Demand&) = default;
};

/// Profile intervals of the demand: as many as its longest profile, at least one.
[[nodiscard]] std::size_t interval_count(const Demand& demand) noexcept;
/// A profile's value in interval k: one value holds throughout, the last one beyond the end; 0 if empty.
[[nodiscard]] double profile_value(const std::vector<double>& values, std::size_t k) noexcept;
/// The total of the turning counts given for the approach on `link` in interval k (veh/h); none when the
/// approach has no counts.
[[nodiscard]] std::optional<double> counted_total_veh_per_h(const Demand& demand, std::string_view link, std::size_t k);
/// The flow of the trips that start on `link` in interval k (its `sources[]` profile; 0 without one), veh/h.
[[nodiscard]] double source_flow_veh_per_h(const Demand& demand, std::string_view link, std::size_t k);
/// The share of the vehicles reaching the end of `link` in interval k that end their trip there (its
/// `sinks[]` profile; 0 without one).
[[nodiscard]] double trip_end_share(const Demand& demand, std::string_view link, std::size_t k);
/// The flow entering on entry link `link` in interval k as a run takes it (veh/h): its `entries[]`
/// profile, or its approach's counted total where `balance` is `counts` or no `entries[]` row gives it
/// (counts alone are enough at the edge of the network); 0 without either.
[[nodiscard]] double entry_flow_veh_per_h(const Demand& demand, std::string_view link, std::size_t k);

}  // namespace itsc

#pragma once
// A lane group's HCM terms from a member's metrics: volume, capacity, X and the overflow delay that the
// simulation's deterministic delay leaves out. Results and the objective take them from here.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "itsc/controller.hpp"
#include "itsc/model.hpp"
#include "itsc/sim.hpp"

namespace itsc::detail {

/// How a lane group's control adds HCM's random delay and grades it: a signal's overflow term (d2), a
/// two-way stop's stop-control delay for movements that give way, nothing for the free major street.
enum class GroupControl { signal, stop, free };

[[nodiscard]] GroupControl group_control(const Model& model, std::size_t g) noexcept;

/// The unit extension of a lane group under actuated control: the longest of its movements' (none: the
/// group is not actuated, and HCM's k is 0.5). `controllers` may be empty.
[[nodiscard]] std::optional<double> unit_extension_s(const Model& model, std::span<Controller* const> controllers,
                                                     std::size_t g) noexcept;

/// The measured time that rates of member b are taken over (s): the measured period, cut where its demand
/// ends — the intervals of the profile after the last one with any entry flow, left empty to drain the
/// network — so that such a tail dilutes no volume, X, overflow term or throughput. A profile whose last
/// interval carries flow holds it to the end of the run (`BatchDemand`).
[[nodiscard]] double rate_window_s(const Model& model, const Metrics& metrics, const BatchDemand& demand,
                                   std::size_t b) noexcept;

/// A lane group's saturation flow for a mix of its movements and the HCM factors in it.
struct SaturationTerms {
  double turn_factor = 1;              ///< 1 / Σ share·E of its movements: HCM's f_LT·f_RT
  double pedestrian_right_factor = 1;  ///< f_Rpb (see GroupTerms)
  double pedestrian_left_factor = 1;   ///< f_Lpb (see GroupTerms)
  double saturation_veh_per_h = 0;     ///< its through-car rate / Σ share·E / f_pb of its movements
};

/// Group g's saturation terms when `share(m)` of its traffic takes movement m (the shares of its
/// movements add up to 1): each vehicle takes its own movement's service time, so the group's s is its
/// through-car rate over the mean through-car equivalent of its traffic, each turn's E over its
/// pedestrian factor f_pb.
template <typename Share>
[[nodiscard]] SaturationTerms saturation_terms(const Model& model, std::size_t g, Share&& share) noexcept {
  double equivalents = 0;       // Σ share · E / f_pb: what the group discharges at
  double turn_equivalents = 0;  // Σ share · E: the turns alone
  double left_equivalents = 0;  // Σ share · E, over f_pb for the lefts only
  for (auto m = model.lane_group_movement_begin[g]; m < model.lane_group_movement_end[g]; ++m) {
    const double pedestrians = model.movement_pedestrian_factor[m];
    const double turn = share(m) * pedestrians / model.movement_saturation_factor[m];
    const TurnType type = model.movement_turn[m];
    equivalents += turn / pedestrians;
    turn_equivalents += turn;
    left_equivalents += type == TurnType::left || type == TurnType::u_turn ? turn / pedestrians : turn;
  }
  SaturationTerms r;
  r.turn_factor = turn_equivalents > 0 ? 1.0 / turn_equivalents : 1.0;
  r.pedestrian_right_factor = equivalents > 0 ? left_equivalents / equivalents : 1.0;
  r.pedestrian_left_factor = left_equivalents > 0 ? turn_equivalents / left_equivalents : 1.0;
  // A left that yields on a permitted green: its factor there (the lowest of several).
  const auto yields_begin = model.lane_group_left_yield_begin[g];
  for (auto j = yields_begin; j < model.lane_group_left_yield_begin[g + 1]; ++j) {
    const double permitted = model.yield_pedestrian_factor[model.lane_group_left_yield[j]];
    r.pedestrian_left_factor = j == yields_begin ? permitted : std::min(r.pedestrian_left_factor, permitted);
  }
  const double through_rate_veh_per_h = model.lane_group_saturation_veh_per_s[g] * 3600.0;
  r.saturation_veh_per_h = equivalents > 0 ? through_rate_veh_per_h / equivalents : through_rate_veh_per_h;
  return r;
}

struct GroupTerms {
  double arrivals_veh = 0;            ///< over the measured period
  double delay_veh_s = 0;             ///< simulated delay of its movements
  double stops = 0;                   ///< stops of its movements
  double volume_veh_per_h = 0;        ///< arrivals per hour ÷ PHF
  double turn_factor = 1;             ///< 1 / Σ share·E of its movements: HCM's f_LT·f_RT
  /// HCM's f_Rpb of the group: how much its rights' pedestrian factors lower s (Σ share·E over the same
  /// sum with each right's E / f_Rpb)
  double pedestrian_right_factor = 1;
  /// HCM's f_Lpb of the group: a left's factor over its permitted green where one yields on a permitted
  /// green (it scales the gap rate, not s; the lowest where several do), else the same ratio as f_Rpb's for
  /// the lefts' factors over their protected green, which lower s
  double pedestrian_left_factor = 1;
  double saturation_veh_per_h = 0;    ///< s: its through-car rate / Σ share·E / f_pb of its movements
  double effective_green_share = 0;   ///< capacity / s
  double capacity_veh_per_h = 0;
  double degree_of_saturation = 0;
  double overflow_delay_s_per_veh = 0;
};

[[nodiscard]] GroupTerms group_terms(const Model& model, const State& state, const BatchDemand& demand, std::size_t g,
                                     std::size_t b, std::optional<double> unit_extension_s) noexcept;

}  // namespace itsc::detail

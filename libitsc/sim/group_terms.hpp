#pragma once
// A lane group's HCM terms from a member's metrics: volume, capacity, X and the overflow delay that the
// simulation's deterministic delay leaves out. Results and the objective take them from here.
#include <cstddef>
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

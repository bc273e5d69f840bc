#pragma once
// Saturation flow of every lane group at a signal under its prevailing conditions (HCM factors), and
// each signalized movement's through-car equivalent. Derived once at compile time from the geometry
// and the scenario's demand (heavy vehicles).

#include "itsc/hcm.hpp"
#include "itsc/model.hpp"

namespace itsc::detail {

/// Multiplies the base saturation flow of each lane group at a signalized node by its HCM factors
/// (`Model::lane_group_factors`), sets `Model::movement_saturation_factor` (1/E_L for lefts and U-turns,
/// 1/E_R for rights at signals, 1 elsewhere, times the pedestrian factors of `compile_pedestrian_factors`)
/// and the saturation flows the signal layouts carry. Lane
/// groups elsewhere keep their base saturation flow: an uncontrolled merge discharges at link capacity,
/// and a two-way stop's minor movements have their gap capacity.
void compile_saturation(Model& model, const Scenario& scenario);

/// Heavy vehicles in every link's traffic (%, [link]): entries carry theirs; downstream each link's share
/// is the flow-weighted share of the movements feeding it (heavy vehicles turn as the others do), from
/// the demand averaged over its profile intervals.
[[nodiscard]] std::vector<double> heavy_vehicle_percent_per_link(const Model& model, const Demand& demand);

/// Every movement's flow (veh/h, [movement]) from the demand averaged over its profile intervals: its
/// arriving link's flow (entries carried downstream in the turning proportions) × its share of it.
[[nodiscard]] std::vector<double> mean_movement_flows_veh_per_h(const Model& model, const Demand& demand);

/// What a lane group serves, for its default lane utilization and its number of turning lanes.
[[nodiscard]] hcm::GroupKind group_kind(const Model& model, std::size_t g);

}  // namespace itsc::detail

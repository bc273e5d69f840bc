#pragma once
/// @file generate.hpp
/// Deterministic generators of synthetic scenarios: a grid of signalized intersections and an
/// arterial corridor. The same options always give the same `Scenario` (and so the same saved bytes).
///
/// Both are built on one street grid: east-west streets are the "main" streets, north-south streets
/// the "side" streets, and a corridor is a grid of one row. Conventions of the generated scenarios:
/// - Signalized nodes `r<R>c<C>` (1-based; row 1 is the southernmost, column 1 the westernmost) at
///   x = (C-1)·spacing, y = (R-1)·spacing; boundary nodes `w<R>`, `e<R>`, `s<C>`, `n<C>` one spacing
///   beyond each street end. Links are named `<from>_<to>`.
/// - Legs `north`, `east`, `south`, `west`, bearings from the coordinates (not written), each with a
///   crosswalk as long as the street is wide (3.5 m per lane, bay lane included).
/// - Movements `EBL`, `EBT`, `EBR`, `WBL`, ... named by approach direction (unique within a node, as
///   movement ids are). Lane groups `EB_L` (exclusive left, in the bay) and `EB_TR`, or one shared group
///   `EB_LTR` when there is no bay.
/// - Detectors `<node>_<approach>_adv` (40 m upstream, extends the through stage) and
///   `<node>_<approach>_stop` (12 m stop-bar zone, calls every stage serving the approach).
/// - Demand: per entry link one flat profile interval covering the run; turning proportions at
///   every approach of every signalized node. One-way streets alternate direction: odd rows
///   eastbound, even rows westbound, odd columns northbound, even columns southbound.
/// - Timing: fixed time, offset 0, stages east-west then north-south (a corridor may lead with
///   protected main-street lefts), greens split by Webster's rule over the generated volumes.

#include "itsc/scenario.hpp"

namespace itsc {

/// Options of `generate_grid`. The defaults are the project's pinned benchmark grid
/// (`data/grid6x6.yaml`): every speed figure of the project refers to it, so do not change them.
struct GridOptions {
  int rows = 6;                       ///< east-west streets (signalized nodes per column)
  int columns = 6;                    ///< north-south streets (signalized nodes per row)
  double spacing_m = 400;             ///< between neighbouring intersections (and to the boundary)
  double speed_kmh = 50;              ///< free-flow speed of every link
  int lanes = 2;                      ///< through lanes per direction on every street
  double bay_length_m = 60;           ///< left-turn bay at every approach with a left turn (0: none)
  double main_entry_veh_per_h = 700;  ///< per entry link of an east-west street
  double side_entry_veh_per_h = 400;  ///< per entry link of a north-south street
  double left_share = 0.15;           ///< of each approach's traffic, where a left turn exists
  double right_share = 0.15;          ///< of each approach's traffic, where a right turn exists
  double cycle_s = 90;
  bool one_way = false;      ///< one-way streets of alternating direction
  double dt_s = 1;           ///< `simulation.dt_s`
  double duration_s = 3600;  ///< `simulation.duration_s`
  friend bool operator==(const GridOptions&, const GridOptions&) = default;
};

/// Options of `generate_corridor`: an east-west arterial crossed by side streets.
struct CorridorOptions {
  int signals = 5;  ///< signalized intersections along the arterial
  double spacing_m = 400;
  double speed_kmh = 50;
  int main_lanes = 2;                  ///< arterial through lanes per direction
  int side_lanes = 1;                  ///< side-street through lanes per direction
  double bay_length_m = 60;            ///< left-turn bay at every approach with a left turn (0: none)
  double main_entry_veh_per_h = 1000;  ///< per arterial entry link
  double side_entry_veh_per_h = 300;   ///< per side-street entry link
  double left_share = 0.1;
  double right_share = 0.1;
  double cycle_s = 90;
  bool one_way = false;      ///< arterial one-way eastbound (side streets stay two-way)
  bool leading_left = true;  ///< protected leading arterial lefts (two-way arterial with bays)
  double dt_s = 1;
  double duration_s = 3600;
  friend bool operator==(const CorridorOptions&, const CorridorOptions&) = default;
};

/// A rows × columns grid of signalized intersections with a two-stage (east-west, north-south) plan
/// and permitted lefts. Throws `Error` (invalid_input) naming each bad option.
[[nodiscard]] Scenario generate_grid(const GridOptions& options = {});

/// An arterial of `signals` intersections, each crossed by its own side street. Throws `Error`
/// (invalid_input) naming each bad option.
[[nodiscard]] Scenario generate_corridor(const CorridorOptions& options = {});

}  // namespace itsc

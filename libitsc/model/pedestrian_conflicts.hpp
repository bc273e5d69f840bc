#pragma once
// HCM pedestrian adjustment of turning saturation flows at signals (f_Rpb, f_Lpb): from each turn's
// green and the walk and pedestrian clearance of the crosswalk it turns across, in the scenario's plan.

#include "itsc/model.hpp"

namespace itsc::detail {

/// Sets `Model::movement_pedestrian_factor` (f_Rpb of each right turn over its green; f_Lpb of each left
/// or U-turn over its protected green) and multiplies it into `movement_saturation_factor`, and sets
/// `Model::yield_pedestrian_factor` (f_Lpb of each permitted left over its permitted green, against the
/// opposing flow and queue). A turn conflicts with the crosswalk of the leg it leaves by, during the
/// part of its green in which that crosswalk shows walk or flashing don't walk in the scenario's plan of
/// its signal, compiled to one fixed-time cycle. Movements without such a crosswalk, pedestrians or a
/// plan keep 1. Needs the turn factors and the lane groups' saturation flows set (an opposing queue's
/// service time depends on them).
void compile_pedestrian_factors(Model& model, const Scenario& scenario);

}  // namespace itsc::detail

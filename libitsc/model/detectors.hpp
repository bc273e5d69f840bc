#pragma once
// Places the signals' detectors on the cells (the `detector_*` and `zone_*` arrays of the Model).

#include "itsc/model.hpp"

namespace itsc::detail {

/// Fills the Model's detector arrays from the signal layouts' detectors; call once the links are compiled.
void compile_detectors(Model& model, const Scenario& scenario);

}  // namespace itsc::detail

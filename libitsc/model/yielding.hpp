#pragma once
// Yielding movements of a compiled model: which movements give way, with which HCM headways, and to
// which conflicting flows. Derived once at compile time from the turn types, the leg bearings and the
// scenario's `right_turn_on_red` and `major_links`.

#include "itsc/model.hpp"

namespace itsc::detail {

/// Fills `Model::movement_yield` and the `yield_*` and `conflict_*` arrays of a model whose nodes,
/// lane groups and movements are compiled. Throws `itsc::Error` (invalid_input) when a two-way stop
/// names no major street or a link of it that does not arrive at the node, or when a yielding left
/// turn's approach has no bearing (no leg bearing and no coordinates) to find the opposing approach.
void compile_yielding(Model& model, const Scenario& scenario);

}  // namespace itsc::detail

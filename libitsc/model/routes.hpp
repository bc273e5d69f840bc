#pragma once
// Through routes of a compiled model: the arterials, one direction each, that the urban street figures
// (travel time, travel speed, LOS) are reported for. Detected from the movements' turn types until a
// scenario can name its routes.

#include "itsc/model.hpp"

namespace itsc::detail {

/// Fills `Model::route_*` of a model whose movements are compiled and indexed by link. A route starts
/// at a link no through movement leads into (one from a boundary, or a side street's first link) and
/// follows, link by link, the first movement leaving it that is declared through and not closed, until
/// none leaves or a link repeats; it is kept when it passes two signals or more, from its first signal's
/// through movement to its last's. Routes are in the order of their first links in the scenario.
void compile_routes(Model& model, const Scenario& scenario);

}  // namespace itsc::detail

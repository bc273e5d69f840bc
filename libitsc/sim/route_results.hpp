#pragma once
// A through route's urban street figures (HCM's facility method) from its movements' results.
#include <cstddef>
#include <span>

#include "itsc/model.hpp"
#include "itsc/simulate.hpp"

namespace itsc::detail {

/// Route `route` of `model` (`Model::route_*`) from the results of every lane group of one member,
/// `groups[g]` in the model's lane-group order.
[[nodiscard]] RouteResult route_result(const Model& model, std::size_t route, std::span<const LaneGroupResult> groups);

}  // namespace itsc::detail

// Through route → length, running time, control delay, travel speed and the HCM urban street LOS.
#include "sim/route_results.hpp"

#include <algorithm>

#include "itsc/hcm.hpp"

namespace itsc::detail {

RouteResult route_result(const Model& model, std::size_t route, std::span<const LaneGroupResult> groups) {
  RouteResult r;
  r.id = model.route_id[route];
  const auto begin = model.route_movement_begin[route];
  const auto end = model.route_movement_begin[route + 1];
  r.nodes.push_back(model.node_id[model.movement_node[model.route_movement[begin]]]);
  double volume_m = 0;  // Σ L · through volume
  // Each link after the first signal, with the through movement at the node it ends at: HCM's segment
  // running time plus the control delay at its downstream boundary.
  for (auto entry = begin + 1; entry < end; ++entry) {
    const auto m = model.route_movement[entry];
    const auto link = model.movement_from_link[m];
    const auto g = model.movement_lane_group[m];
    const MovementResult& through = groups[g].movements[m - model.lane_group_movement_begin[g]];
    const double length_m = model.link_length_m[link];
    r.nodes.push_back(model.node_id[model.movement_node[m]]);
    r.links.push_back(model.link_id[link]);
    r.length_m += length_m;
    r.running_time_s += length_m / model.link_free_speed_m_per_s[link];
    r.control_delay_s += through.delay_s_per_veh;
    volume_m += length_m * through.volume_veh_per_h;
    if (model.node_control[model.movement_node[m]] == NodeControl::signalized) {
      r.critical_v_c = std::max(r.critical_v_c, groups[g].degree_of_saturation);
    }
  }
  r.travel_time_s = r.running_time_s + r.control_delay_s;
  if (r.length_m > 0) {
    r.free_flow_speed_kmh = r.length_m / r.running_time_s * 3.6;
    r.speed_kmh = r.length_m / r.travel_time_s * 3.6;
    r.speed_share = r.running_time_s / r.travel_time_s;
    r.through_volume_veh_per_h = volume_m / r.length_m;
  }
  r.over_capacity = r.critical_v_c > 1.0;
  r.los = hcm::to_char(hcm::urban_street_los(r.speed_share, r.critical_v_c));
  return r;
}

}  // namespace itsc::detail

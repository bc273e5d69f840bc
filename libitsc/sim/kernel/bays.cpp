// Turn bays in the step: the share of each link's lanes that full bays leave open.
#include <algorithm>

#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

// Full bays: a bay's overflow queues in the lanes it spills into (one vehicle per bay lane blocks a
// lane), which the link's lane groups without a bay then cannot use: they keep the open share.
template <bool kOne>
void bay_blocking(const Model& model, State& state, const Block& block) noexcept {
  const Members<kOne> members(state, block);
  const std::size_t batch = members.batch;
  for (std::uint32_t link = 0; link < model.link_count(); ++link) {
    const auto begin = model.link_bay_begin[link];
    const auto end = model.link_bay_begin[link + 1];
    if (begin == end) continue;
    double* open = &state.link_open_share[link * batch];
    for (std::size_t b = members.begin; b < members.end; ++b) open[b] = 1.0;
    for (auto k = begin; k < end; ++k) {
      const auto g = model.bay_lane_group[k];
      const double storage = model.lane_group_bay_storage_veh[g];
      const double lanes = model.lane_group_lanes[g];
      const double share = model.lane_group_spill_share[g];
      for (std::size_t b = members.begin; b < members.end; ++b) {
        const double content = state.group_demand_veh[g * batch + b];
        const double spilled = std::clamp((content - storage) / lanes, 0.0, 1.0);
        open[b] = std::max(0.0, open[b] - share * spilled);
      }
    }
  }
}

template void bay_blocking<false>(const Model&, State&, const Block&) noexcept;
template void bay_blocking<true>(const Model&, State&, const Block&) noexcept;

}  // namespace itsc::detail::ITSC_KERNEL_ISA

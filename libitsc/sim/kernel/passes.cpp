// This instruction set's table of passes (passes.hpp).
#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

const Passes kPasses{&signal_capacity<false>, &node_flows<false>,   &link_flows<false>,
                     &snapshot_detectors<false>, &update_links<false>, &update_detectors<false>};
const Passes kPassesOne{&signal_capacity<true>, &node_flows<true>,   &link_flows<true>,
                        &snapshot_detectors<true>, &update_links<true>, &update_detectors<true>};

}  // namespace itsc::detail::ITSC_KERNEL_ISA

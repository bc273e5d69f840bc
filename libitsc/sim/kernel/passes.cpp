// This instruction set's table of passes (passes.hpp).
#include "sim/kernel/passes.hpp"

namespace itsc::detail::ITSC_KERNEL_ISA {

const Passes kPasses{&signal_capacity, &node_flows, &link_flows, &snapshot_detectors, &update_links, &update_detectors};

}  // namespace itsc::detail::ITSC_KERNEL_ISA

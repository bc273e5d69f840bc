#pragma once
/// @file itsc.hpp
/// Umbrella header of libitsc.

#include "itsc/clearance.hpp"
#include "itsc/controller.hpp"
#include "itsc/demand.hpp"
#include "itsc/error.hpp"
#include "itsc/generate.hpp"
#include "itsc/hcm.hpp"
#include "itsc/interval_table.hpp"
#include "itsc/io.hpp"
#include "itsc/model.hpp"
#include "itsc/network.hpp"
#include "itsc/ring_plan.hpp"
#include "itsc/scenario.hpp"
#include "itsc/sim.hpp"
#include "itsc/simulate.hpp"
#include "itsc/summary.hpp"
#include "itsc/timing.hpp"
#include "itsc/version.hpp"

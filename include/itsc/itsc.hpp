#pragma once
/// @file itsc.hpp
/// Umbrella header of libitsc.

#include "itsc/clearance.hpp"
#include "itsc/demand.hpp"
#include "itsc/error.hpp"
#include "itsc/generate.hpp"
#include "itsc/io.hpp"
#include "itsc/network.hpp"
#include "itsc/ring_plan.hpp"
#include "itsc/scenario.hpp"
#include "itsc/timing.hpp"
#include "itsc/version.hpp"

#pragma once
/// @file objective.hpp
/// How good a member's run was, as one number and its parts: delay (the simulated delay plus HCM's
/// overflow term, the network figure of `SimulationResult::total_delay_veh_h`), stops, throughput and
/// queue spill-back over the measured period (after `Model::warmup_s`; a restored state carries the
/// snapshot's metrics, so candidates restored from a snapshot saved at the end of the warm-up are measured
/// from there). The results and the optimizer both take it from here.

#include <cstddef>
#include <span>

#include "itsc/controller.hpp"
#include "itsc/model.hpp"
#include "itsc/sim.hpp"

namespace itsc {

/// Weights of the index (lower is better), each per unit of its part. Only delay counts by default.
struct ObjectiveWeights {
  double delay_per_veh_h = 1.0;      ///< per vehicle-hour of delay
  double stop = 0.0;                 ///< per stop (TRANSYT's stop penalty K, in the delay's unit)
  double spillback_per_h = 0.0;      ///< per link-hour of spill-back
  double throughput_per_veh = 0.0;   ///< subtracted per vehicle leaving the network
};

/// The parts of the objective and their weighted index.
struct Objective {
  double delay_veh_h = 0;     ///< network total: simulated_delay_veh_h + overflow_delay_veh_h
  double simulated_delay_veh_h = 0;  ///< Σ of the movements' delays on their approaches, on links leaving
                                     ///< the network and waiting at entries
  double overflow_delay_veh_h = 0;   ///< Σ of the lane groups' HCM overflow terms × arrivals
  double stops = 0;           ///< network total: the movements' and the links' leaving the network
  double throughput_veh = 0;  ///< vehicles that left the network
  double spillback_h = 0;     ///< Σ over links of the time their queue held the node upstream
                              ///< (`Metrics::link_spillback_s`)
  double index = 0;           ///< Σ weight × part (throughput subtracted)
};

/// The objective of member b of `state` (a state of `model` under `demand`). `controllers` (one per
/// signal, holding b) give the actuated phases' unit extension for HCM's overflow term (k = 0.5
/// without). No allocation.
[[nodiscard]] Objective objective(const Model& model, const State& state, const BatchDemand& demand, std::size_t b,
                                  const ObjectiveWeights& weights = {},
                                  std::span<Controller* const> controllers = {}) noexcept;

}  // namespace itsc

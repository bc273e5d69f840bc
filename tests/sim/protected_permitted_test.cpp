// A protected-permitted left against HCM's procedure (HCM 2010 chapter 31, exclusive lane, leading
// protected phase): the protected part at the left's saturation flow, s_l·g_p/C with s_l = s/E_L; the
// permitted part at the permitted saturation flow once the opposing queue has cleared, s_p·g_u/C with
// g_u = g − g_s and g_s = q_o·r_o / (s_o − q_o); and the sneakers, n_s per cycle. Worked here by hand
// for two opposing volumes, not from the library's formulas.
#include <itsc/simulate.hpp>

#include <doctest/doctest.h>

#include <cmath>

#include "sim/approach_builders.hpp"

using namespace itsc;

namespace {

constexpr double kCycle = 90;
constexpr double kLost = 2;    // l1, and e: effective green = green − l1 + e
constexpr double kProtected = 10;
constexpr double kThrough = 40;

// Eastbound left, always queued, in its own one-lane approach: protected for 10 s (stage 1), permitted
// for 40 s with the westbound through (stage 2, one lane); the cross street has the rest.
Scenario leading_left(double opposing_veh_per_h) {
  test::FourLeg x = test::four_leg(NodeControl::signalized);
  Scenario& s = x.s;
  test::add_movement(x, "EBL", "W_C", "C_N", TurnType::left);
  test::add_movement(x, "WBT", "E_C", "C_W", TurnType::through);
  test::add_movement(x, "NBT", "S_C", "C_N", TurnType::through);
  for (Link& link : s.network.links) {
    if (link.id == "C_N") link.lanes = 2;  // the street turned into takes what the left sends
  }
  test::add_flow(s, "W_C", 900);  // far more than the left can take
  test::add_flow(s, "E_C", opposing_veh_per_h);
  test::add_flow(s, "S_C", 300);
  test::set_plan(s, {test::stage({"EBL"}, {}, kProtected, 3, 1), test::stage({"WBT"}, {"EBL"}, kThrough, 4, 1),
                     test::stage({"NBT"}, {}, 26, 4, 1)});
  return s;
}

struct HcmLeft {
  double protected_veh_per_h, permitted_veh_per_h, sneakers_veh_per_h;
  [[nodiscard]] double total() const { return protected_veh_per_h + permitted_veh_per_h + sneakers_veh_per_h; }
};

HcmLeft hcm_left(double opposing_veh_per_h) {
  const double s = 1900;  // one lane: f_LU = 1, no other factor
  HcmLeft r{};
  r.protected_veh_per_h = s / 1.05 * kProtected / kCycle;  // g_p = 10 − l1 + e
  // The opposing through's effective red and queue service time.
  const double q = opposing_veh_per_h / 3600.0;
  const double g_o = kThrough;              // 40 − l1 + e
  const double r_o = kCycle - g_o;
  const double g_s = q * r_o / (s / 3600.0 - q);
  // The left may go from the through's green onset (after the protected part's yellow and red) to its
  // yellow + e; the opposing queue starts to move l1 after that onset.
  const double g_u = std::max(0.0, (kThrough + kLost) - (kLost + g_s));
  const double v = opposing_veh_per_h;
  const double s_p = v * std::exp(-v * 4.5 / 3600.0) / (1.0 - std::exp(-v * 2.5 / 3600.0));
  r.permitted_veh_per_h = s_p * g_u / kCycle;
  r.sneakers_veh_per_h = 2 * 3600.0 / kCycle;
  return r;
}

}  // namespace

TEST_CASE("protected-permitted left: capacity of each part within 3% of HCM's procedure") {
  for (const double opposing : {500.0, 700.0}) {
    Scenario s = leading_left(opposing);
    Simulation sim(s);
    test::FlowProbe left(sim, "EBL");
    const auto m = sim.model().find_movement(0, "EBL");
    double protected_veh = 0;
    double permitted_veh = 0;
    while (sim.time_s() < sim.duration_s()) {
      const double t = sim.time_s();
      sim.step();
      const double flow = left.take();
      if (t < s.simulation.warmup_s) continue;
      // Stage 1 (and its e) is the protected part; the rest of the cycle the permitted one.
      const double in_cycle = std::fmod(t, kCycle);
      (in_cycle < kProtected + kLost ? protected_veh : permitted_veh) += flow;
      if (in_cycle == 5) REQUIRE(sim.state().indication[m] == Indication::protected_green);
      if (in_cycle == 30) REQUIRE(sim.state().indication[m] == Indication::permitted_green);
    }
    const double hours = (sim.duration_s() - s.simulation.warmup_s) / 3600.0;
    const HcmLeft hcm = hcm_left(opposing);
    CAPTURE(opposing);
    CAPTURE(hcm.protected_veh_per_h);
    CAPTURE(hcm.permitted_veh_per_h);
    CAPTURE(hcm.sneakers_veh_per_h);
    CHECK(protected_veh / hours == doctest::Approx(hcm.protected_veh_per_h).epsilon(0.03));
    CHECK(permitted_veh / hours == doctest::Approx(hcm.permitted_veh_per_h + hcm.sneakers_veh_per_h).epsilon(0.03));
    const SimulationResult result = sim.result();
    const LaneGroupResult& group = result.intersections.front().lane_groups.front();
    REQUIRE(group.id == "EBL");
    CHECK(group.capacity_veh_per_h == doctest::Approx(hcm.total()).epsilon(0.03));
  }
}

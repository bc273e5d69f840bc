#include <itsc/error.hpp>
#include <itsc/model.hpp>
#include <itsc/plan.hpp>

#include <doctest/doctest.h>

#include <cmath>

#include "sim/scenario_builders.hpp"

using namespace itsc;

TEST_CASE("compile: cells, capacity and wave speed of a link") {
  test::ApproachOptions options;
  options.approach_length_m = 95;
  const Model model = compile(test::isolated_approach(options));
  const auto link = model.find_link("W_C");
  REQUIRE(link != kNone);
  // 95 m at 50 km/h and Δt = 1 s: round(6.84) = 7 cells of 13.571 m.
  CHECK(model.link_cell_count[link] == 7);
  CHECK(model.link_cell_length_m[link] == doctest::Approx(95.0 / 7));
  CHECK(model.link_free_flow_time_s[link] == doctest::Approx(7.0));
  const double q = 1900.0 / 3600.0;
  const double v = 95.0 / 7;
  const double w = q / (1 / 7.5 - q / v);
  CHECK(model.link_wave_ratio[link] == doctest::Approx(w / v));
  CHECK(model.link_step_capacity_veh[link] == doctest::Approx(q));
  CHECK(model.signal_count() == 1);
  CHECK(model.movement_count() == 2);
  CHECK(model.entry_count() == 2);
  CHECK(model.exit_count() == 2);
}

TEST_CASE("compile: what cannot be compiled is an invalid_input error") {
  test::ApproachOptions options;
  // A slow street where w' > v': 10 km/h, Δt = 1 s, high saturation flow.
  {
    Scenario s = test::isolated_approach(options);
    s.network.links[0].speed_kmh = 10;
    s.network.links[0].saturation_flow_veh_per_h_per_lane = 2400;
    try {
      (void)compile(s);
      FAIL("expected an error");
    } catch (const Error& error) {
      CHECK(error.code() == ErrorCode::invalid_input);
      CHECK(std::string(error.what()).find("W_C") != std::string::npos);
    }
  }
  {  // a stage naming an unknown movement: the network compiles, its plan does not
    Scenario s = test::isolated_approach(options);
    s.timing["C"].stages[0].serves.protected_movements.push_back("XYZ");
    const Model model = compile(s);
    try {
      (void)compile_plans(s, model);
      FAIL("expected an error");
    } catch (const Error& error) {
      CHECK(error.code() == ErrorCode::invalid_input);
      CHECK(std::string(error.what()).find("'XYZ'") != std::string::npos);
    }
  }
  {  // a link arriving at the node with no movement leaving it
    Scenario s = test::isolated_approach(options);
    s.network.nodes[0].movements.pop_back();
    s.timing["C"].stages[1].serves.protected_movements.clear();
    CHECK_THROWS_AS((void)compile(s), Error);
  }
  {  // a step that is not a multiple of 0.1 s
    Scenario s = test::isolated_approach(options);
    s.simulation.dt_s = 0.25;
    CHECK_THROWS_AS((void)compile(s), Error);
  }
  {  // no timing for a signal
    Scenario s = test::isolated_approach(options);
    s.timing.clear();
    CHECK_THROWS_AS((void)compile(s), Error);
  }
}

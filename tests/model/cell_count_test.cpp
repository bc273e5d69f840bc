#include <doctest/doctest.h>
#include <itsc/model.hpp>

TEST_CASE("cell_count: rounds L / (v dt) and keeps at least one cell") {
  // 50 km/h = 13.888... m/s: 400 m is 28.8 cells -> 29; 95 m is 6.84 -> 7; 5 m is 0.36 -> 1.
  CHECK(itsc::cell_count(400, 50, 1) == 29);
  CHECK(itsc::cell_count(95, 50, 1) == 7);
  CHECK(itsc::cell_count(5, 50, 1) == 1);
  CHECK(itsc::cell_count(400, 50, 0.5) == 58);
}

#include <itsc/error.hpp>
#include <itsc/interval_table.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace itsc;

namespace {

Timing two_stages() {
  Timing timing;
  timing.cycle_s = 90;
  timing.offset_s = 30;
  Stage a;
  a.serves.protected_movements = {"EBT", "EBL"};
  a.serves.crosswalks = {"north"};
  a.green_s = 40;
  a.yellow_s = 3.5;
  a.red_clearance_s = 1.5;
  Stage b;
  b.serves.protected_movements = {"NBT"};
  b.serves.permitted_movements = {"EBL"};
  b.green_s = 40;
  b.yellow_s = 3;
  b.red_clearance_s = 2;
  timing.stages = {a, b};
  return timing;
}

}  // namespace

TEST_CASE("interval table: cut at every change, offset kept beside the table") {
  const std::vector<std::string> movements{"EBT", "EBL", "NBT"};
  const std::vector<std::string> crosswalks{"north"};
  const IntervalTable table = compile_interval_table(two_stages(), movements, crosswalks);
  CHECK(table.cycle == 900);
  CHECK(table.offset == 300);
  // 0 green+walk, 70 walk ends, 400 yellow, 435 all red, 450 stage b, 850 yellow, 880 red.
  const std::vector<Tenths> expected{0, 70, 400, 435, 450, 850, 880};
  CHECK(table.start == expected);
  CHECK(table.indication(0, 0) == Indication::protected_green);
  CHECK(table.pedestrian(0, 0) == PedestrianIndication::walk);
  CHECK(table.pedestrian(1, 0) == PedestrianIndication::flashing_dont_walk);
  CHECK(table.indication(2, 0) == Indication::yellow);
  CHECK(table.pedestrian(2, 0) == PedestrianIndication::dont_walk);
  CHECK(table.indication(3, 0) == Indication::red);
  // EBL is served in both stages: it stays green through the clearance between them.
  CHECK(table.indication(2, 1) == Indication::protected_green);
  CHECK(table.indication(3, 1) == Indication::protected_green);
  CHECK(table.indication(4, 1) == Indication::permitted_green);
  CHECK(table.indication(4, 2) == Indication::protected_green);
  // ...and through the clearance after stage b, since stage a (next, cyclically) serves it again.
  CHECK(table.indication(5, 1) == Indication::permitted_green);
  CHECK(table.indication(5, 2) == Indication::yellow);
  CHECK(table.indication(6, 2) == Indication::red);
  CHECK(table.local_time(300) == 0);
  CHECK(table.local_time(299) == 899);
  CHECK(table.interval_at(449) == 3);
}

TEST_CASE("interval table: unknown movements and a wrong cycle are errors") {
  const std::vector<std::string> movements{"EBT"};
  const std::vector<std::string> none;
  CHECK_THROWS_AS((void)compile_interval_table(two_stages(), movements, none), Error);
  Timing timing = two_stages();
  timing.cycle_s = 100;
  const std::vector<std::string> all{"EBT", "EBL", "NBT"};
  const std::vector<std::string> crosswalks{"north"};
  CHECK_THROWS_AS((void)compile_interval_table(timing, all, crosswalks), Error);
}

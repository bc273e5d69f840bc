// Conflicts derived from bearings at a four-leg intersection (right-hand traffic).
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "signal/conflicts.hpp"
#include "support/cross_scenario.hpp"

using namespace itsc;
using detail::Conflict;

namespace {

struct Fixture {
  Scenario scenario = test::make_cross_scenario();
  const Node& node = scenario.network.nodes.front();
  detail::ConflictMatrix matrix = detail::conflict_matrix(node, scenario.network);

  std::size_t movement(const std::string& id) const {
    for (std::size_t m = 0; m < node.movements.size(); ++m) {
      if (node.movements[m].id == id) return m;
    }
    FAIL("no movement " << id);
    return 0;
  }
  std::size_t leg(const std::string& id) const {
    for (std::size_t l = 0; l < node.legs.size(); ++l) {
      if (node.legs[l].id == id) return l;
    }
    FAIL("no leg " << id);
    return 0;
  }
  Conflict between(const std::string& a, const std::string& b) const {
    const Conflict forward = matrix.between(movement(a), movement(b));
    CHECK(forward == matrix.between(movement(b), movement(a)));
    return forward;
  }
};

}  // namespace

TEST_CASE("conflicts: crossing, merging and diverging movements") {
  const Fixture f;
  CHECK(f.between("EBT", "NBT") == Conflict::crossing);   // perpendicular throughs
  CHECK(f.between("EBL", "WBT") == Conflict::crossing);   // a left across the opposing through
  CHECK(f.between("EBT", "WBT") == Conflict::none);       // opposing throughs
  CHECK(f.between("EBL", "WBL") == Conflict::none);       // opposing lefts pass each other
  CHECK(f.between("EBL", "EBT") == Conflict::none);       // same approach: they diverge
  CHECK(f.between("EBR", "NBT") == Conflict::none);       // a right turn ahead of the next approach
  CHECK(f.between("EBR", "SBT") == Conflict::merging);    // both into the south leg
  CHECK(f.between("EBT", "NBR") == Conflict::merging);    // both into the east leg
  CHECK(f.between("NBR", "WBL") == Conflict::none);       // the right-turn overlap with the complementary left
  CHECK(f.between("WBR", "SBL") == Conflict::none);
  CHECK(f.between("SBL", "NBT") == Conflict::crossing);
}

TEST_CASE("conflicts: a movement crosses the crosswalks of the legs it arrives from and leaves by") {
  const Fixture f;
  CHECK(f.matrix.crosses_crosswalk(f.movement("EBT"), f.leg("W")));
  CHECK(f.matrix.crosses_crosswalk(f.movement("EBT"), f.leg("E")));
  CHECK_FALSE(f.matrix.crosses_crosswalk(f.movement("EBT"), f.leg("N")));
  CHECK(f.matrix.crosses_crosswalk(f.movement("EBR"), f.leg("S")));
  CHECK(f.matrix.crosses_crosswalk(f.movement("EBL"), f.leg("N")));
  CHECK_FALSE(f.matrix.crosses_crosswalk(f.movement("EBL"), f.leg("S")));
}

TEST_CASE("conflicts: movements without bearings have none") {
  Fixture f;
  for (Node& node : f.scenario.network.nodes) node.x_m.reset();
  const auto matrix = detail::conflict_matrix(f.scenario.network.nodes.front(), f.scenario.network);
  CHECK(matrix.between(f.movement("EBT"), f.movement("NBT")) == Conflict::none);
  CHECK(matrix.crosses_crosswalk(f.movement("EBT"), f.leg("W")));
}

TEST_CASE("conflicts: SUMO's foes take away the conflicts its junction paths do not have, and add none") {
  const Fixture f;
  // SUMO confirms the left across the opposing through, and names the opposing lefts foes too (it
  // settles them by right of way); the perpendicular throughs it does not name (a grade-separated or
  // channelized junction).
  std::map<std::string, std::vector<std::string>> foes;
  for (const Movement& movement : f.node.movements) foes[movement.id];
  foes["EBL"] = {"WBT", "WBL"};
  const detail::ConflictMatrix matrix = detail::with_foes(f.matrix, f.node, foes);
  CHECK(matrix.between(f.movement("EBL"), f.movement("WBT")) == Conflict::crossing);
  CHECK(matrix.between(f.movement("WBT"), f.movement("EBL")) == Conflict::crossing);  // either side's list
  CHECK(matrix.between(f.movement("EBT"), f.movement("NBT")) == Conflict::none);
  CHECK(matrix.between(f.movement("EBR"), f.movement("SBT")) == Conflict::none);
  CHECK(matrix.between(f.movement("EBL"), f.movement("WBL")) == Conflict::none);  // the bearings see none
  // The crosswalks stay the bearings'.
  CHECK(matrix.pedestrian == f.matrix.pedestrian);
}

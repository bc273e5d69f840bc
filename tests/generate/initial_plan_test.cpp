#include "generate/initial_plan.hpp"

#include <doctest/doctest.h>

#include <numeric>

namespace itsc::detail {

namespace {
double total(const std::vector<double>& greens, const std::vector<StageNeed>& stages) {
  double sum = std::accumulate(greens.begin(), greens.end(), 0.0);
  for (const StageNeed& stage : stages) sum += stage.clearance_s;
  return sum;
}
}  // namespace

TEST_CASE("webster_greens: greens in proportion to the critical flow ratios") {
  const std::vector<StageNeed> stages{{0.3, 7, 6}, {0.15, 7, 6}};
  const std::vector<double> greens = webster_greens(90, stages);
  CHECK(greens == std::vector<double>{52, 26});
  CHECK(total(greens, stages) == 90);
}

TEST_CASE("webster_greens: a stage the rule starves is held at its minimum") {
  const std::vector<StageNeed> stages{{0.5, 7, 5.5}, {0.01, 23.4, 6}};
  const std::vector<double> greens = webster_greens(90, stages);
  CHECK(greens[1] == 23.4);
  CHECK(greens[0] == doctest::Approx(55.1));
  CHECK(total(greens, stages) == doctest::Approx(90).epsilon(1e-12));
}

TEST_CASE("webster_greens: no demand splits equally; rounding tenths still add up") {
  const std::vector<StageNeed> stages{{0, 7, 5}, {0, 7, 5}, {0, 7, 5}};
  const std::vector<double> greens = webster_greens(100, stages);
  CHECK(greens == std::vector<double>{28.4, 28.3, 28.3});
}

TEST_CASE("webster_greens: minimums that do not fit are an error") {
  CHECK_THROWS_AS((void)webster_greens(30, {{0.2, 20, 6}, {0.2, 7, 6}}), Error);
  CHECK_THROWS_AS((void)webster_greens(90, {}), Error);
}

}  // namespace itsc::detail

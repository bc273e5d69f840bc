// Webster splits under minimum greens, in tenths that add up to the cycle.
#include <doctest/doctest.h>
#include <itsc/error.hpp>
#include <itsc/hcm.hpp>

#include <numeric>

namespace itsc::hcm {

namespace {
double total(const std::vector<double>& greens, const std::vector<StageDemand>& stages) {
  double sum = std::accumulate(greens.begin(), greens.end(), 0.0);
  for (const StageDemand& stage : stages) sum += stage.clearance_s;
  return sum;
}
}  // namespace

TEST_CASE("webster_greens: greens in proportion to the critical flow ratios") {
  const std::vector<StageDemand> stages{{0.3, 7, 6}, {0.15, 7, 6}};
  const std::vector<double> greens = webster_greens_s(90, stages);
  CHECK(greens == std::vector<double>{52, 26});
  CHECK(total(greens, stages) == 90);
}

TEST_CASE("webster_greens: a stage the rule starves is held at its minimum") {
  const std::vector<StageDemand> stages{{0.5, 7, 5.5}, {0.01, 23.4, 6}};
  const std::vector<double> greens = webster_greens_s(90, stages);
  CHECK(greens[1] == 23.4);
  CHECK(greens[0] == doctest::Approx(55.1));
  CHECK(total(greens, stages) == doctest::Approx(90).epsilon(1e-12));
}

TEST_CASE("webster_greens: no demand splits equally, rounding tenths still add up") {
  const std::vector<StageDemand> stages{{0, 7, 5}, {0, 7, 5}, {0, 7, 5}};
  const std::vector<double> greens = webster_greens_s(100, stages);
  CHECK(greens == std::vector<double>{28.4, 28.3, 28.3});
}

TEST_CASE("webster_greens: minimums that do not fit are an error") {
  CHECK_THROWS_AS((void)webster_greens_s(30, std::vector<StageDemand>{{0.2, 20, 6}, {0.2, 7, 6}}), Error);
  CHECK_THROWS_AS((void)webster_greens_s(90, std::vector<StageDemand>{}), Error);
}

}  // namespace itsc::hcm

// The time window an imported demand covers: from the tool's time `begin` (libitsc's t = 0) to `end`, in
// profile intervals, bounded so that a typo cannot ask for a run validation would refuse or for
// millions of intervals.
#include <algorithm>
#include <cmath>

#include "io/import/import_steps.hpp"
#include "util/format_number.hpp"

namespace itsc::detail {

namespace {

constexpr double kMaxLength_s = 7 * 86'400;   // as validate's longest run
constexpr double kMaxIntervals = 100'000;     // demand profile intervals

}  // namespace

void check_demand_window(double begin_s, std::optional<double> end_s, double interval_s) {
  std::vector<Diagnostic> problems;
  const auto fail = [&](const char* option, const std::string& message) {
    problems.push_back({Severity::error, "", 0, 0, option, message});
  };
  if (!std::isfinite(begin_s)) fail("begin", "must be a finite number");
  if (!(interval_s > 0) || !std::isfinite(interval_s)) fail("interval", "must be a positive number");
  if (end_s && !(*end_s > begin_s && std::isfinite(*end_s))) {
    fail("end", "must be after begin (" + format_number(begin_s) + ")");
  }
  if (end_s && *end_s - begin_s > kMaxLength_s) fail("end", "must be at most 7 days after begin");
  if (!problems.empty()) throw Error(ErrorCode::invalid_input, std::move(problems));
}

double demand_end_s(std::span<const ImportTrip> trips, double begin_s, std::optional<double> given_end_s,
                    double interval_s) {
  double end_s = 0;
  if (given_end_s) {
    end_s = *given_end_s;
  } else {
    double last = begin_s;
    for (const auto& trip : trips) last = std::max(last, trip.depart_s);
    end_s = begin_s + (std::floor((last - begin_s) / interval_s) + 1) * interval_s;
    if (end_s - begin_s > kMaxLength_s) {
      throw Error(ErrorCode::invalid_input, "the departures span more than 7 days after begin: give --end");
    }
  }
  if ((end_s - begin_s) / interval_s > kMaxIntervals) {
    throw Error(ErrorCode::invalid_input, "more than 100000 demand intervals: give a longer --interval");
  }
  return end_s;
}

}  // namespace itsc::detail

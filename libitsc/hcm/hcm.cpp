#include "itsc/hcm.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <limits>
#include <string>

#include "itsc/error.hpp"

namespace itsc::hcm {

double capacity_veh_per_h(double saturation_flow_veh_per_h, double effective_green_s, double cycle_s) noexcept {
  return cycle_s > 0 ? saturation_flow_veh_per_h * effective_green_s / cycle_s : 0.0;
}

double degree_of_saturation(double volume_veh_per_h, double capacity) noexcept {
  if (capacity > 0) return volume_veh_per_h / capacity;
  return volume_veh_per_h > 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

double uniform_delay_s(double cycle_s, double effective_green_s, double x) noexcept {
  const double g_over_c = effective_green_s / cycle_s;
  const double red_share = 1.0 - g_over_c;
  return 0.5 * cycle_s * red_share * red_share / (1.0 - std::min(1.0, x) * g_over_c);
}

double incremental_delay_s(double x, double capacity, double analysis_period_h, double k,
                           double upstream_filtering) noexcept {
  if (x <= 0) return 0.0;
  if (capacity <= 0) return std::numeric_limits<double>::infinity();
  const double t = analysis_period_h;
  const double excess = x - 1.0;
  return 900.0 * t * (excess + std::sqrt(excess * excess + 8.0 * k * upstream_filtering * x / (capacity * t)));
}

double actuated_k(double x, double unit_extension_s) noexcept {
  // k_min at UE = 2.0, 2.5, …, 5.0 s.
  constexpr double kMin[] = {0.04, 0.08, 0.11, 0.13, 0.15, 0.19, 0.23};
  constexpr std::size_t kLast = std::size(kMin) - 1;
  const double position = std::max(0.0, (unit_extension_s - 2.0) / 0.5);
  const auto below = std::min(kLast - 1, static_cast<std::size_t>(position));
  const double slope = kMin[below + 1] - kMin[below];
  const double k_min = std::min(0.5, kMin[below] + (position - static_cast<double>(below)) * slope);
  return std::clamp((1.0 - 2.0 * k_min) * (x - 0.5) + k_min, k_min, 0.5);
}

double deterministic_overflow_delay_s(double x, double analysis_period_h) noexcept {
  return 1800.0 * analysis_period_h * std::max(0.0, x - 1.0);
}

double overflow_delay_s(double x, double capacity, double analysis_period_h, double k,
                        double upstream_filtering) noexcept {
  return incremental_delay_s(x, capacity, analysis_period_h, k, upstream_filtering) -
         deterministic_overflow_delay_s(x, analysis_period_h);
}

double stop_control_delay_s(double x, double capacity, double analysis_period_h) noexcept {
  if (!(capacity > 0)) return std::numeric_limits<double>::infinity();
  const double service_s = 3600.0 / capacity;
  const double t = analysis_period_h;
  return service_s + 900.0 * t * ((x - 1.0) + std::sqrt((x - 1.0) * (x - 1.0) + service_s * x / (450.0 * t))) + 5.0;
}

double stop_control_overflow_delay_s(double x, double capacity, double analysis_period_h) noexcept {
  return stop_control_delay_s(x, capacity, analysis_period_h) - deterministic_overflow_delay_s(x, analysis_period_h);
}

Los stop_control_los(double d, double x) noexcept {
  if (x > 1.0 || d > 50) return Los::F;
  if (d <= 10) return Los::A;
  if (d <= 15) return Los::B;
  if (d <= 25) return Los::C;
  if (d <= 35) return Los::D;
  return Los::E;
}

double gap_capacity_veh_per_h(double v, GapHeadways headways) noexcept {
  if (!(v > 0)) return 3600.0 / headways.follow_up_s;
  return v * std::exp(-v * headways.critical_s / 3600.0) / -std::expm1(-v * headways.follow_up_s / 3600.0);
}

Los los_from_delay(double d) noexcept {
  if (d <= 10) return Los::A;
  if (d <= 20) return Los::B;
  if (d <= 35) return Los::C;
  if (d <= 55) return Los::D;
  if (d <= 80) return Los::E;
  return Los::F;
}

Los los(double control_delay_s, double x) noexcept {
  return x > 1.0 ? Los::F : los_from_delay(control_delay_s);
}

Los urban_street_los(double speed_share, double critical_v_c) noexcept {
  if (critical_v_c > 1.0) return Los::F;
  if (speed_share > 0.80) return Los::A;
  if (speed_share > 0.67) return Los::B;
  if (speed_share > 0.50) return Los::C;
  if (speed_share > 0.40) return Los::D;
  if (speed_share > 0.30) return Los::E;
  return Los::F;
}

char to_char(Los value) noexcept { return static_cast<char>('A' + static_cast<int>(value)); }

double webster_cycle_s(double lost_time_s, double y_sum) {
  if (!(y_sum < 1.0) || y_sum < 0 || lost_time_s < 0) {
    throw Error(ErrorCode::invalid_input,
                "Webster cycle: needs 0 <= Y < 1 and L >= 0, got Y = " + std::to_string(y_sum) +
                    ", L = " + std::to_string(lost_time_s));
  }
  return (1.5 * lost_time_s + 5.0) / (1.0 - y_sum);
}

std::vector<double> webster_effective_greens_s(double cycle_s, double lost_time_s, std::span<const double> ratios) {
  double y_sum = 0;
  for (const double y : ratios) {
    if (y < 0) throw Error(ErrorCode::invalid_input, "Webster splits: negative flow ratio " + std::to_string(y));
    y_sum += y;
  }
  if (!(cycle_s > lost_time_s) || !(y_sum > 0)) {
    throw Error(ErrorCode::invalid_input, "Webster splits: needs C > L and some positive flow ratio");
  }
  std::vector<double> greens;
  greens.reserve(ratios.size());
  for (const double y : ratios) greens.push_back((cycle_s - lost_time_s) * y / y_sum);
  return greens;
}

}  // namespace itsc::hcm

#include <algorithm>
#include <cmath>

#include "itsc/model.hpp"

namespace itsc {

std::size_t cell_count(double length_m, double speed_kmh, double dt_s) noexcept {
  const double cells = std::round(length_m / (speed_kmh / 3.6 * dt_s));
  return static_cast<std::size_t>(std::max(1.0, cells));
}

}  // namespace itsc

// Up-front checks of generator options, reported together like the loader's errors.
#include <charconv>
#include <cmath>
#include <string>

#include "generate/street_grid.hpp"

namespace itsc::detail {

std::string number_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return {buffer, result.ptr};
}

void OptionCheck::require(bool ok, const char* name, const std::string& message) {
  if (!ok) problems_.push_back(Diagnostic{Severity::error, "", 0, 0, name, message});
}

void OptionCheck::positive(const char* name, double value) {
  require(std::isfinite(value) && value > 0, name, "must be a positive number, got " + number_text(value));
}

void OptionCheck::at_least(const char* name, double value, double minimum) {
  require(std::isfinite(value) && value >= minimum, name,
          "must be at least " + number_text(minimum) + ", got " + number_text(value));
}

void OptionCheck::share(const char* name, double value) {
  require(std::isfinite(value) && value >= 0 && value <= 1, name,
          "must be a share in [0, 1], got " + number_text(value));
}

void OptionCheck::count(const char* name, int value, int low, int high) {
  require(value >= low && value <= high, name,
          "must be in " + std::to_string(low) + ".." + std::to_string(high) + ", got " + std::to_string(value));
}

void OptionCheck::finish() const {
  if (!problems_.empty()) throw Error(ErrorCode::invalid_input, problems_);
}

}  // namespace itsc::detail

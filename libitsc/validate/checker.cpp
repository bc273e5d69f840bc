#include "validate/checker.hpp"

#include <cmath>
#include <utility>

#include "util/format_number.hpp"

namespace itsc::detail {

namespace {
std::string with_unit(double value, std::string_view unit) {
  std::string text = format_number(value);
  if (!unit.empty()) (text += ' ') += unit;
  return text;
}
}  // namespace

std::string indexed(std::string_view base, std::size_t index) {
  return std::string(base) + '[' + std::to_string(index) + ']';
}

void Checker::error(std::string path, std::string message) {
  Diagnostic diagnostic;
  diagnostic.path = std::move(path);
  diagnostic.message = std::move(message);
  diagnostics_.push_back(std::move(diagnostic));
}

void Checker::warning(std::string path, std::string message) {
  Diagnostic diagnostic;
  diagnostic.severity = Severity::warning;
  diagnostic.path = std::move(path);
  diagnostic.message = std::move(message);
  diagnostics_.push_back(std::move(diagnostic));
}

bool Checker::finite(const std::string& path, double value) {
  if (std::isfinite(value)) return true;
  error(path, "must be a finite number, got " + format_number(value));
  return false;
}

bool Checker::positive(const std::string& path, double value, double max, std::string_view unit) {
  if (!finite(path, value)) return false;
  if (value <= 0) {
    error(path, "must be a positive number, got " + format_number(value));
    return false;
  }
  if (value > max) {
    error(path, "must be at most " + with_unit(max, unit) + ", got " + format_number(value));
    return false;
  }
  return true;
}

bool Checker::non_negative(const std::string& path, double value, double max, std::string_view unit) {
  if (!finite(path, value)) return false;
  if (value < 0) {
    error(path, "must not be negative, got " + format_number(value));
    return false;
  }
  if (value > max) {
    error(path, "must be at most " + with_unit(max, unit) + ", got " + format_number(value));
    return false;
  }
  return true;
}

bool Checker::within(const std::string& path, double value, double low, double high, std::string_view unit) {
  if (!finite(path, value)) return false;
  if (value < low || value > high) {
    error(path, "must be between " + with_unit(low, unit) + " and " + with_unit(high, unit) + ", got " +
                    format_number(value));
    return false;
  }
  return true;
}

bool Checker::positive_integer(const std::string& path, long long value, long long max) {
  if (value < 1) {
    error(path, "must be a positive integer, got " + std::to_string(value));
    return false;
  }
  if (value > max) {
    error(path, "must be at most " + std::to_string(max) + ", got " + std::to_string(value));
    return false;
  }
  return true;
}

bool Checker::tenths(const std::string& path, double value_s) {
  const double tenths_count = value_s * 10.0;
  if (std::fabs(tenths_count - std::round(tenths_count)) > 1e-6) {
    error(path, "must be a multiple of 0.1 s, got " + format_number(value_s));
    return false;
  }
  return true;
}

}  // namespace itsc::detail

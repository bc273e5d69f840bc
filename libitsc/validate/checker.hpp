#pragma once
// Collects validation diagnostics with key paths and words the common range checks once, so every
// "must be ..." message reads the same wherever it comes from.

#include <string>
#include <string_view>
#include <vector>

#include "itsc/error.hpp"

namespace itsc::detail {

/// Key path builder: path("links", 3) + ".lanes" -> "links[3].lanes".
[[nodiscard]] std::string indexed(std::string_view base, std::size_t index);

class Checker {
 public:
  void error(std::string path, std::string message);
  void warning(std::string path, std::string message);

  /// value > 0 and at most `max` (a bound against absurd sizes, in the value's unit).
  bool positive(const std::string& path, double value, double max, std::string_view unit = "");
  /// 0 <= value <= max.
  bool non_negative(const std::string& path, double value, double max, std::string_view unit = "");
  /// low <= value <= high.
  bool within(const std::string& path, double value, double low, double high, std::string_view unit = "");
  /// 1 <= value <= max for counts such as lanes.
  bool positive_integer(const std::string& path, long long value, long long max);
  /// A time that plans can hold: a multiple of 0.1 s.
  bool tenths(const std::string& path, double value_s);

  [[nodiscard]] bool has_errors() const {
    for (const Diagnostic& diagnostic : diagnostics_) {
      if (diagnostic.severity == Severity::error) return true;
    }
    return false;
  }
  [[nodiscard]] std::vector<Diagnostic> take() { return std::move(diagnostics_); }
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  bool finite(const std::string& path, double value);
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace itsc::detail

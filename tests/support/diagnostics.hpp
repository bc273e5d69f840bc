#pragma once
// Looking for one diagnostic of `validate` among all it reports.

#include <itsc/scenario.hpp>

#include <algorithm>
#include <string>

namespace itsc::test {

/// True when validate(scenario) reports the error "PATH: MESSAGE" (among others).
inline bool reports_error(const Scenario& scenario, const std::string& expected) {
  const auto diagnostics = validate(scenario);
  return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
    return d.severity == Severity::error && d.path + ": " + d.message == expected;
  });
}

}  // namespace itsc::test

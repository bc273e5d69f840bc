// The check every importer ends with: the scenario it built validates, its messages placed in the source.
#include "io/import/import_steps.hpp"
#include "itsc/error.hpp"

namespace itsc::detail {

void require_imported_valid(const Scenario& scenario, const std::function<void(Diagnostic&)>& locate,
                            std::vector<std::string>& report) {
  std::vector<Diagnostic> errors;
  for (Diagnostic& diagnostic : validate(scenario)) {
    locate(diagnostic);
    if (diagnostic.severity == Severity::warning) {
      report.push_back(diagnostic.to_string());
    } else {
      errors.push_back(std::move(diagnostic));
    }
  }
  if (!errors.empty()) throw Error(ErrorCode::invalid_input, std::move(errors));
}

}  // namespace itsc::detail

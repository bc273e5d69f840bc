#include "io/semantics.hpp"

#include <algorithm>

namespace itsc::detail {

namespace {

constexpr std::size_t kMaxErrors = 100;

}  // namespace

bool path_covers(std::string_view ancestor, std::string_view path) noexcept {
  if (ancestor.empty()) return true;
  if (!path.starts_with(ancestor)) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '.' || path[ancestor.size()] == '[';
}

std::vector<Diagnostic> check_semantics(const Scenario& scenario, const LoadContext& context) {
  std::vector<Diagnostic> diagnostics;
  for (Diagnostic diagnostic : validate(scenario)) {
    const Position position = context.locate(diagnostic.path);
    diagnostic.file = context.file;
    diagnostic.line = position.line;
    diagnostic.column = position.column;
    diagnostics.push_back(std::move(diagnostic));
  }
  return diagnostics;
}

void sort_by_position(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
}

void throw_if_errors(std::vector<Diagnostic> errors) {
  if (errors.empty()) return;
  sort_by_position(errors);
  if (errors.size() > kMaxErrors) {
    const std::size_t total = errors.size();
    errors.resize(kMaxErrors - 1);
    Diagnostic more;
    more.file = errors.front().file;
    more.message = "too many errors: " + std::to_string(total - errors.size()) + " more not shown";
    errors.push_back(std::move(more));
  }
  throw Error(ErrorCode::invalid_input, std::move(errors));
}

}  // namespace itsc::detail

#include "io/semantics.hpp"

#include <algorithm>

namespace itsc::detail {

namespace {

constexpr std::size_t kMaxErrors = 100;

// Paths as validate writes them: metric key names (the loader blocks the names as written).
std::string metric_path(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? path : path.substr(dot + 1);
  for (const Section* section : all_sections()) {
    for (const KeySpec& key : section->keys) {
      if (!key.us_name.empty() && key.us_name == last) {
        return std::string(path.substr(0, path.size() - last.size())) + std::string(key.name);
      }
    }
  }
  return std::string(path);
}

}  // namespace

bool path_covers(std::string_view ancestor, std::string_view path) noexcept {
  if (ancestor.empty()) return true;
  if (!path.starts_with(ancestor)) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '.' || path[ancestor.size()] == '[';
}

std::vector<Diagnostic> check_semantics(const Scenario& scenario, const LoadContext& context) {
  std::vector<std::string> blocked;
  for (const std::string& path : context.blocked) blocked.push_back(metric_path(path));
  std::vector<Diagnostic> diagnostics;
  for (Diagnostic diagnostic : validate(scenario)) {
    const bool repeats = std::any_of(blocked.begin(), blocked.end(), [&](const std::string& ancestor) {
      return path_covers(ancestor, diagnostic.path);
    });
    if (repeats) continue;
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

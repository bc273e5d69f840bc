#include "itsc/error.hpp"

#include <utility>

namespace itsc {

std::string Diagnostic::to_string() const {
  std::string text;
  if (!file.empty()) {
    text += file;
    if (line > 0) {
      text += ':' + std::to_string(line);
      if (column > 0) text += ':' + std::to_string(column);
    }
    text += ": ";
  }
  if (severity == Severity::warning) text += "warning: ";
  if (!path.empty()) text += path + ": ";
  text += message;
  return text;
}

Error::Error(ErrorCode code, std::string message) : code_(code), what_(std::move(message)) {
  Diagnostic diagnostic;
  diagnostic.message = what_;
  diagnostics_.push_back(std::move(diagnostic));
}

Error::Error(ErrorCode code, std::vector<Diagnostic> diagnostics)
    : code_(code), diagnostics_(std::move(diagnostics)) {
  for (const Diagnostic& diagnostic : diagnostics_) {
    if (!what_.empty()) what_ += '\n';
    what_ += diagnostic.to_string();
  }
}

}  // namespace itsc

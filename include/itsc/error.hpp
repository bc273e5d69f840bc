#pragma once
/// @file error.hpp
/// Errors and diagnostics: every bad input is reported as an `itsc::Error` that holds all the
/// problems found, each with the file, 1-based line and column, and the key path.

#include <exception>
#include <string>
#include <vector>

namespace itsc {

/// What kind of failure an `Error` reports; the command line maps these to exit codes.
enum class ErrorCode {
  invalid_input,  ///< a file or value that breaks the schema or the physics (exit code 2)
  io,             ///< a file that cannot be read or written (exit code 1)
  runtime,        ///< a failure while running (exit code 1)
};

/// How serious a diagnostic is. Warnings never stop a load.
enum class Severity { error, warning };

/// One problem found in the input.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;     ///< the file as it was given ("" for scenarios built in code)
  int line = 0;         ///< 1-based; 0 when unknown
  int column = 0;       ///< 1-based; 0 when unknown
  std::string path;     ///< key path, e.g. "links[3].lanes" ("" for the whole document)
  std::string message;  ///< e.g. "must be a positive integer, got 0"

  /// `FILE:LINE:COL: PATH: MESSAGE` (the parts that are known), warnings prefixed with "warning: ".
  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// The one exception type of libitsc. `what()` lists every diagnostic, one per line.
class Error : public std::exception {
 public:
  Error(ErrorCode code, std::string message);
  Error(ErrorCode code, std::vector<Diagnostic> diagnostics);

  [[nodiscard]] ErrorCode code() const noexcept { return code_; }
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  [[nodiscard]] const char* what() const noexcept override { return what_.c_str(); }

 private:
  ErrorCode code_;
  std::vector<Diagnostic> diagnostics_;
  std::string what_;
};

}  // namespace itsc

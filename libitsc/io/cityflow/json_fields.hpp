#pragma once
// Typed reads of a JSON document's fields, each problem recorded with the file and the JSON path
// ("intersections[3].roadLinks[2].startRoad") so that one pass reports every problem of a file.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "itsc/error.hpp"
#include "itsc/source_text.hpp"

namespace itsc::detail {

using Json = nlohmann::json;

/// `path[index]`.
[[nodiscard]] std::string json_index(const std::string& path, std::size_t index);
/// `path.key` (`key` alone at the root).
[[nodiscard]] std::string json_member(const std::string& path, std::string_view key);

class JsonFields {
 public:
  /// Parses `source`; throws `Error` (invalid_input) at the FILE:LINE:COL of a syntax error.
  explicit JsonFields(const SourceText& source);

  [[nodiscard]] const Json& root() const { return root_; }
  [[nodiscard]] const std::string& file() const { return file_; }

  /// The member `key` of `object` (at `path`) or nullptr, recorded as missing when `required`.
  const Json* member(const Json& object, const std::string& path, std::string_view key, bool required = true);
  /// `object[key]` as an array (nullptr, recorded, when missing or not an array).
  const Json* array(const Json& object, const std::string& path, std::string_view key);
  /// `object` itself must be an object (recorded otherwise).
  bool is_object(const Json& value, const std::string& path);
  /// `object[key]` as a string ("" when missing or not one).
  std::string string(const Json& object, const std::string& path, std::string_view key);
  /// `value` (at `path`) as a string ("" when not one).
  std::string string(const Json& value, const std::string& path);
  /// `object[key]` as a finite number (0 when missing or not one); `fallback` when absent and not required.
  double number(const Json& object, const std::string& path, std::string_view key,
                std::optional<double> fallback = std::nullopt);
  /// `object[key]` as a boolean, `fallback` when absent.
  bool boolean(const Json& object, const std::string& path, std::string_view key, bool fallback);
  /// `value` as an index into something of `size` items (nullopt, recorded, otherwise); `what` names them.
  std::optional<std::size_t> index(const Json& value, const std::string& path, std::size_t size, std::string_view what);

  /// Records a problem at `path`.
  void error(const std::string& path, const std::string& message);
  /// Throws `Error` (invalid_input) holding every problem recorded, if any.
  void throw_if_errors();

 private:
  std::string file_;
  Json root_;
  std::vector<Diagnostic> problems_;
};

}  // namespace itsc::detail

#pragma once
// A small YAML writer: block style for the structure, short flow maps and lists for leaves (as a
// person writes them), numbers in shortest round-trip form, strings quoted only where YAML would
// read them as something else.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/key_table.hpp"

namespace itsc::detail {

/// A value to write.
struct YamlOut {
  enum class Kind { scalar, list, map };
  Kind kind = Kind::scalar;
  std::string text;  ///< scalar, already in YAML form
  std::vector<YamlOut> items;     ///< list items, or map values
  std::vector<std::string> keys;  ///< map keys (beside their values in `items`), in YAML form

  [[nodiscard]] static YamlOut number(double value);
  [[nodiscard]] static YamlOut integer(int value);
  [[nodiscard]] static YamlOut string(std::string_view value);
  [[nodiscard]] static YamlOut boolean(bool value);
  [[nodiscard]] static YamlOut list();
  [[nodiscard]] static YamlOut map();

  template <typename Range, typename Convert>
  [[nodiscard]] static YamlOut list_of(const Range& values, Convert convert) {
    YamlOut out = list();
    for (const auto& value : values) out.items.push_back(convert(value));
    return out;
  }
  /// Appends a pair (map) or an item (list).
  void add(std::string_view key, YamlOut value);
  void push(YamlOut value) { items.push_back(std::move(value)); }
};

/// A map of one key-table section: keys come out in the table's order whatever the order they are
/// added in.
class SectionWriter {
 public:
  explicit SectionWriter(const Section& section) : section_(section) {}
  void add(std::string_view key, YamlOut value);
  void add_number(std::string_view key, double value) { add(key, YamlOut::number(value)); }
  /// Writes a value unless it equals the default (keeps files short; load restores the default).
  void add_number(std::string_view key, double value, double default_value);
  void add_optional(std::string_view key, const std::optional<double>& value);
  void add_ids(std::string_view key, const std::vector<std::string>& ids);  ///< skipped when empty
  void add_integers(std::string_view key, const std::vector<int>& values);  ///< skipped when empty
  [[nodiscard]] YamlOut finish();

 private:
  const Section& section_;
  std::vector<std::pair<std::size_t, std::pair<std::string, YamlOut>>> pairs_;
};

/// The text of a scalar string in YAML form (plain when safe, else double-quoted).
[[nodiscard]] std::string yaml_string(std::string_view value);

/// The document text of a root map.
[[nodiscard]] std::string write_yaml(const YamlOut& root);

}  // namespace itsc::detail

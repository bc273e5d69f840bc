#pragma once
// Typed, position-aware reading of one YAML map against a section of the key table. Every problem
// becomes a diagnostic in the LoadContext (the loader carries on to find the next one); every value
// read records its key path and position, so validate's diagnostics can be placed in the file later.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/key_table.hpp"
#include "io/yaml_tree.hpp"
#include "itsc/error.hpp"

namespace itsc::detail {

/// What one load collects: errors and the key path -> position table.
struct LoadContext {
  std::string file;
  std::vector<Diagnostic> errors;
  std::map<std::string, Position, std::less<>> positions;  ///< key path -> position of its value
  /// An error about the value at `path`, or about a key of the map at `path`.
  void error(Position position, std::string path, std::string message);
  void record(const std::string& path, Position position) { positions.emplace(path, position); }
  /// Position of a key path, else of the US spelling of its last key, else of its nearest ancestor.
  [[nodiscard]] Position locate(std::string_view path) const;
};

/// `parent.key` (or `key` at the top level).
[[nodiscard]] std::string join_path(std::string_view parent, std::string_view key);
/// `parent[index]`.
[[nodiscard]] std::string index_path(std::string_view parent, std::size_t index);

/// Visits the pairs of a map whose keys are free (node ids, movement ids), reporting duplicate and
/// non-scalar keys. A null node is an empty map; any other kind is reported as "must be a map".
void for_each_entry(LoadContext& context, const YamlNode& node, const std::string& path,
                    const std::function<void(const YamlNode& key, const YamlNode& value,
                                             const std::string& value_path)>& visit);

/// Visits the items of a list. A null node is an empty list; any other kind: "must be a list".
void for_each_item(LoadContext& context, const YamlNode& node, const std::string& path,
                   const std::function<void(const YamlNode& item, const std::string& item_path)>& visit);

/// Scalar conversions of one node; nullopt after reporting the problem.
[[nodiscard]] std::optional<double> to_number(LoadContext& context, const YamlNode& node, const std::string& path);
[[nodiscard]] std::optional<int> to_integer(LoadContext& context, const YamlNode& node, const std::string& path);
[[nodiscard]] std::optional<std::string> to_text(LoadContext& context, const YamlNode& node,
                                                 const std::string& path);
/// A number (a profile of one value) or a list of numbers.
void to_profile(LoadContext& context, const YamlNode& node, const std::string& path, std::vector<double>& out);

/// One map of a section: checks unknown, duplicate, doubly-given (metric and US) and missing
/// required keys on construction; then reads keys by their metric name.
class MapReader {
 public:
  MapReader(LoadContext& context, const Section& section, const YamlNode& node, std::string path);

  /// False when the node was not a map (already reported); reads then find nothing.
  [[nodiscard]] bool is_map() const noexcept { return is_map_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] LoadContext& context() noexcept { return context_; }
  /// Position of the map itself.
  [[nodiscard]] Position position() const noexcept { return position_; }

  /// The value of a key (by metric name) and its path as written, or nullptr when absent.
  [[nodiscard]] const YamlNode* find(std::string_view key) const;
  [[nodiscard]] std::string path_of(std::string_view key) const;
  /// Position of the key text itself (for errors about the key), or of the map.
  [[nodiscard]] Position key_position(std::string_view key) const;

  // Each leaves `out` unchanged when the key is absent or its value is wrong.
  void read(std::string_view key, double& out);
  void read(std::string_view key, std::optional<double>& out);
  void read(std::string_view key, int& out);
  void read(std::string_view key, bool& out);
  void read(std::string_view key, std::string& out);
  void read(std::string_view key, std::vector<std::string>& out);
  void read(std::string_view key, std::vector<int>& out);
  /// A number (one value) or a list of numbers.
  void read_profile(std::string_view key, std::vector<double>& out);
  /// "HH:MM" or "HH:MM:SS" as seconds after midnight.
  void read_clock_time(std::string_view key, double& out);
  /// A word of the key's `choices`, parsed by `parse`.
  template <typename Enum, typename Parse>
  void read_choice(std::string_view key, Enum& out, Parse parse) {
    std::string word;
    read_word(key, word);
    if (word.empty()) return;
    if (const auto value = parse(word)) {
      out = *value;
    } else {
      report_bad_choice(key, word);
    }
  }

 private:
  struct Found {
    const KeySpec* spec;
    const YamlNode* key;
    const YamlNode* value;
  };
  LoadContext& context_;
  const Section& section_;
  std::string path_;
  Position position_;
  bool is_map_ = false;
  std::map<std::string_view, Found, std::less<>> found_;  // by metric name

  const Found* lookup(std::string_view key, KeyType expected) const;
  void read_word(std::string_view key, std::string& out);
  void report_bad_choice(std::string_view key, const std::string& word);
};

/// The items of a list of maps of `section` under `key` of `parent`, each read by `read_item(MapReader&)`.
template <typename Item, typename ReadItem>
std::vector<Item> read_items(MapReader& parent, std::string_view key, const Section& section, ReadItem read_item) {
  std::vector<Item> items;
  const YamlNode* node = parent.find(key);
  if (node == nullptr) return items;
  for_each_item(parent.context(), *node, parent.path_of(key), [&](const YamlNode& item, const std::string& path) {
    MapReader reader(parent.context(), section, item, path);
    if (reader.is_map()) items.push_back(read_item(reader));
  });
  return items;
}

}  // namespace itsc::detail

#pragma once
// A light YAML tree built from yaml-cpp's event parser. yaml-cpp's own Node drops duplicate map keys
// and expands aliases without limit; this tree keeps every key pair in order with its exact position
// and bounds alias expansion, so the loader can report both.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "itsc/error.hpp"

namespace itsc::detail {

/// 1-based position in the source text.
struct Position {
  int line = 0;
  int column = 0;
};

struct YamlNode;
using YamlNodePtr = std::shared_ptr<const YamlNode>;

/// One YAML node. Aliases share the anchored node (nothing is copied).
struct YamlNode {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  Position position;
  std::string value;   ///< scalar text
  bool quoted = false; ///< scalar written in quotes (never null, a number or a boolean by accident)
  std::vector<YamlNodePtr> items;                         ///< sequence items
  std::vector<std::pair<YamlNodePtr, YamlNodePtr>> pairs; ///< map key/value pairs, duplicates kept
  std::size_t size = 1;  ///< nodes in this subtree counting aliases expanded (saturates)

  [[nodiscard]] bool is_null() const noexcept { return kind == Kind::null; }
};

/// The most nodes a document may expand to through aliases (an "alias bomb" guard).
inline constexpr std::size_t kMaxAliasExpansion = 1'000'000;

/// Parses one YAML document. Returns nullptr and appends a diagnostic (syntax error, alias bomb,
/// several documents) when it cannot be read; an empty document gives a null node.
[[nodiscard]] YamlNodePtr parse_yaml(std::string_view text, const std::string& file,
                                     std::vector<Diagnostic>& diagnostics);

}  // namespace itsc::detail

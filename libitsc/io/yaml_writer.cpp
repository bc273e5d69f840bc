#include "io/yaml_writer.hpp"

#include "util/format_number.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cstdio>

namespace itsc::detail {

namespace {

constexpr std::size_t kLineWidth = 110;
constexpr int kIndent = 2;

// Plain scalars YAML would read as something other than a string.
bool is_reserved_word(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  constexpr std::array<std::string_view, 11> kWords{"true", "false", "yes", "no", "on", "off",
                                                    "null", "y", "n", "~", ""};
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

bool is_plain_safe(std::string_view text) {
  if (text.empty() || is_reserved_word(text) || text.back() == ' ') return false;
  const char first = text.front();
  if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') || first == '_')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == ' ';
  });
}

// Deep structures (a map holding lists of maps) stay in block style.
int depth(const YamlOut& value) {
  int deepest = 0;
  for (const YamlOut& item : value.items) deepest = std::max(deepest, depth(item));
  return value.kind == YamlOut::Kind::scalar ? 0 : deepest + 1;
}

std::string flow(const YamlOut& value) {
  switch (value.kind) {
    case YamlOut::Kind::scalar: return value.text;
    case YamlOut::Kind::list: {
      std::string text = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i) text += (i ? ", " : "") + flow(value.items[i]);
      return text + "]";
    }
    case YamlOut::Kind::map: {
      std::string text = "{";
      for (std::size_t i = 0; i < value.keys.size(); ++i) {
        text += (i ? ", " : "") + value.keys[i] + ": " + flow(value.items[i]);
      }
      return text + "}";
    }
  }
  return "";
}

// Flow style for empty collections and short, shallow ones that fit on the line.
bool fits_flow(const YamlOut& value, std::size_t column) {
  if (value.kind == YamlOut::Kind::scalar || value.items.empty()) return true;
  return depth(value) <= 2 && column + flow(value).size() <= kLineWidth;
}

void write_block(const YamlOut& value, int indent, std::string& out);

// Writes `value` after "key:" or "- " at `column`: on the same line if it is flow, else below.
void write_value(const YamlOut& value, int indent, std::size_t column, std::string& out) {
  if (fits_flow(value, column + 1)) {
    out += ' ' + flow(value) + '\n';
    return;
  }
  out += '\n';
  write_block(value, indent + kIndent, out);
}

void write_block(const YamlOut& value, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (value.kind == YamlOut::Kind::map) {
    for (std::size_t i = 0; i < value.keys.size(); ++i) {
      out += pad + value.keys[i] + ':';
      write_value(value.items[i], indent, pad.size() + value.keys[i].size() + 1, out);
    }
    return;
  }
  for (const YamlOut& item : value.items) {
    if (item.kind == YamlOut::Kind::map && !fits_flow(item, pad.size() + 2)) {
      // "- " then the map's first pair on the same line, the rest aligned under it.
      std::string nested;
      write_block(item, indent + kIndent, nested);
      out += pad + "- " + nested.substr(pad.size() + kIndent);
    } else if (fits_flow(item, pad.size() + 2)) {
      out += pad + "- " + flow(item) + '\n';
    } else {
      out += pad + "-\n";
      write_block(item, indent + kIndent, out);
    }
  }
}

}  // namespace

YamlOut YamlOut::number(double value) {
  YamlOut out;
  out.text = format_number(value);
  return out;
}

YamlOut YamlOut::integer(int value) {
  YamlOut out;
  out.text = std::to_string(value);
  return out;
}

YamlOut YamlOut::string(std::string_view value) {
  YamlOut out;
  out.text = yaml_string(value);
  return out;
}

YamlOut YamlOut::boolean(bool value) {
  YamlOut out;
  out.text = value ? "true" : "false";
  return out;
}

YamlOut YamlOut::list() {
  YamlOut out;
  out.kind = Kind::list;
  return out;
}

YamlOut YamlOut::map() {
  YamlOut out;
  out.kind = Kind::map;
  return out;
}

void YamlOut::add(std::string_view key, YamlOut value) {
  keys.push_back(yaml_string(key));
  items.push_back(std::move(value));
}

void SectionWriter::add(std::string_view key, YamlOut value) {
  const std::size_t index = section_.index_of(key);
  assert(index < section_.keys.size());  // a key the table does not list
  pairs_.push_back({index, {std::string(key), std::move(value)}});
}

void SectionWriter::add_number(std::string_view key, double value, double default_value) {
  if (value != default_value) add_number(key, value);
}

void SectionWriter::add_optional(std::string_view key, const std::optional<double>& value) {
  if (value) add_number(key, *value);
}

void SectionWriter::add_ids(std::string_view key, const std::vector<std::string>& ids) {
  if (!ids.empty()) add(key, YamlOut::list_of(ids, YamlOut::string));
}

void SectionWriter::add_integers(std::string_view key, const std::vector<int>& values) {
  if (!values.empty()) add(key, YamlOut::list_of(values, YamlOut::integer));
}

YamlOut SectionWriter::finish() {
  std::stable_sort(pairs_.begin(), pairs_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  YamlOut out = YamlOut::map();
  for (auto& [index, pair] : pairs_) out.add(pair.first, std::move(pair.second));
  pairs_.clear();
  return out;
}

std::string yaml_string(std::string_view value) {
  if (is_plain_safe(value)) return std::string(value);
  std::string text = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': text += "\\\""; break;
      case '\\': text += "\\\\"; break;
      case '\n': text += "\\n"; break;
      case '\t': text += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          std::array<char, 8> escape{};
          std::snprintf(escape.data(), escape.size(), "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          text += escape.data();
        } else {
          text += c;
        }
    }
  }
  return text + "\"";
}

std::string write_yaml(const YamlOut& root) {
  std::string out;
  write_block(root, 0, out);
  return out;
}

}  // namespace itsc::detail

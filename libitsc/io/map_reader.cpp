#include "io/map_reader.hpp"

#include <cassert>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

namespace itsc::detail {

namespace {

std::string kind_text(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null: return "null";
    case YamlNode::Kind::scalar: return "'" + node.value + "'";
    case YamlNode::Kind::sequence: return "a list";
    case YamlNode::Kind::map: return "a map";
  }
  return "?";
}

std::string position_text(Position position) {
  return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
}

bool is_special_float(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  for (std::string_view special : {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"}) {
    if (text == special) return true;
  }
  return false;
}

// A YAML number as std::from_chars reads it (which also takes "inf" and "nan"); nullopt if not one.
std::optional<double> parse_double(std::string_view text) {
  if (is_special_float(text)) return std::numeric_limits<double>::quiet_NaN();
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

void LoadContext::error(Position position, std::string path, std::string message) {
  Diagnostic diagnostic;
  diagnostic.file = file;
  diagnostic.line = position.line;
  diagnostic.column = position.column;
  diagnostic.path = std::move(path);
  diagnostic.message = std::move(message);
  errors.push_back(std::move(diagnostic));
}

Position LoadContext::locate(std::string_view path) const {
  std::string candidate(path);
  while (!candidate.empty()) {
    if (const auto found = positions.find(candidate); found != positions.end()) return found->second;
    const std::size_t dot = candidate.rfind('.');
    const std::size_t bracket = candidate.rfind('[');
    const std::size_t cut = dot == std::string::npos ? bracket
                            : bracket == std::string::npos ? dot
                                                           : std::max(dot, bracket);
    if (cut != std::string::npos && cut == dot) {
      if (const auto us = us_alternative(std::string_view(candidate).substr(dot + 1))) {
        const auto found = positions.find(candidate.substr(0, dot + 1) + std::string(*us));
        if (found != positions.end()) return found->second;
      }
    }
    candidate.resize(cut == std::string::npos ? 0 : cut);
  }
  const auto root = positions.find(std::string());
  return root == positions.end() ? Position{} : root->second;
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string path(parent);
  path += '.';
  path += key;
  return path;
}

std::string index_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + '[' + std::to_string(index) + ']';
}

void for_each_entry(LoadContext& context, const YamlNode& node, const std::string& path,
                    const std::function<void(const YamlNode&, const YamlNode&, const std::string&)>& visit) {
  if (node.is_null()) return;
  if (node.kind != YamlNode::Kind::map) {
    context.error(node.position, path, "must be a map");
    return;
  }
  std::map<std::string, Position, std::less<>> seen;
  for (const auto& [key, value] : node.pairs) {
    if (key->kind != YamlNode::Kind::scalar) {
      context.error(key->position, path, "keys must be plain words, got " + kind_text(*key));
      continue;
    }
    const auto [first, inserted] = seen.emplace(key->value, key->position);
    if (!inserted) {
      context.error(key->position, path,
                        "duplicate key '" + key->value + "' (first at " + position_text(first->second) + ")");
      continue;
    }
    const std::string value_path = join_path(path, key->value);
    context.record(value_path, value->position);
    visit(*key, *value, value_path);
  }
}

void for_each_item(LoadContext& context, const YamlNode& node, const std::string& path,
                   const std::function<void(const YamlNode&, const std::string&)>& visit) {
  if (node.is_null()) return;
  if (node.kind != YamlNode::Kind::sequence) {
    context.error(node.position, path, "must be a list");
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const std::string item_path = index_path(path, i);
    context.record(item_path, node.items[i]->position);
    visit(*node.items[i], item_path);
  }
}

std::optional<double> to_number(LoadContext& context, const YamlNode& node, const std::string& path) {
  if (node.kind != YamlNode::Kind::scalar) {
    context.error(node.position, path, "must be a number, got " + kind_text(node));
    return std::nullopt;
  }
  const auto value = parse_double(node.value);
  if (!value) {
    context.error(node.position, path, "must be a number, got " + kind_text(node));
    return std::nullopt;
  }
  if (!std::isfinite(*value)) {
    context.error(node.position, path, "must be a finite number, got " + node.value);
    return std::nullopt;
  }
  return value;
}

std::optional<int> to_integer(LoadContext& context, const YamlNode& node, const std::string& path) {
  const auto value = node.kind == YamlNode::Kind::scalar ? parse_double(node.value) : std::nullopt;
  if (!value || !std::isfinite(*value) || std::trunc(*value) != *value) {
    context.error(node.position, path, "must be an integer, got " + kind_text(node));
    return std::nullopt;
  }
  constexpr int kLow = std::numeric_limits<int>::min();
  constexpr int kHigh = std::numeric_limits<int>::max();
  // Checked before converting: a double out of int's range does not convert (1e12 lanes).
  if (*value < kLow || *value > kHigh) {
    context.error(node.position, path,
                  "must be an integer between " + std::to_string(kLow) + " and " + std::to_string(kHigh) +
                      ", got " + node.value);
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::optional<std::string> to_text(LoadContext& context, const YamlNode& node, const std::string& path) {
  if (node.kind != YamlNode::Kind::scalar) {
    context.error(node.position, path, "must be a string, got " + kind_text(node));
    return std::nullopt;
  }
  return node.value;
}

MapReader::MapReader(LoadContext& context, const Section& section, const YamlNode& node, std::string path)
    : context_(context), section_(section), path_(std::move(path)), position_(node.position) {
  context_.record(path_, node.position);
  if (node.kind != YamlNode::Kind::map) {
    context_.error(node.position, path_, "must be a map");
    return;
  }
  is_map_ = true;
  std::map<std::string_view, const YamlNode*, std::less<>> seen;  // by name as written
  for (const auto& [key, value] : node.pairs) {
    if (key->kind != YamlNode::Kind::scalar) {
      context_.error(key->position, path_, "keys must be plain words, got " + kind_text(*key));
      continue;
    }
    const std::string& name = key->value;
    if (const auto first = seen.find(name); first != seen.end()) {
      context_.error(key->position, path_,
                         "duplicate key '" + name + "' (first at " + position_text(first->second->position) + ")");
      continue;
    }
    seen.emplace(name, key.get());
    const KeySpec* spec = section_.find(name);
    if (spec == nullptr) {
      std::string message = "unknown key '" + name + "'";
      if (const auto suggestion = suggest_key(section_, name)) {
        message += " (did you mean '" + std::string(*suggestion) + "'?)";
      }
      context_.error(key->position, path_, std::move(message));
      continue;
    }
    if (const auto other = found_.find(spec->name); other != found_.end()) {
      context_.error(key->position, path_,
                         "give either '" + std::string(spec->name) + "' or '" + std::string(spec->us_name) +
                         "', not both");
      continue;
    }
    found_.emplace(spec->name, Found{spec, key.get(), value.get()});
    context_.record(join_path(path_, name), value->position);
  }
  // A missing key with a US alternative is named in the units the map is written in, with the other.
  bool us_units = false;
  for (const auto& [name, found] : found_) {
    us_units = us_units || (!found.spec->us_name.empty() && found.key->value == found.spec->us_name);
  }
  for (const KeySpec& spec : section_.keys) {
    if (!spec.required || found_.contains(spec.name)) continue;
    std::string message = "missing required key '";
    if (spec.us_name.empty()) {
      message += std::string(spec.name) + "'";
    } else if (us_units) {
      message += std::string(spec.us_name) + "' (or '" + std::string(spec.name) + "')";
    } else {
      message += std::string(spec.name) + "' (or '" + std::string(spec.us_name) + "')";
    }
    context_.error(position_, path_, std::move(message));
  }
}

const MapReader::Found* MapReader::lookup(std::string_view key, KeyType expected) const {
  // Reading a key the table does not list, or with another type, is a programming error.
  assert(section_.find(key) != nullptr && section_.find(key)->type == expected);
  static_cast<void>(expected);
  const auto found = found_.find(key);
  return found == found_.end() ? nullptr : &found->second;
}

const YamlNode* MapReader::find(std::string_view key) const {
  const auto found = found_.find(key);
  return found == found_.end() ? nullptr : found->second.value;
}

std::string MapReader::path_of(std::string_view key) const {
  const auto found = found_.find(key);
  return join_path(path_, found == found_.end() ? key : std::string_view(found->second.key->value));
}

Position MapReader::key_position(std::string_view key) const {
  const auto found = found_.find(key);
  return found == found_.end() ? position_ : found->second.key->position;
}

void MapReader::read(std::string_view key, double& out) {
  std::optional<double> value;
  read(key, value);
  if (value) out = *value;
}

void MapReader::read(std::string_view key, std::optional<double>& out) {
  const Found* found = lookup(key, KeyType::number);
  if (found == nullptr) return;
  const auto value = to_number(context_, *found->value, path_of(key));
  if (!value) return;
  const bool us = found->key->value != found->spec->name;
  out = us ? *value * found->spec->us_factor : *value;
}

void MapReader::read(std::string_view key, int& out) {
  const Found* found = lookup(key, KeyType::integer);
  if (found == nullptr) return;
  if (const auto value = to_integer(context_, *found->value, path_of(key))) out = *value;
}

void MapReader::read(std::string_view key, bool& out) {
  const Found* found = lookup(key, KeyType::boolean);
  if (found == nullptr) return;
  const YamlNode& node = *found->value;
  const std::string_view text = node.kind == YamlNode::Kind::scalar ? std::string_view(node.value) : std::string_view();
  if (text == "true" || text == "True" || text == "TRUE") {
    out = true;
  } else if (text == "false" || text == "False" || text == "FALSE") {
    out = false;
  } else {
    context_.error(node.position, path_of(key), "must be true or false, got " + kind_text(node));
  }
}

void MapReader::read(std::string_view key, std::string& out) {
  const Found* found = lookup(key, KeyType::string);
  if (found == nullptr) return;
  if (auto value = to_text(context_, *found->value, path_of(key))) out = std::move(*value);
}

void MapReader::read(std::string_view key, std::vector<std::string>& out) {
  const Found* found = lookup(key, KeyType::id_list);
  if (found == nullptr) return;
  for_each_item(context_, *found->value, path_of(key), [&](const YamlNode& item, const std::string& path) {
    if (auto value = to_text(context_, item, path)) out.push_back(std::move(*value));
  });
}

void MapReader::read(std::string_view key, std::vector<int>& out) {
  const Found* found = lookup(key, KeyType::integer_list);
  if (found == nullptr) return;
  for_each_item(context_, *found->value, path_of(key), [&](const YamlNode& item, const std::string& path) {
    if (const auto value = to_integer(context_, item, path)) out.push_back(*value);
  });
}

void to_profile(LoadContext& context, const YamlNode& node, const std::string& path, std::vector<double>& out) {
  if (node.kind != YamlNode::Kind::sequence) {
    if (const auto value = to_number(context, node, path)) out = {*value};
    return;
  }
  for_each_item(context, node, path, [&](const YamlNode& item, const std::string& item_path) {
    if (const auto value = to_number(context, item, item_path)) out.push_back(*value);
  });
}

void MapReader::read_profile(std::string_view key, std::vector<double>& out) {
  const Found* found = lookup(key, KeyType::number_or_list);
  if (found != nullptr) to_profile(context_, *found->value, path_of(key), out);
}

void MapReader::read_clock_time(std::string_view key, double& out) {
  const Found* found = lookup(key, KeyType::clock_time);
  if (found == nullptr) return;
  const YamlNode& node = *found->value;
  const std::string_view text = node.kind == YamlNode::Kind::scalar ? std::string_view(node.value) : std::string_view();
  // Two-digit fields: HH:MM or HH:MM:SS, hours 0-23.
  const auto field = [&](std::size_t at, int limit) -> std::optional<int> {
    if (at + 2 > text.size()) return std::nullopt;
    int value = 0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + 2, value);
    if (error != std::errc{} || end != text.data() + at + 2 || value >= limit) return std::nullopt;
    return value;
  };
  const bool shape_ok = (text.size() == 5 || (text.size() == 8 && text[5] == ':')) && text[2] == ':';
  const auto hours = shape_ok ? field(0, 24) : std::nullopt;
  const auto minutes = shape_ok ? field(3, 60) : std::nullopt;
  const auto seconds = text.size() == 8 ? field(6, 60) : std::optional<int>(0);
  if (!hours || !minutes || !seconds) {
    context_.error(node.position, path_of(key),
                   "must be a clock time \"HH:MM\" or \"HH:MM:SS\", got " + kind_text(node));
    return;
  }
  out = *hours * 3600.0 + *minutes * 60.0 + *seconds;
}

void MapReader::read_word(std::string_view key, std::string& out) {
  const Found* found = lookup(key, KeyType::choice);
  if (found == nullptr) return;
  if (auto value = to_text(context_, *found->value, path_of(key))) out = std::move(*value);
}

void MapReader::report_bad_choice(std::string_view key, const std::string& word) {
  const KeySpec* spec = section_.find(key);
  context_.error(found_.at(key).value->position, path_of(key),
                 "must be one of " + std::string(spec->choices) + ", got '" + word + "'");
}

}  // namespace itsc::detail

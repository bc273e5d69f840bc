// Field reads for the CityFlow JSON files. JSON numbers that are not finite cannot occur (the parser has
// no NaN), but huge ones can: they stay finite doubles and the checks of each field bound them.
#include "io/cityflow/json_fields.hpp"

#include <cmath>
#include <cstdint>

namespace itsc::detail {

namespace {

// 1-based line and column of byte `offset` of `text`.
std::pair<int, int> line_column(const std::string& text, std::size_t offset) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

std::string type_name(const Json& value) { return value.type_name(); }

}  // namespace

std::string json_index(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

std::string json_member(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

JsonFields::JsonFields(const SourceText& source) : file_(source.name) {
  try {
    root_ = Json::parse(source.text);
  } catch (const Json::parse_error& e) {
    // nlohmann's byte is one past the offending character.
    const auto [line, column] = line_column(source.text, e.byte > 0 ? e.byte - 1 : 0);
    std::string message = e.what();
    if (const auto colon = message.rfind(": "); colon != std::string::npos) message = message.substr(colon + 2);
    throw Error(ErrorCode::invalid_input,
                std::vector<Diagnostic>{{Severity::error, file_, line, column, "", "not JSON: " + message}});
  }
}

const Json* JsonFields::member(const Json& object, const std::string& path, std::string_view key, bool required) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(std::string(key));
  if (found == object.end()) {
    if (required) error(json_member(path, key), "missing");
    return nullptr;
  }
  return &*found;
}

const Json* JsonFields::array(const Json& object, const std::string& path, std::string_view key) {
  const Json* value = member(object, path, key);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    error(json_member(path, key), "must be an array, got " + type_name(*value));
    return nullptr;
  }
  return value;
}

bool JsonFields::is_object(const Json& value, const std::string& path) {
  if (value.is_object()) return true;
  error(path, "must be an object, got " + type_name(value));
  return false;
}

std::string JsonFields::string(const Json& object, const std::string& path, std::string_view key) {
  const Json* value = member(object, path, key);
  return value == nullptr ? std::string() : string(*value, json_member(path, key));
}

std::string JsonFields::string(const Json& value, const std::string& path) {
  if (value.is_string()) return value.get<std::string>();
  error(path, "must be a string, got " + type_name(value));
  return {};
}

double JsonFields::number(const Json& object, const std::string& path, std::string_view key,
                          std::optional<double> fallback) {
  const Json* value = member(object, path, key, !fallback);
  if (value == nullptr) return fallback.value_or(0);
  if (!value->is_number() || !std::isfinite(value->get<double>())) {
    error(json_member(path, key), "must be a number, got " + type_name(*value));
    return 0;
  }
  return value->get<double>();
}

bool JsonFields::boolean(const Json& object, const std::string& path, std::string_view key, bool fallback) {
  const Json* value = member(object, path, key, false);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) {
    error(json_member(path, key), "must be true or false, got " + type_name(*value));
    return fallback;
  }
  return value->get<bool>();
}

std::optional<std::size_t> JsonFields::index(const Json& value, const std::string& path, std::size_t size,
                                             std::string_view what) {
  if (!value.is_number_integer()) {
    error(path, "must be an integer index, got " + type_name(value));
    return std::nullopt;
  }
  // nlohmann holds non-negative integers as unsigned and negative ones as signed.
  const bool inside = value.is_number_unsigned() ? value.get<std::uint64_t>() < size : false;
  if (!inside) {
    error(path, "index " + value.dump() + " out of range: there are " + std::to_string(size) + " " + std::string(what));
    return std::nullopt;
  }
  return static_cast<std::size_t>(value.get<std::uint64_t>());
}

void JsonFields::error(const std::string& path, const std::string& message) {
  problems_.push_back({Severity::error, file_, 0, 0, path, message});
}

void JsonFields::throw_if_errors() {
  if (!problems_.empty()) throw Error(ErrorCode::invalid_input, std::move(problems_));
}

}  // namespace itsc::detail

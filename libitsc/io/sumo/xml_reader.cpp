#include "io/sumo/xml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace itsc::detail {

namespace {
constexpr std::size_t kMaxErrors = 100;
}  // namespace

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

XmlReader::XmlReader(const SumoSource& source, std::string_view root_name) : name_(source.name) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < source.text.size(); ++i) {
    if (source.text[i] == '\n') line_starts_.push_back(i + 1);
  }
  const pugi::xml_parse_result parsed =
      document_.load_buffer(source.text.data(), source.text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    const auto [line, column] = line_column(parsed.offset);
    throw Error(ErrorCode::invalid_input,
                {Diagnostic{Severity::error, name_, line, column, "",
                            std::string("not well-formed XML: ") + parsed.description()}});
  }
  const pugi::xml_node element = root();
  if (!element) {
    throw Error(ErrorCode::invalid_input,
                {Diagnostic{Severity::error, name_, 1, 1, "", "not XML: no root element <" + std::string(root_name) + ">"}});
  }
  if (root_name != element.name()) {
    const auto [line, column] = line_column(element.offset_debug() - 1);  // at its '<'

    throw Error(ErrorCode::invalid_input,
                {Diagnostic{Severity::error, name_, line, column, "",
                            "root element is <" + std::string(element.name()) + ">, expected <" +
                                std::string(root_name) + ">"}});
  }
}

std::pair<int, int> XmlReader::line_column(std::ptrdiff_t offset) const {
  if (offset < 0) return {0, 0};
  const auto position = static_cast<std::size_t>(offset);
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), position);
  const auto line = static_cast<std::size_t>(next - line_starts_.begin());
  return {static_cast<int>(line), static_cast<int>(position - line_starts_[line - 1] + 1)};
}

void XmlReader::error(pugi::xml_node element, std::string message) {
  if (errors_.size() >= kMaxErrors) return;
  SourcePosition at = position(element);
  errors_.push_back({Severity::error, std::move(at.file), at.line, at.column, "", std::move(message)});
}

SourcePosition XmlReader::position(pugi::xml_node element) const {
  // offset_debug points at the element's name; the column given is that of its '<'.
  const auto [line, column] = line_column(element.offset_debug() - 1);
  return {name_, line, column};
}

void XmlReader::throw_if_errors() const {
  if (!errors_.empty()) throw Error(ErrorCode::invalid_input, errors_);
}

std::string XmlReader::text(pugi::xml_node element, const char* name) {
  std::string value = element.attribute(name).value();
  if (value.empty()) error(element, "<" + std::string(element.name()) + "> needs attribute '" + name + "'");
  return value;
}

std::string XmlReader::optional_text(pugi::xml_node element, const char* name) {
  return element.attribute(name).value();
}

double XmlReader::number(pugi::xml_node element, const char* name) {
  const pugi::xml_attribute attribute = element.attribute(name);
  if (!attribute) {
    error(element, "<" + std::string(element.name()) + "> needs attribute '" + name + "'");
    return 0;
  }
  return number(element, name, 0);
}

double XmlReader::number(pugi::xml_node element, const char* name, double fallback) {
  const pugi::xml_attribute attribute = element.attribute(name);
  if (!attribute) return fallback;
  const auto value = parse_number(attribute.value());
  if (!value) {
    error(element, "attribute '" + std::string(name) + "' must be a number, got '" + attribute.value() + "'");
    return fallback;
  }
  return *value;
}

int XmlReader::integer(pugi::xml_node element, const char* name, int fallback) {
  const pugi::xml_attribute attribute = element.attribute(name);
  if (!attribute) return fallback;
  const std::string_view text = attribute.value();
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    error(element, "attribute '" + std::string(name) + "' must be an integer, got '" + std::string(text) + "'");
    return fallback;
  }
  return value;
}

}  // namespace itsc::detail

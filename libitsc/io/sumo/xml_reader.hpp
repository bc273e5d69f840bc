#pragma once
// One SUMO XML file parsed with pugixml, with FILE:LINE:COL positions for its elements and attribute
// readers that collect every problem before throwing them together (nothing is half-imported).

#include <pugixml.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/sumo/sumo_net.hpp"
#include "itsc/error.hpp"
#include "itsc/sumo.hpp"

namespace itsc::detail {

class XmlReader {
 public:
  /// Parses `source`; throws `Error` (invalid_input) at the position of a syntax error, or when the
  /// root element is not `root_name`.
  XmlReader(const SumoSource& source, std::string_view root_name);
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  [[nodiscard]] pugi::xml_node root() const { return document_.document_element(); }
  [[nodiscard]] const std::string& file() const noexcept { return name_; }

  /// Records an error at the element (at most 100 are kept).
  void error(pugi::xml_node element, std::string message);
  /// Where the element starts.
  [[nodiscard]] SourcePosition position(pugi::xml_node element) const;
  /// Throws the recorded errors, if any.
  void throw_if_errors() const;

  /// A required attribute (an error when it is missing or empty; "" then).
  [[nodiscard]] std::string text(pugi::xml_node element, const char* name);
  /// An optional attribute ("" when missing).
  [[nodiscard]] static std::string optional_text(pugi::xml_node element, const char* name);
  /// A required number (an error when missing, not a number or not finite).
  [[nodiscard]] double number(pugi::xml_node element, const char* name);
  /// An optional number: `fallback` when missing, an error when not a finite number.
  [[nodiscard]] double number(pugi::xml_node element, const char* name, double fallback);
  /// An optional integer: `fallback` when missing, an error when not an integer.
  [[nodiscard]] int integer(pugi::xml_node element, const char* name, int fallback);

 private:
  [[nodiscard]] std::pair<int, int> line_column(std::ptrdiff_t offset) const;

  std::string name_;
  std::vector<std::size_t> line_starts_;
  pugi::xml_document document_;
  std::vector<Diagnostic> errors_;
};

/// Parses a number the way SUMO writes them ("13.89", "-5", "1e3"); nullopt unless all of it is a finite number.
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

}  // namespace itsc::detail

#pragma once
// Text for XML attributes written by the SUMO export.

#include <string>
#include <string_view>

namespace itsc::detail {

/// `text` with the characters XML reserves in attribute values escaped.
[[nodiscard]] inline std::string xml_escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace itsc::detail

#pragma once
// printf-style appending for the text reports.
#include <algorithm>
#include <cstdio>
#include <string>

namespace itsc::detail {

template <typename... Args>
void append(std::string& out, const char* format, Args... args) {
  char line[512];
  const int written = std::snprintf(line, sizeof line, format, args...);
  if (written > 0) out.append(line, static_cast<std::size_t>(std::min<int>(written, static_cast<int>(sizeof line) - 1)));
}

}  // namespace itsc::detail

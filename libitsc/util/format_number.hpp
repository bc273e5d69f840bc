#pragma once
// Numbers as people read them and as files store them: the shortest text that reads back to the
// same double (std::to_chars), so 0.15 is "0.15", never 0.14999999999999999.

#include <string>

namespace itsc::detail {

/// Shortest round-trip decimal form; "nan", "inf", "-inf" for non-finite values.
[[nodiscard]] std::string format_number(double value);

}  // namespace itsc::detail

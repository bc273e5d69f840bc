#pragma once
// Reading a whole file into memory, with an `Error` (io) naming the file when it cannot be read.

#include <filesystem>
#include <string>

namespace itsc::detail {

[[nodiscard]] std::string read_file(const std::filesystem::path& path);

}  // namespace itsc::detail

#include "io/read_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "itsc/error.hpp"

namespace itsc::detail {

std::string read_file(const std::filesystem::path& path) {
  const auto fail = [&] {
    return Error(ErrorCode::io, "cannot read '" + path.string() + "': " + std::strerror(errno));
  };
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw fail();
  std::string text;
  char buffer[65536];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, count);
  if (std::ferror(file.get()) != 0) throw fail();
  return text;
}

}  // namespace itsc::detail

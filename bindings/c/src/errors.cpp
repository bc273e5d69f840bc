// Error codes, the thread-local last error, the version, and the argument, buffer and struct-size helpers.
#include <itsc/version.hpp>

#include <cstring>
#include <string>

#include "c_api.hpp"

namespace itsc::c_api {

thread_local std::string last_error;  // what itsc_error_last shows

int fail(int code, std::string message) {
  try {
    last_error = std::move(message);
  } catch (...) {
    last_error.clear();  // no memory for the message: the code says enough
  }
  return code;
}

void clear_error() noexcept { last_error.clear(); }

int require(const void* pointer, const char* function, const char* argument) {
  if (pointer != nullptr) return ITSC_OK;
  return fail(ITSC_EINVAL, std::string(function) + ": " + argument + " is NULL");
}

int check_room(std::size_t capacity, std::size_t needed, std::size_t* length, const char* function) {
  if (length != nullptr) *length = needed;
  if (capacity >= needed) return ITSC_OK;
  return fail(ITSC_EBUFSIZE, std::string(function) + ": room for " + std::to_string(capacity) + ", " +
                                 std::to_string(needed) + " are needed");
}

int check_size(std::uint32_t size, std::size_t largest, const char* function, const char* what) {
  if (size >= sizeof(std::uint32_t) && size <= largest) return ITSC_OK;
  return fail(ITSC_EINVAL, std::string(function) + ": " + what + ".size is " + std::to_string(size) +
                               ": begin it with its _INIT macro");
}

int copy_string(std::string_view text, char* out, std::size_t capacity, std::size_t* length) {
  if (length != nullptr) *length = text.size();
  if (out == nullptr || capacity < text.size() + 1) {
    return fail(ITSC_EBUFSIZE, "the buffer holds " + std::to_string(capacity) + " bytes, " +
                                   std::to_string(text.size() + 1) + " are needed (with the NUL)");
  }
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return ITSC_OK;
}

}  // namespace itsc::c_api

extern "C" {

uint32_t itsc_version_number(void) { return ITSC_VERSION_NUMBER; }

const char* itsc_version_string(void) { return itsc::version(); }

const char* itsc_strerror(int code) {
  switch (code) {
    case ITSC_OK: return "no error";
    case ITSC_EINVAL: return "invalid argument";
    case ITSC_EINPUT: return "invalid input";
    case ITSC_EIO: return "cannot read the file";
    case ITSC_EBUFSIZE: return "buffer too small";
    case ITSC_ESTATE: return "not possible in this state";
    case ITSC_ENOMEM: return "out of memory";
    case ITSC_EINTERNAL: return "internal error";
    default: return "unknown error code";
  }
}

const char* itsc_error_last(void) { return itsc::c_api::last_error.c_str(); }

}  // extern "C"

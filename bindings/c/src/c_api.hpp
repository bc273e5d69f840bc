#pragma once
// What the C API's entry points share: the handles behind the opaque types, the thread-local last error,
// and `guarded`, which runs a call's body and turns every exception into a code and a message.
#include <itsc/error.hpp>
#include <itsc/timing.hpp>
#include <itsc/model.hpp>
#include <itsc/scenario.hpp>
#include <itsc/simulate.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "itsc/itsc.h"

struct itsc_scenario {
  std::shared_ptr<const itsc::Scenario> scenario;  // shared with the handles that set patterns
  std::shared_ptr<const itsc::Model> model;        // compiled once at load: counts and ids come from it
};

struct itsc_sim {
  std::shared_ptr<const itsc::Scenario> scenario;  // what a new pattern is checked and compiled against
  std::unique_ptr<itsc::Simulation> simulation;
};

namespace itsc::c_api {

/// Sets this thread's last error and returns `code`.
int fail(int code, std::string message);
/// Clears this thread's last error (a call that succeeds leaves none).
void clear_error() noexcept;

/// Runs `body` (which returns ITSC_OK or a code from `fail`), turning exceptions into codes: itsc::Error by
/// its kind, std::bad_alloc into ITSC_ENOMEM, anything else into ITSC_EINTERNAL.
template <class Body>
int guarded(Body&& body) noexcept {
  try {
    clear_error();
    return body();
  } catch (const Error& error) {
    return fail(error.code() == ErrorCode::invalid_input ? ITSC_EINPUT
                : error.code() == ErrorCode::io          ? ITSC_EIO
                                                         : ITSC_EINTERNAL,
                error.what());
  } catch (const std::bad_alloc&) {
    return fail(ITSC_ENOMEM, "out of memory");
  } catch (const std::exception& error) {
    return fail(ITSC_EINTERNAL, error.what());
  } catch (...) {
    return fail(ITSC_EINTERNAL, "an unknown exception");
  }
}

/// ITSC_EINVAL naming the argument when `pointer` is NULL, else ITSC_OK.
int require(const void* pointer, const char* function, const char* argument);

/// `capacity` entries are room for `needed`; else ITSC_EBUFSIZE. `length` gets `needed` either way.
int check_room(std::size_t capacity, std::size_t needed, std::size_t* length, const char* function);

/// ITSC_EINVAL naming `what` unless a caller's versioned struct's `size` is one the library can read: at
/// least the size field, at most this build's struct (an older program passes a smaller one).
int check_size(std::uint32_t size, std::size_t largest, const char* function, const char* what);

/// A caller's versioned struct in: `defaults` overwritten as far as the caller's size goes (NULL: the
/// defaults).
template <class Struct>
int read_versioned(const Struct* in, Struct& defaults, const char* function, const char* what) {
  if (in == nullptr) return ITSC_OK;
  if (int e = check_size(in->size, sizeof(Struct), function, what)) return e;
  std::memcpy(&defaults, in, in->size);
  return ITSC_OK;
}

/// `value` out into a caller's versioned struct, as far as its size goes; its size stays the caller's.
template <class Struct>
int write_versioned(Struct* out, const Struct& value, const char* function, const char* what) {
  if (int e = check_size(out->size, sizeof(Struct), function, what)) return e;
  const std::uint32_t size = out->size;
  std::memcpy(out, &value, size);
  out->size = size;
  return ITSC_OK;
}

/// Signal `signal` of `model` exists; else ITSC_EINVAL.
int check_signal(const itsc::Model& model, std::size_t signal, const char* function);

/// The pattern of `timing` (resolved: ring form, clearances set) into a caller's `pattern`, its offset in
/// the reference the caller set there (patterns.cpp).
int write_pattern(const itsc::Timing& timing, itsc_pattern* pattern, const char* function);
/// `timing` (resolved) running the caller's `pattern` instead, checked as a scenario's timing of node
/// `node_id` would be; on failure `timing` is unchanged.
int apply_pattern(const itsc_pattern* pattern, const itsc::Scenario& scenario, const std::string& node_id,
                  itsc::Timing& timing, const char* function);
/// The caller's itsc_transition as a method (none: at once); ITSC_EINVAL for an unknown one.
int read_transition(int transition, std::optional<itsc::TransitionMethod>& method, const char* function);

/// Copies `text` with its NUL into out[capacity]; ITSC_EBUFSIZE when it does not fit. `length` gets the
/// text's length either way.
int copy_string(std::string_view text, char* out, std::size_t capacity, std::size_t* length);

}  // namespace itsc::c_api

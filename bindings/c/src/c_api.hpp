#pragma once
// What the C API's entry points share: the handles behind the opaque types, the thread-local last error,
// and `guarded`, which runs a call's body and turns every exception into a code and a message.
#include <itsc/error.hpp>
#include <itsc/model.hpp>
#include <itsc/scenario.hpp>
#include <itsc/simulate.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "itsc/itsc.h"

struct itsc_scenario {
  itsc::Scenario scenario;
  std::shared_ptr<const itsc::Model> model;  // compiled once at load: counts and ids come from it
};

struct itsc_sim {
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

/// Copies `text` with its NUL into out[capacity]; ITSC_EBUFSIZE when it does not fit. `length` gets the
/// text's length either way.
int copy_string(std::string_view text, char* out, std::size_t capacity, std::size_t* length);

}  // namespace itsc::c_api

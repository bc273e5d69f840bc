#include "itsc/version.hpp"

namespace itsc {
const char* version() noexcept { return ITSC_VERSION_STRING; }
}  // namespace itsc

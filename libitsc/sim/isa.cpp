// Which instruction set's passes a step runs (kernel/passes.hpp): asked of the CPU once.
#include "sim/kernel.hpp"

namespace itsc {

namespace detail {
// Each build of kernel/ defines its own table; CMake says which builds this library holds.
namespace generic {
extern const Passes kPasses;
extern const Passes kPassesOne;
}
#if defined(ITSC_HAVE_KERNEL_AVX2)
namespace avx2 {
extern const Passes kPasses;
extern const Passes kPassesOne;
}
#endif
#if defined(ITSC_HAVE_KERNEL_AVX512)
namespace avx512 {
extern const Passes kPasses;
extern const Passes kPassesOne;
}
#endif
}  // namespace detail

bool isa_supported(Isa isa) noexcept {
  switch (isa) {
    case Isa::best:
    case Isa::generic:
      return true;
    case Isa::avx2:
#if defined(ITSC_HAVE_KERNEL_AVX2)
      __builtin_cpu_init();  // may run before the constructors that would do it
      return __builtin_cpu_supports("avx2");
#else
      return false;
#endif
    case Isa::avx512:
#if defined(ITSC_HAVE_KERNEL_AVX512)
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512vl");
#else
      return false;
#endif
  }
  return false;
}

Isa resolve_isa(Isa isa) noexcept {
  static const Isa widest = isa_supported(Isa::avx512) ? Isa::avx512 : isa_supported(Isa::avx2) ? Isa::avx2 : Isa::generic;
  if (isa == Isa::best) return widest;
  if (isa == Isa::avx512 && !isa_supported(Isa::avx512)) isa = Isa::avx2;
  if (isa == Isa::avx2 && !isa_supported(Isa::avx2)) isa = Isa::generic;
  return isa;
}

std::string_view isa_name(Isa isa) noexcept {
  switch (isa) {
    case Isa::best: return "best";
    case Isa::generic: return "generic";
    case Isa::avx2: return "avx2";
    case Isa::avx512: return "avx512";
  }
  return "unknown";
}

const detail::Passes& detail::passes(Isa isa, std::size_t batch) noexcept {
  const bool one = batch == 1;
  switch (resolve_isa(isa)) {
#if defined(ITSC_HAVE_KERNEL_AVX512)
    case Isa::avx512: return one ? avx512::kPassesOne : avx512::kPasses;
#endif
#if defined(ITSC_HAVE_KERNEL_AVX2)
    case Isa::avx2: return one ? avx2::kPassesOne : avx2::kPasses;
#endif
    default: return one ? generic::kPassesOne : generic::kPasses;
  }
}

}  // namespace itsc

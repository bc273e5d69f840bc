# Sanitizer and fuzzing builds (clang-14). Flags apply to every target, so the library is compiled
# once for both the test suite and the fuzz targets:
#   -DITSC_SANITIZE=address,undefined -DITSC_FUZZ=ON   ASan + UBSan tests and libFuzzer targets
#   -DITSC_SANITIZE=thread                             TSan (with LLVM's libomp and Archer)
set(ITSC_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined or thread")
option(ITSC_FUZZ "Build the libFuzzer targets under tests/fuzz (clang only)" OFF)

if(ITSC_SANITIZE)
  add_compile_options(-fsanitize=${ITSC_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${ITSC_SANITIZE})
endif()
if(ITSC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ITSC_FUZZ needs clang (libFuzzer): configure with CXX=clang++-14")
  endif()
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-fsanitize=fuzzer-no-link>)  # the C programs are not fuzzed
endif()

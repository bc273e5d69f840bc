# Warnings in one place. -Wno-sign-conversion: clang's -Wconversion includes it and g++'s does not;
# container indexing with signed ints would drown real findings. Floating point stays strict:
# -ffp-contract=off (no fused multiply-add, so g++ and clang give the same bits), never -ffast-math.
add_library(itsc_warnings INTERFACE)
target_compile_options(itsc_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wno-sign-conversion -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wdouble-promotion
  -Wimplicit-fallthrough -ffp-contract=off
  $<$<BOOL:${ITSC_WERROR}>:-Werror>)
# -Wnull-dereference is left out: at -O2 g++ 12 reports it inside libstdc++'s vector code.
# g++ 12 at -O2 reports impossible overlaps in std::string concatenation ("literal" + std::string&&),
# a known false positive (GCC bugs 105329, 105651); -Wrestrict finds nothing else in this code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(itsc_warnings INTERFACE -Wno-restrict)
endif()

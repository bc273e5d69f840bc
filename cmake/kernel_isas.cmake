# The step's passes (libitsc/sim/kernel/) built once more per wider instruction set, into their own
# namespaces, and linked into libitsc; libitsc/sim/isa.cpp picks the widest the CPU runs. The plain build
# (the baseline, SSE2 on x86-64) is part of the library's sources as usual.
# Only with optimization: the extra builds count on the standard library's small templates (std::min...)
# being inlined into them; at -O0 a copy built for AVX could stand in for the baseline's at link time.
set(ITSC_KERNEL_ISA_LIST "")
if(ITSC_KERNEL_ISAS AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
  string(TOUPPER "${CMAKE_BUILD_TYPE}" _itsc_build_type)
  set(_itsc_flags "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_itsc_build_type}}")
  if(_itsc_flags MATCHES "-O[123s]")
    set(ITSC_KERNEL_ISA_LIST avx2 avx512)
  else()
    message(STATUS "libitsc: no AVX2/AVX-512 passes in a build without optimization")
  endif()
endif()

file(GLOB ITSC_KERNEL_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/libitsc/sim/kernel/*.cpp)
set(ITSC_KERNEL_FLAGS_avx2 -mavx2)
set(ITSC_KERNEL_LANES_avx2 4)
# 512-bit vectors also where the compiler's tuning would prefer 256 (eight members per vector).
set(ITSC_KERNEL_FLAGS_avx512 -mavx512f -mavx512dq -mavx512vl -mprefer-vector-width=512)
set(ITSC_KERNEL_LANES_avx512 8)
foreach(isa IN LISTS ITSC_KERNEL_ISA_LIST)
  add_library(itsc_kernel_${isa} OBJECT ${ITSC_KERNEL_SOURCES})
  set_target_properties(itsc_kernel_${isa} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_compile_options(itsc_kernel_${isa} PRIVATE ${ITSC_KERNEL_FLAGS_${isa}})
  target_compile_definitions(itsc_kernel_${isa} PRIVATE ITSC_KERNEL_ISA=${isa} ITSC_KERNEL_LANES=${ITSC_KERNEL_LANES_${isa}})
  target_include_directories(itsc_kernel_${isa} PRIVATE ${PROJECT_SOURCE_DIR}/include ${PROJECT_BINARY_DIR}/include
                                                        ${PROJECT_SOURCE_DIR}/libitsc)
  target_link_libraries(itsc_kernel_${isa} PRIVATE itsc_warnings)
  target_sources(itsc PRIVATE $<TARGET_OBJECTS:itsc_kernel_${isa}>)
  string(TOUPPER ${isa} ISA)
  target_compile_definitions(itsc PRIVATE ITSC_HAVE_KERNEL_${ISA}=1)
endforeach()

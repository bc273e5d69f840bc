# Installs the build tree into a scratch prefix, then configures, builds and runs examples/ against it
# with find_package(itsc CONFIG), the way a user's project would, and a C program with pkg-config.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples -B ${WORK_DIR}/build
                        -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_CXX_COMPILER=${CXX}
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring examples/ against the installed package failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building examples/ failed: ${rc}")
endif()
execute_process(COMMAND ${WORK_DIR}/build/validate_scenario ${SOURCE_DIR}/data/isolated.yaml
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "the example failed on data/isolated.yaml: ${rc}")
endif()

# A C program against the installed C API through pkg-config, as a C user builds one.
if(EXISTS ${WORK_DIR}/prefix/${LIBDIR}/pkgconfig/itsc.pc)
  find_program(PKG_CONFIG pkg-config REQUIRED)
  set(ENV{PKG_CONFIG_PATH} ${WORK_DIR}/prefix/${LIBDIR}/pkgconfig)
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs itsc OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "pkg-config does not know the installed itsc: ${rc}")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  execute_process(COMMAND ${CC} -std=c99 -Wall -Wextra -Werror -pedantic ${SOURCE_DIR}/examples/c/simulate.c ${flags}
                          -o ${WORK_DIR}/simulate_c RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "building examples/c/simulate.c against the installed C API failed: ${rc}")
  endif()
  set(ENV{LD_LIBRARY_PATH} ${WORK_DIR}/prefix/${LIBDIR})
  execute_process(COMMAND ${WORK_DIR}/simulate_c ${SOURCE_DIR}/data/isolated.yaml RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out)
  if(rc OR NOT out MATCHES "LOS [A-F]")
    message(FATAL_ERROR "examples/c/simulate.c failed on data/isolated.yaml: ${rc}\n${out}")
  endif()
endif()

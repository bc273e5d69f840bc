# Installs the build tree into a scratch prefix, then configures, builds and runs examples/ against it
# with find_package(itsc CONFIG), the way a user's project would.
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

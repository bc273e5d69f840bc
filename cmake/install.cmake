# cmake --install + find_package(itsc CONFIG): targets itsc::itsc and the itsc executable.
include(CMakePackageConfigHelpers)

install(TARGETS itsc EXPORT itscTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/itsc DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/itsc/version.h ${PROJECT_BINARY_DIR}/include/itsc/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/itsc)
if(TARGET itsc_cli)
  install(TARGETS itsc_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(ITSC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/itsc)
install(EXPORT itscTargets NAMESPACE itsc:: DESTINATION ${ITSC_CMAKE_DIR})
configure_package_config_file(cmake/itscConfig.cmake.in ${PROJECT_BINARY_DIR}/itscConfig.cmake
                              INSTALL_DESTINATION ${ITSC_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/itscConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/itscConfig.cmake ${PROJECT_BINARY_DIR}/itscConfigVersion.cmake
        DESTINATION ${ITSC_CMAKE_DIR})

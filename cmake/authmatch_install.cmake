# Installs the library, its headers and a CMake package so downstream projects can say
# find_package(authmatch) and link authmatch::authmatch.
include(CMakePackageConfigHelpers)

install(TARGETS authmatch EXPORT authmatch-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/authmatch DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(_authmatch_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/authmatch)
install(EXPORT authmatch-targets NAMESPACE authmatch:: DESTINATION ${_authmatch_cmake_dir})
configure_package_config_file(cmake/authmatch-config.cmake.in
  ${PROJECT_BINARY_DIR}/authmatch-config.cmake INSTALL_DESTINATION ${_authmatch_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/authmatch-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/authmatch-config.cmake
              ${PROJECT_BINARY_DIR}/authmatch-config-version.cmake
        DESTINATION ${_authmatch_cmake_dir})

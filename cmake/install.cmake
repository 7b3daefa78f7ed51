include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS azcore EXPORT azcoreTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/azcore DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT azcoreTargets NAMESPACE azcore:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/azcore)
configure_package_config_file(cmake/azcoreConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/azcoreConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/azcore)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/azcoreConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/azcoreConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/azcoreConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/azcore)

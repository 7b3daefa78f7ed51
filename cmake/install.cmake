include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Two install components, one Debian package each (cmake/package.cmake): "dev", the library with
# its headers, CMake package and pkg-config file; "azrest", the command-line tool.
install(TARGETS azcore EXPORT azcoreTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/azcore DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
install(EXPORT azcoreTargets NAMESPACE azcore:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/azcore COMPONENT dev)
get_target_property(AZCORE_LIBRARY_TYPE azcore TYPE)
configure_package_config_file(cmake/azcoreConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/azcoreConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/azcore)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/azcoreConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/azcoreConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/azcoreConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/azcore COMPONENT dev)

# Boost has no .pc file: azcore.pc names its directories, unless the compiler searches them anyway.
set(azcore_pc_boost_includedir "${Boost_INCLUDE_DIRS}")
list(REMOVE_ITEM azcore_pc_boost_includedir ${CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES})
set(azcore_pc_boost_libdir "${Boost_LIBRARY_DIRS}")
list(REMOVE_ITEM azcore_pc_boost_libdir ${CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES})
# azcore.pc, written at install time with that install's prefix (cmake/install_pkgconfig.cmake).
string(CONCAT azcore_pc_code
  "set(azcore_pc_template [[${PROJECT_SOURCE_DIR}/cmake/azcore.pc.in]])\n"
  "set(azcore_pc_libdir_rel [[${CMAKE_INSTALL_LIBDIR}]])\n"
  "set(azcore_pc_includedir_rel [[${CMAKE_INSTALL_INCLUDEDIR}]])\n"
  "set(azcore_pc_version [[${PROJECT_VERSION}]])\n"
  "set(azcore_pc_shared [[$<STREQUAL:${AZCORE_LIBRARY_TYPE},SHARED_LIBRARY>]])\n"
  "set(azcore_pc_boost_includedir [[${azcore_pc_boost_includedir}]])\n"
  "set(azcore_pc_boost_libdir [[${azcore_pc_boost_libdir}]])\n"
  "include([[${PROJECT_SOURCE_DIR}/cmake/install_pkgconfig.cmake]])\n")
install(CODE "${azcore_pc_code}" COMPONENT dev)

# `cmake --install --strip` and CPack (CPACK_STRIP_FILES) strip executables and shared
# libraries; the static archive loses its debug information too (165 MB to a few MB).
if(AZCORE_LIBRARY_TYPE STREQUAL "STATIC_LIBRARY" AND CMAKE_STRIP)
  install(CODE "if(CMAKE_INSTALL_DO_STRIP)
    execute_process(COMMAND [[${CMAKE_STRIP}]] --strip-debug
      \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/$<TARGET_FILE_NAME:azcore>\"
      COMMAND_ERROR_IS_FATAL ANY)
  endif()" COMPONENT dev)
endif()

include(cmake/package.cmake)

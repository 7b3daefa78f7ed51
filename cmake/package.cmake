# Debian packages by CPack (`cpack -G DEB` in the build directory; tests/install/check_deb.sh):
#   libazcore-dev  the library, headers, CMake package and azcore.pc: what a consumer builds with
#   azrest         the command-line tool (statically linked to azcore), without any -dev package
# Two packages, because a person who wants the tool should not get Boost's headers, and one who
# builds against azcore does not need the tool (nor its test service). Paths are under /usr.
set(CPACK_PACKAGE_NAME azcore)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "azcore")
set(CPACK_PACKAGE_CONTACT "azcore maintainers <maintainers@users.noreply.r-seed-2c553e8f.example>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL dev)
if(TARGET azrest)
  list(APPEND CPACK_COMPONENTS_ALL azrest)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Runtime dependencies of the ELF files (azrest, a shared libazcore) from dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libazcore-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# Descriptions: the first line is the package's synopsis; lines under 80 columns (Debian policy).
set(CPACK_COMPONENT_DEV_DESCRIPTION "Azure Core for C++20 - development files
azcore is the layer under Azure service clients in C++: an HTTP pipeline
of policies with the names and behaviour of Python's azure-core (retries,
redirects, paging, long-running operations, authentication, tracing), sync
and async faces, on Boost.Beast and libcurl, Boost.Asio and OpenSSL.

This package holds the headers, the library, its CMake package
(find_package(azcore)) and its pkg-config file (azcore.pc).")
# What azcoreConfig.cmake and azcore.pc require of a consumer's machine (cmake/azcoreConfig.cmake.in,
# cmake/azcore.pc.in): the public dependencies' -dev packages, and for a static library the
# private ones too; pkg-config for the CMake package's pkg_check_modules.
set(azcore_deb_depends "libboost1.81-dev, libboost-url1.81-dev, libboost-json1.81-dev, libfmt-dev, libpugixml-dev, pkg-config")
if(NOT AZCORE_LIBRARY_TYPE STREQUAL "SHARED_LIBRARY")
  string(APPEND azcore_deb_depends ", libcurl4-openssl-dev | libcurl-dev, libssl-dev, zlib1g-dev, libbrotli-dev, libzstd-dev, libnghttp2-dev")
endif()
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${azcore_deb_depends}")

set(CPACK_DEBIAN_AZREST_PACKAGE_NAME azrest)
set(CPACK_DEBIAN_AZREST_PACKAGE_SECTION net)
set(CPACK_COMPONENT_AZREST_DESCRIPTION "REST requests through the azcore pipeline
azrest sends requests through azcore's pipeline (retries, paging,
long-running operations, authentication, tracing), like `az rest`.
`azrest demo` tours azcore against an embedded test service on loopback.")
include(CPack)

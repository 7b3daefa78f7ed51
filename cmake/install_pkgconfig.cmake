# Run at install time (cmake/install.cmake): writes azcore.pc with the prefix of this install, so
# `cmake --install --prefix P`, DESTDIR and CPack's packages all get their real paths.
# In: azcore_pc_template, azcore_pc_libdir_rel, azcore_pc_includedir_rel, azcore_pc_version,
#     azcore_pc_shared, azcore_pc_boost_includedir, azcore_pc_boost_libdir.
cmake_policy(VERSION 3.25)  # install scripts run with old policies
set(azcore_pc_prefix "${CMAKE_INSTALL_PREFIX}")
foreach(kind libdir includedir)
  if(IS_ABSOLUTE "${azcore_pc_${kind}_rel}")
    set(azcore_pc_${kind} "${azcore_pc_${kind}_rel}")
  else()
    set(azcore_pc_${kind} "\${prefix}/${azcore_pc_${kind}_rel}")
  endif()
endforeach()
# What a consumer links besides libazcore: a static archive needs its private dependencies on
# every link (Requires); a shared library only names them for `pkg-config --static`.
set(azcore_pc_private_modules " libcurl libssl libcrypto zlib libbrotlidec libzstd libnghttp2")
if(azcore_pc_shared)
  set(azcore_pc_requires "")
  set(azcore_pc_requires_private "${azcore_pc_private_modules}")
else()
  set(azcore_pc_requires "${azcore_pc_private_modules}")
  set(azcore_pc_requires_private "")
endif()
# Boost has no .pc file: its directories, where the compiler does not search them itself.
set(azcore_pc_boost_cflags "")
set(azcore_pc_boost_libs "")
if(azcore_pc_boost_includedir)
  set(azcore_pc_boost_cflags " -I${azcore_pc_boost_includedir}")
endif()
if(azcore_pc_boost_libdir)
  set(azcore_pc_boost_libs " -L${azcore_pc_boost_libdir}")
endif()
set(azcore_pc_file "${azcore_pc_libdir_rel}/pkgconfig/azcore.pc")
if(NOT IS_ABSOLUTE "${azcore_pc_file}")
  set(azcore_pc_file "${CMAKE_INSTALL_PREFIX}/${azcore_pc_file}")
endif()
message(STATUS "Installing: $ENV{DESTDIR}${azcore_pc_file}")
configure_file("${azcore_pc_template}" "$ENV{DESTDIR}${azcore_pc_file}" @ONLY)
list(APPEND CMAKE_INSTALL_MANIFEST_FILES "${azcore_pc_file}")

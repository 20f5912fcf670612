# Desktop integration, the man page, and the Debian package (CPack DEB): lwinnn, lwinnn-studio, the runtime
# library with its headers, pkg-config file and CMake package.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/org.lwinnn.Studio.desktop
  DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/org.lwinnn.Studio.svg
  DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/org.lwinnn.Studio.metainfo.xml
  DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/lwinnn.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_PACKAGE_NAME lwinnn-studio)
set(CPACK_PACKAGE_VENDOR "LWinNN Studio")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "visual anomaly detection from images of good parts (LWinNN)")
set(CPACK_PACKAGE_DESCRIPTION
  "LWinNN Studio builds an industrial visual anomaly detector from a few hundred photos of good parts: patch \
features of a pretrained ResNet18, a memory bank of every training patch, and for each test patch the distance to \
its nearest training patch within a small window around the same place. It gives one score per image and an \
anomaly heatmap per pixel.
This package holds the Studio (lwinnn-studio), the command-line tool (lwinnn), and the runtime library \
liblwinnn-runtime with its C interface, pkg-config file and CMake package.")
set(LWINNN_PACKAGE_MAINTAINER "LWinNN Studio maintainers <lwinnn-studio@localhost>" CACHE STRING
  "The Debian package's Maintainer field: Name <address>")
set(CPACK_PACKAGE_CONTACT "${LWINNN_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps writes Depends from the libraries the binaries link (LibTorch, OpenCV, Qt 6, OpenBLAS …);
# a shlibs entry lets other packages depend on liblwinnn-runtime the same way.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_STRIP_FILES ON)
include(CPack)

# Where things are installed (GNUInstallDirs) and how installed programs find the runtime library: an RPATH
# relative to the executable, so the tree works under any prefix (/usr from the Debian package, or a scratch
# prefix from cmake --install --prefix).
include(GNUInstallDirs)
file(RELATIVE_PATH LWINNN_BIN_TO_LIB ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR})
set(CMAKE_INSTALL_RPATH "$ORIGIN/${LWINNN_BIN_TO_LIB}")

# `cpack -G DEB` (from the build folder) builds eventscape_VERSION_ARCH.deb from the install rules.
# Dependencies come from dpkg-shlibdeps on the installed programs (Debian 12's names: libqt6widgets6,
# libqt6charts6, libqt6svg6, libyaml-cpp0.7, libsqlite3-0, libgvc6, ...); the Qt platform plugins are
# loaded at run time, so shlibdeps cannot see them and they are named here.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME eventscape)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Eventscape developers")
# No mailbox exists yet: the address is a placeholder, the same in the changelog and the copyright file.
set(CPACK_PACKAGE_CONTACT "Eventscape developers <eventscape-dev@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "simulator of event-driven systems (window and headless runner)")
# Debian wants the extended description's lines under 80 columns (lintian).
set(CPACK_PACKAGE_DESCRIPTION
    "Eventscape simulates event-driven systems: a scenario file describes\n"
    "producers, brokers (queues, topics, logs, buses), consumers and the\n"
    "failures to inject, and a discrete-event engine runs the pipeline with\n"
    "each broker's real semantics. The window animates a run and charts it;\n"
    "eventscape-cli runs scenarios headless; the lessons teach delivery\n"
    "guarantees, ordering, rebalancing and retry storms.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
# GPL-3.0-or-later (LICENSE; Qt Charts is GPL-3 for open-source use). Debian has no licence field: the
# package states it in usr/share/doc/eventscape/copyright; the RPM field is for `cpack -G RPM`.
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Directories 0755 whatever the builder's umask (lintian: non-standard-dir-perm).
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
include(CPack)

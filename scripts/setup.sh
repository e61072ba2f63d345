#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), configures and builds Eventscape in ./build.
# Sourced by scripts/run.sh and scripts/test.sh; safe to run again (it only installs what is absent).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev                      # Qt Widgets (the window) and Qt Test
  qt6-charts-dev qt6-svg-dev        # the charts (behind ui/charts/) and their SVG export
  libqt6opengl6-dev                 # Qt6Charts's CMake package needs Qt6OpenGL, which qt6-charts-dev does not pull in
  poppler-utils                     # pdfinfo: the tests check that an exported PDF opens
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libpcg-cpp-dev libxxhash-dev libsqlite3-dev libbenchmark-dev
  libgraphviz-dev                   # libgvc: the service graph's layered layout (dot)
  libboost-math-dev                 # header-only Boost.Math: Student's t quantile for compare's intervals
  help2man librsvg2-bin             # man pages from each program's --help; PNG icons from the SVG
  file                              # cpack's DEB generator finds the programs to run dpkg-shlibdeps on
  lintian desktop-file-utils appstream # tests/install: check the .deb, the desktop entry, the metainfo
  parallel                          # GNU parallel: tests/engine/tst_batch runs a plan's job lines with it
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cmake --preset release >/dev/null
cmake --build --preset release

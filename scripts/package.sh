#!/usr/bin/env bash
# Builds the Debian package: installs the build and packaging dependencies (Debian 12 packages),
# configures a Release build without tests in ./build-package, builds it and runs cpack -G DEB.
# Prints the path of the .deb on stdout. The Dockerfile's build stage runs this script.
#   scripts/package.sh                    install dependencies, build, package
#   SKIP_APT=1 scripts/package.sh         dependencies already installed
#   BUILD_DIR=out scripts/package.sh      build and package in ./out
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${BUILD_DIR:-build-package}"
# scripts/setup.sh installs the dependencies (help2man for the man pages, dpkg-dev for
# dpkg-shlibdeps among them) and builds.
BUILD_DIR="$build_dir" BUILD_TYPE=Release \
  CMAKE_ARGS="-DLOADERO_BUILD_TESTS=OFF -DLOADERO_BUILD_BENCH=OFF -DLOADERO_MAN_PAGES=ON ${CMAKE_ARGS:-}" \
  scripts/setup.sh
[ -f "$build_dir/generated/man/loadero-sync.1.gz" ] \
  || { echo "package: no man pages were made (is help2man installed?)" >&2; exit 1; }
(cd "$build_dir" && cpack -G DEB >&2)
version="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")"
deb="$build_dir/loadero-sync_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { echo "package: cpack made no $deb" >&2; exit 1; }
echo "$deb"

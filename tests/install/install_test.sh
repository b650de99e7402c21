#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds tests/install/consumer against it twice:
# with CMake (find_package(loadero CONFIG)) and with pkg-config (loadero.pc), and runs both.
#   install_test.sh BUILD_DIR SOURCE_DIR [CXX [CXXFLAGS]]
# CXXFLAGS go to both consumer builds (the sanitizer flags when the build has them).
# Exits 77 (ctest SKIP_RETURN_CODE) when pkg-config is missing.
set -euo pipefail
build_dir="$1"
source_dir="$2"
cxx="${3:-c++}"
cxxflags="${4:-}"

if ! command -v pkg-config >/dev/null 2>&1; then
  echo "install_test: SKIPPED: pkg-config is not installed (apt-get install pkg-config)" >&2
  exit 77
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/loadero-install-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
expected='{"count":3,"name":"Callers"} max_group_name_length=255'

fail() { echo "install_test: FAILED: $*" >&2; exit 1; }

cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log" >&2; fail "cmake --install"; }

# The installed layout.
for f in bin/loadero-sync bin/loadero-emulator \
         share/loadero-sync/schemas/manifest.schema.json share/loadero-sync/schemas/plan.schema.json \
         include/loadero/group.hpp include/loadero/limits.hpp include/loadero/participant_values.hpp; do
  [ -e "$prefix/$f" ] || fail "$f is not installed"
done
for f in share/bash-completion/completions/loadero-sync share/zsh/vendor-completions/_loadero-sync \
         share/fish/vendor_completions.d/loadero-sync.fish; do
  [ -s "$prefix/$f" ] || fail "$f is not installed"
done
# Man pages are made when help2man was found at configure time.
if [ -f "$build_dir/generated/man/loadero-sync.1.gz" ]; then
  for f in share/man/man1/loadero-sync.1.gz share/man/man1/loadero-emulator.1.gz; do
    [ -s "$prefix/$f" ] || fail "$f is not installed"
  done
fi
libdir="$(dirname "$(find "$prefix" -name libloadero.a -print -quit)")"
[ -f "$libdir/libloadero.a" ] || fail "libloadero.a is not installed"
[ -f "$libdir/cmake/loadero/loaderoConfig.cmake" ] || fail "loaderoConfig.cmake is not installed"
[ -f "$libdir/cmake/loadero/loaderoConfigVersion.cmake" ] || fail "loaderoConfigVersion.cmake is not installed"
[ -f "$libdir/pkgconfig/loadero.pc" ] || fail "loadero.pc is not installed"
"$prefix/bin/loadero-sync" --version | grep -q '^loadero-sync ' || fail "installed loadero-sync --version"

# 1. CMake: find_package(loadero CONFIG REQUIRED) + loadero::loadero.
cmake -S "$source_dir/tests/install/consumer" -B "$work/consumer-build" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="$cxxflags" \
  >"$work/consumer.log" 2>&1 || { cat "$work/consumer.log" >&2; fail "configuring the consumer"; }
cmake --build "$work/consumer-build" >>"$work/consumer.log" 2>&1 \
  || { cat "$work/consumer.log" >&2; fail "building the consumer"; }
out="$("$work/consumer-build/consumer")"
[ "$out" = "$expected" ] || fail "consumer (CMake) printed '$out', expected '$expected'"

# 2. pkg-config: loadero.pc, relocated to the temporary prefix.
flags="$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs loadero)" || fail "pkg-config loadero"
# shellcheck disable=SC2086  # the flags are words
"$cxx" $cxxflags "$source_dir/tests/install/consumer/main.cpp" -o "$work/consumer-pc" $flags \
  || fail "building the consumer with: $cxx $cxxflags main.cpp $flags"
out="$("$work/consumer-pc")"
[ "$out" = "$expected" ] || fail "consumer (pkg-config) printed '$out', expected '$expected'"

echo "install_test: OK (installed to a temporary prefix, consumer built with CMake and with pkg-config)"

#!/usr/bin/env bash
# Installs loadero-sync's build dependencies from Debian 12 packages and configures + builds the
# project into ./build. Safe to run again: apt-get skips what is installed, cmake rebuilds only
# what changed.
#   scripts/setup.sh            install + build
#   SKIP_APT=1 scripts/setup.sh build only
#   WITH_TEST_TOOLS=1 scripts/setup.sh   also what only tests use: the shells the completion tests run, shellcheck
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git
  libcurl4-openssl-dev libssl-dev libyaml-dev nlohmann-json3-dev libspdlog-dev doctest-dev
  libcli11-dev libcpp-httplib-dev libvalijson-dev
  help2man dpkg-dev
)
if [ "${WITH_TEST_TOOLS:-0}" = "1" ]; then
  packages+=(zsh fish shellcheck)
fi

if [ "${SKIP_APT:-0}" != "1" ]; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

build_dir="${BUILD_DIR:-build}"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" ${CMAKE_ARGS:-} >&2
cmake --build "$build_dir" -j "$jobs" >&2

#!/usr/bin/env bash
# Builds the Debian package from a build tree with cpack and checks it: the programs, schemas,
# man pages, completions, libloadero and its CMake and pkg-config files are in it, and its
# Depends (from dpkg-shlibdeps) name the runtime libraries the programs link.
#   package_test.sh BUILD_DIR SKIP MAN_PAGES
# SKIP=1 skips (a sanitizer build); MAN_PAGES=0 when the build made none. Exits 77 to skip.
set -euo pipefail
build_dir="$1"
skip="${2:-0}"
man_pages="${3:-1}"

if [ "$skip" = 1 ]; then
  echo "package_test: SKIPPED: a sanitizer build is not packaged" >&2
  exit 77
fi
for tool in cpack dpkg-deb dpkg-shlibdeps; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "package_test: SKIPPED: $tool is not installed (apt-get install dpkg-dev)" >&2
    exit 77
  fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/loadero-package-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "package_test: FAILED: $*" >&2; exit 1; }

cpack --config "$build_dir/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
version="$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")"
deb="$work/loadero-sync_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { ls "$work" >&2; fail "no $(basename "$deb")"; }

contents="$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|')"
expect_file() {
  grep -qx -- "$1" <<<"$contents" || fail "$(basename "$deb") lacks $1"
}
for f in /usr/bin/loadero-sync /usr/bin/loadero-emulator \
         /usr/share/loadero-sync/schemas/manifest.schema.json \
         /usr/share/loadero-sync/schemas/plan.schema.json \
         /usr/share/bash-completion/completions/loadero-sync \
         /usr/share/zsh/vendor-completions/_loadero-sync \
         /usr/share/fish/vendor_completions.d/loadero-sync.fish \
         /usr/include/loadero/group.hpp /usr/lib/libloadero.a \
         /usr/lib/cmake/loadero/loaderoConfig.cmake /usr/lib/pkgconfig/loadero.pc \
         /usr/share/doc/loadero-sync/README.md /usr/share/doc/loadero-sync/CHANGELOG.md; do
  expect_file "$f"
done
if [ "$man_pages" = 1 ]; then
  expect_file /usr/share/man/man1/loadero-sync.1.gz
  expect_file /usr/share/man/man1/loadero-emulator.1.gz
fi

info="$(dpkg-deb -I "$deb")"
depends="$(sed -n 's/^ Depends: //p' <<<"$info")"
for lib in libc6 libstdc++6 libcurl4; do
  grep -q "\\b$lib\\b" <<<"$depends" || fail "Depends lacks $lib: '$depends'"
done
grep -q "^ Package: loadero-sync$" <<<"$info" || fail "the package is not named loadero-sync"
grep -q "^ Version: $version$" <<<"$info" || fail "the package's version is not $version"

# The packaged program runs and is the one that was built.
dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/loadero-sync" --version | grep -q "^loadero-sync $version " \
  || fail "the packaged loadero-sync --version"

echo "package_test: OK ($(basename "$deb"), $(wc -l <<<"$contents") entries, Depends: $depends)"

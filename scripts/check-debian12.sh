#!/usr/bin/env bash
# The fresh-machine check of the Debian package, run on demand (not by ctest; it downloads a Debian
# system): in a new Debian 12 root made with debootstrap, it installs the .deb with apt, then
# checks `loadero-sync --version`, `man loadero-sync`, bash completion of `loadero-sync pl<TAB>`,
# and that a consumer project finds libloadero through CMake and through pkg-config.
#   scripts/check-debian12.sh                  build the .deb (scripts/package.sh), then check it
#   DEB=path/to/loadero-sync_X_amd64.deb scripts/check-debian12.sh   check this package
#   MIRROR=http://deb.debian.org/debian       the Debian mirror (default)
#   KEEP_ROOT=1                                keep the root folder afterwards (it is printed)
# Needs root (debootstrap, chroot, mounts) and network access to the mirror.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" -eq 0 ] || { echo "check-debian12: run as root (debootstrap and chroot need it)" >&2; exit 1; }
if ! command -v debootstrap >/dev/null 2>&1; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap
fi

deb="${DEB:-}"
if [ -z "$deb" ]; then
  deb="$(scripts/package.sh)"
fi
[ -f "$deb" ] || { echo "check-debian12: no package at '$deb'" >&2; exit 1; }
mirror="${MIRROR:-http://deb.debian.org/debian}"

root="$(mktemp -d "${TMPDIR:-/tmp}/loadero-debian12.XXXXXX")"
cleanup() {
  for mount in "$root/dev/pts" "$root/dev" "$root/proc"; do
    mountpoint -q "$mount" 2>/dev/null && umount -l "$mount"
  done
  if [ "${KEEP_ROOT:-0}" = 1 ]; then
    echo "check-debian12: the root is kept in $root" >&2
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT

echo "check-debian12: debootstrap bookworm into $root" >&2
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
  || { tail -20 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The root's apt cannot hand downloads to its _apt user inside a chroot made by root.
echo 'APT::Sandbox::User "root";' >"$root/etc/apt/apt.conf.d/99check-debian12"
mkdir -p "$root/check"
cp "$deb" "$root/check/"
cp -r tests/install/consumer "$root/check/consumer"

# shellcheck disable=SC2016  # the script runs in the chroot's bash, which expands it
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb \
  DEBIAN_FRONTEND=noninteractive /bin/bash -euo pipefail -c '
cd /check
step() { echo "check-debian12: $*" >&2; }

step "apt install ./$(ls loadero-sync_*.deb)"
apt-get update -qq
apt-get install -y -qq --no-install-recommends ./loadero-sync_*.deb >/dev/null

step "loadero-sync --version"
loadero-sync --version
loadero-emulator --version

step "man loadero-sync"
apt-get install -y -qq --no-install-recommends man-db >/dev/null
man -P cat loadero-sync | grep -A1 "^NAME"
man -P cat loadero-sync | grep -q "^COMMANDS" || { echo "man page has no COMMANDS"; exit 1; }
man -w loadero-emulator

step "bash completion of \"loadero-sync pl<TAB>\""
apt-get install -y -qq --no-install-recommends bash-completion >/dev/null
bash -c "
  source /usr/share/bash-completion/bash_completion
  _completion_loader loadero-sync   # what bash-completion does on the first <TAB>
  complete -p loadero-sync
  COMP_WORDS=(loadero-sync pl); COMP_CWORD=1; COMP_LINE=\"loadero-sync pl\"; COMP_POINT=15
  _loadero_sync
  echo \"loadero-sync pl<TAB> -> \${COMPREPLY[*]}\"
  [ \"\${COMPREPLY[*]}\" = plan ]
  COMP_WORDS=(loadero-sync plan --format \"\"); COMP_CWORD=3
  _loadero_sync
  echo \"loadero-sync plan --format <TAB> -> \${COMPREPLY[*]}\"
  [ \"\${COMPREPLY[*]}\" = \"text json markdown\" ]
"

step "a consumer project finds libloadero (CMake and pkg-config)"
apt-get install -y -qq --no-install-recommends g++ cmake make pkg-config libcurl4-openssl-dev nlohmann-json3-dev >/dev/null
cmake -S consumer -B consumer-build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build consumer-build >/dev/null
./consumer-build/consumer
c++ consumer/main.cpp -o consumer-pc $(pkg-config --cflags --libs loadero)
./consumer-pc

step "the emulator serves and loadero-sync plans against it"
loadero-emulator --port 0 > emulator.out 2>/dev/null &
for _ in $(seq 50); do grep -q "^listening on" emulator.out && break; sleep 0.1; done
base=$(sed -n "s/^listening on \(http[^ ]*\).*/\1/p" emulator.out)
LOADERO_API_BASE=$base LOADERO_ACCESS_TOKEN=demo-token \
  loadero-sync plan -f /usr/share/doc/loadero-sync/examples/loadero.yaml > plan.txt
head -3 plan.txt
grep -q "^Plan: " plan.txt || { echo "no Plan: line in the plan"; exit 1; }
kill %1
step "OK"
'
echo "check-debian12: OK: $(basename "$deb") installs and works on a fresh Debian 12" >&2

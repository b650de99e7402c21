#!/usr/bin/env bash
# Checks that the generated man pages carry every flag and command the programs' --help prints.
#   man_test.sh MAN_DIR PATH/TO/loadero-sync PATH/TO/loadero-emulator
set -euo pipefail
man_dir="$1"
sync="$2"
emulator="$3"
failed=0

# The page's text as help2man wrote it, with roff's escaped hyphens (\-) made plain.
page_text() { gzip -dc "$man_dir/$1.1.gz" | sed 's/\\-/-/g'; }

# Every --long flag in a help text.
flags_of() { grep -o -- '--[a-z][a-z-]*' | sort -u; }

check() {  # PAGE WHAT HELP_TEXT
  local page="$1" what="$2" help="$3" text flag
  text="$(page_text "$page")"
  for flag in $(printf '%s\n' "$help" | flags_of); do
    if ! grep -q -- "$flag" <<<"$text"; then
      echo "man_test: FAILED: $page.1 lacks $flag of $what"
      failed=1
    fi
  done
}

check loadero-emulator "loadero-emulator --help" "$("$emulator" --help)"
check loadero-sync "loadero-sync --help" "$("$sync" --help)"
commands="$("$sync" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')"
[ -n "$commands" ] || { echo "man_test: FAILED: no commands in loadero-sync --help"; exit 1; }
sync_page="$(page_text loadero-sync)"
for command in $commands; do
  grep -q "^\.SS $command\$" <<<"$sync_page" \
    || { echo "man_test: FAILED: loadero-sync.1 has no section for $command"; failed=1; }
  check loadero-sync "loadero-sync $command --help" "$("$sync" "$command" --help)"
done
# The version line, as --version prints it.
version="$("$sync" --version)"
grep -qF "$version" <<<"$sync_page" \
  || { echo "man_test: FAILED: loadero-sync.1 does not carry '$version'"; failed=1; }

[ "$failed" = 0 ] && echo "man_test: OK (every flag of every command is in the man pages)"
exit "$failed"

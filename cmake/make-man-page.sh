#!/usr/bin/env bash
# Writes the man page of one of the programs with help2man, from the help text the program prints,
# so the page never drifts from --help. For a program with subcommands, a COMMANDS section holds
# each command's own --help (without the footer every command repeats).
#   make-man-page.sh PROGRAM "ONE-LINE DESCRIPTION" OUTPUT.1
set -euo pipefail
program="$1"
description="$2"
output="$3"

work="$(mktemp -d "${TMPDIR:-/tmp}/loadero-man.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# roff: backslashes doubled, and a line that starts with . or ' escaped so it is not a request.
roff_verbatim() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

include="$work/include.h2m"
: >"$include"
# "Subcommands:" lists "  NAME   description" lines up to the next blank line.
commands="$("$program" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')"
if [ -n "$commands" ]; then
  echo "[COMMANDS]" >>"$include"
  for command in $commands; do
    # Each command's help up to its footer: the program's footer starts "Common options (".
    help="$("$program" "$command" --help | sed '/^Common options (/,$d')"
    {
      echo ".SS $command"
      echo ".nf"
      printf '%s\n' "$help" | roff_verbatim
      echo ".fi"
    } >>"$include"
  done
fi

include_flag=()
[ -s "$include" ] && include_flag=(--include="$include")
help2man --no-info --no-discard-stderr --name="$description" "${include_flag[@]}" \
  --output="$output.tmp" "$program"
mv "$output.tmp" "$output"

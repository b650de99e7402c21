#!/usr/bin/env bash
# Loads `loadero-sync completion SHELL` into SHELL and checks what it completes.
#   completion_test.sh bash|zsh|fish PATH/TO/loadero-sync
# Exits 0 when every case completes as expected, 1 on the first that does not, 77 when SHELL is
# not installed.
set -euo pipefail
shell="$1"
binary="$2"

if ! command -v "$shell" >/dev/null 2>&1; then
  echo "completion_test: SKIPPED: $shell is not installed" >&2
  exit 77
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/loadero-completion-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$binary" completion "$shell" >"$work/script"
# Files for file arguments: -f lo<TAB> must offer loadero.yaml and loadero.d/, not other.txt.
mkdir "$work/files" "$work/files/loadero.d"
touch "$work/files/loadero.yaml" "$work/files/other.txt"
cd "$work/files"

case "$shell" in
bash)
  # COMP_WORDS as bash splits the line (at '=' too), then the reply.
  bash --norc --noprofile -s "$work/script" <<'BASH'
set -u
source "$1"
complete -p loadero-sync | grep -q -- '-F _loadero_sync loadero-sync' || { echo "not registered"; exit 1; }
failed=0
expect() {  # WANTED WORDS...
  local wanted=$1; shift
  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
  _loadero_sync
  local got="${COMPREPLY[*]}"
  if [[ "$got" == "$wanted" ]]; then
    echo "ok: [$*] -> $got"
  else
    echo "FAILED: [$*] -> '$got', expected '$wanted'"; failed=1
  fi
}
expect "plan" loadero-sync pl
expect "validate plan apply drift export completion help -h --help --version" loadero-sync ''
expect "apply" loadero-sync -v --project-id 5040 ap
expect "--format" loadero-sync plan --form
expect "--detailed-exitcode" loadero-sync plan --d  # not --dry-run: that is apply's
expect "--detailed-exitcode" loadero-sync plan --de
expect "text json markdown" loadero-sync plan --format ''
expect "json junit" loadero-sync drift --format j
expect "json" loadero-sync apply --format = j
expect "--format=json --format=junit" loadero-sync drift --format=j
expect "loadero.d loadero.yaml" loadero-sync plan -f lo
expect "loadero.d loadero.yaml" loadero-sync validate --file lo
expect "other.txt" loadero-sync apply --plan ot
expect "" loadero-sync plan --project-id ''
expect "bash" loadero-sync completion ba
expect "drift" loadero-sync help dr
exit $failed
BASH
  ;;
fish)
  # shellcheck disable=SC2016  # fish expands it
  fish --no-config -c '
    source $argv[1]
    set failed 0
    function expect --argument-names wanted line
      set got (complete -C "$line" | string replace -r "\t.*" "" | string join " ")
      if test "$got" = "$wanted"
        echo "ok: [$line] -> $got"
      else
        echo "FAILED: [$line] -> \"$got\", expected \"$wanted\""
        set -g failed 1
      end
    end
    expect "plan" "loadero-sync pl"
    expect "--format" "loadero-sync plan --form"
    expect "json markdown text" "loadero-sync plan --format "
    expect "json junit" "loadero-sync drift --format j"
    expect "loadero.d/ loadero.yaml" "loadero-sync plan -f lo"
    expect "other.txt" "loadero-sync apply --plan ot"
    expect "bash fish zsh" "loadero-sync completion "
    expect "drift" "loadero-sync help dr"
    exit $failed
  ' "$work/script"
  ;;
zsh)
  # A real interactive zsh on a pseudo-terminal: type the line and a tab, wait for the line to
  # show the completion (zsh then draws a space after it, in bold), then clear it.
  zsh -f -s "$work/script" <<'ZSH'
zmodload zsh/zpty || { echo "completion_test: zsh/zpty is missing"; exit 1 }
# A machine without pseudo-terminals (no /dev/ptmx) cannot run an interactive zsh: skip.
if ! zpty probe true 2>/dev/null; then
  echo "completion_test: SKIPPED: no pseudo-terminal for an interactive zsh"
  exit 77
fi
zpty -d probe 2>/dev/null
zpty z 'zsh -f -i'
zpty -w z "PS1='> '; autoload -U compinit; compinit -u -D; source ${(q)1}"
failed=0
expect() {  # TYPED WANTED
  local typed=$1 wanted=$2 chunk seen='' i
  zpty -w -n z "$typed"$'\t'
  for i in {1..50}; do
    while zpty -r -t z chunk; do seen+=$chunk; done
    [[ $seen == *"$wanted"* ]] && break
    sleep 0.1
  done
  zpty -w -n z $'\C-u'
  sleep 0.2
  while zpty -r -t z chunk; do :; done
  if [[ $seen == *"$wanted"* ]]; then
    print -r -- "ok: '$typed' -> '$wanted'"
  else
    print -r -- "FAILED: '$typed' did not complete to '$wanted'; the terminal showed:"
    print -r -- "$seen" | cat -v
    failed=1
  fi
}
expect 'loadero-sync pl' 'loadero-sync plan'
expect 'loadero-sync plan --form' 'plan --format'
expect 'loadero-sync plan --detailed-e' 'plan --detailed-exitcode'
expect 'loadero-sync drift --format ju' 'drift --format junit'
expect 'loadero-sync apply --plan ot' 'apply --plan other.txt'
expect 'loadero-sync completion fi' 'completion fish'
expect 'loadero-sync help dri' 'help drift'
zpty -d z
exit $failed
ZSH
  ;;
*)
  echo "completion_test: unknown shell '$shell'" >&2
  exit 2
  ;;
esac

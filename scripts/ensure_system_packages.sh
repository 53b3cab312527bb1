#!/usr/bin/env bash
# The system packages the test suite drives, installed with apt-get when missing (called by
# `make test` and `.ci/run`; does nothing when all are there):
#   chromium      the docs' browser check (tests/docs/test_site.py)
#   fonts-nanum   Korean glyphs for the Korean page's screenshots
#   tmux          the real-terminal checks (tests/cli/test_terminal.py, the demo's prompt)
# Each way it can fail is one line on stderr naming the fix, exit 1.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
{ command -v fc-list >/dev/null && fc-list :lang=ko | grep -q .; } || missing+=(fonts-nanum)
command -v tmux >/dev/null || missing+=(tmux)
[ ${#missing[@]} -eq 0 ] && exit 0

fail() { echo "error: $*" >&2; exit 1; }
command -v apt-get >/dev/null \
  || fail "missing ${missing[*]} and no apt-get here: install them with your system's package manager, then run make test again"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null \
    || fail "missing ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' (installing needs root), then make test again"
  sudo=(sudo -n)
fi
echo "== apt-get install ${missing[*]}" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}"; } >"$log" 2>&1; then
  reason=$(grep -m1 -E '^(E|Err):' "$log" || tail -n1 "$log")
  fail "apt-get could not install ${missing[*]} (${reason}): fix apt (network, another apt running), then make test again"
fi

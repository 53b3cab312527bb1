#!/usr/bin/env bash
# What `make setup` (and, with `python`, `make demo`) needs before it installs anything: each
# missing piece is one line on stderr naming the fix, exit 1, and nothing is half-made.
#   scripts/check_setup.sh          Python 3.11+ with venv, a writable checkout, Node.js 20+ with npm
#   scripts/check_setup.sh python   the same without Node (the demo needs Python alone)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "error: $*" >&2; exit 1; }

probe=".write-probe.$$"
{ : >"$probe"; } 2>/dev/null && rm -f "$probe" \
  || fail "cannot write to $(pwd): run make from a checkout you own (or fix its permissions)"
for made in .venv .venv-demo node_modules; do
  [ ! -e "$made" ] || [ -w "$made" ] || fail "cannot write to $(pwd)/$made: remove it (make clean) or fix its permissions"
done
command -v python3 >/dev/null || fail "python3 is not on PATH: install Python 3.11 or newer"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || fail "python3 is $(python3 -c 'import platform; print(platform.python_version())'): this project needs Python 3.11 or newer first on PATH"
python3 -c 'import ensurepip, venv' 2>/dev/null \
  || fail "python3 cannot make virtual environments: apt-get install python3-venv (or your system's equivalent)"

[ "${1:-all}" = python ] && exit 0
command -v node >/dev/null || fail "Node.js is not on PATH: install Node.js 20 or newer (with npm), or run only make demo, which needs Python alone"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || fail "node is $(node --version): install Node.js 20 or newer"
command -v npm >/dev/null || fail "npm is not on PATH: install npm with Node.js 20 or newer"

#!/usr/bin/env bash
# The pull-request contract review: diff the contract (and the Python surface) of HEAD against
# its merge base with TARGET, write the Markdown report, publish it where CI reads it.
#
#   scripts/contract_review.sh TARGET_REF REPORT.md
#
# Env: PYTHON (default python), LEVEL (wire|sdk|all, default all). When set by GitHub Actions,
# GITHUB_STEP_SUMMARY gets the report and GITHUB_OUTPUT gets `status=<exit status>`.
# Exit status: contract_diff's (0 passes, 1 something breaks at LEVEL, 2 could not compare).
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 TARGET_REF REPORT.md" >&2
  exit 2
fi
target=$1
report=$2
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python}

publish() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$report" >> "$GITHUB_STEP_SUMMARY"; fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "status=$1" >> "$GITHUB_OUTPUT"; fi
}

if ! base=$(git merge-base "$target" HEAD 2>/dev/null); then
  printf '## API contract review\n\nCould not run: no merge base between `%s` and HEAD (fetch with `fetch-depth: 0`).\n' \
    "$target" > "$report"
  publish 2
  exit 2
fi

errors=$(mktemp)
"$python" "$here/contract_diff.py" --base "$base" --head HEAD --format markdown \
  --level "${LEVEL:-all}" --output "$report" 2> "$errors"
status=$?
if [ "$status" -eq 2 ]; then
  { printf '## API contract review\n\nCould not run:\n\n```\n'; cat "$errors"; printf '```\n'; } > "$report"
fi
cat "$errors" >&2
rm -f "$errors"
publish "$status"
exit "$status"

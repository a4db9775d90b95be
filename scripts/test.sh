#!/usr/bin/env bash
# Runs every test project of the solution in Release and ends with one line: "N passed, N failed[, N skipped]".
# Installs what the tests need first (idempotent; nothing global).
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -f scripts/install-test-tools.sh ]; then
  bash scripts/install-test-tools.sh || { echo "installing test tools failed" >&2; exit 1; }
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build AgentRuntime.sln -c Release -nologo -v q -warnaserror 2>&1 | tee -a "$log"
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then
  echo "0 passed, 1 failed"
  exit "$build"
fi

dotnet test AgentRuntime.sln -c Release --no-build -nologo "$@" 2>&1 | tee -a "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries: "Passed!  - Failed:     0, Passed:    37, Skipped:     0, Total:    37, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- +Failed:' "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the runner failed without reporting a failed test (crash, abort): never report green
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"

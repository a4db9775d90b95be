#!/usr/bin/env bash
# Runs the load tests (trait Category=Soak) at full size, e.g. 1,000 concurrent sensor-event
# processes instead of the 40 that scripts/test.sh runs, and 10,000 hostile inputs instead of 1,500
# (AGENT_RUNTIME_HOSTILE_CASES and AGENT_RUNTIME_HOSTILE_SEED override). Slow (minutes); not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build AgentRuntime.sln -c Release -nologo -v q -warnaserror
AGENT_RUNTIME_SOAK=1 dotnet test AgentRuntime.sln -c Release --no-build -nologo \
  --filter "Category=Soak" --logger "console;verbosity=normal" "$@"

#!/usr/bin/env bash
# A local stand-in for the AIBTC heartbeat call: proves the script adapter path end to end
# without any external service. Prints a canonical outcome on stdout.
set -euo pipefail
printf '{"status":"completed","operator_summary":"local heartbeat ok for %s (task %s)","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}\n' \
  "${AGENT_RUNTIME_NAME:-unknown}" "${AGENT_RUNTIME_TASK_ID:-unknown}"

#!/usr/bin/env bash
# AIBTC heartbeat wrapper (script adapter command for heartbeat tasks, retry_hint_service "aibtc").
# Without AIBTC_HEARTBEAT_COMMAND it reports a canonical blocked outcome instead of failing.
set -euo pipefail
if [ -z "${AIBTC_HEARTBEAT_COMMAND:-}" ]; then
  printf '%s\n' '{"status":"blocked","operator_summary":"AIBTC heartbeat is not configured: set AIBTC_HEARTBEAT_COMMAND in the host-local heartbeat env file after wallet, identity and credential setup.","machine_status":"blocked","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}'
  exit 0
fi
# Word-split on purpose: the configured command may carry its own arguments.
# shellcheck disable=SC2086
exec ${AIBTC_HEARTBEAT_COMMAND} "$@"

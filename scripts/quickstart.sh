#!/usr/bin/env bash
# The main job on the embedded default (config/local.json: SQLite under state/local, the Script
# plugin, no external service): queue one heartbeat task, run one real dispatch cycle, show status.
set -euo pipefail
cd "$(dirname "$0")/.."
export AGENT_RUNTIME_REBUILD=1
config=config/local.json
./agent-runtime intake --config "$config" --json '{
  "kind": "aibtc-checkin",
  "source": "operator:quickstart",
  "subject": "AIBTC check-in",
  "payload": { "check": "heartbeat" },
  "requested_adapter": "aibtc-heartbeat"
}'
unset AGENT_RUNTIME_REBUILD
./agent-runtime run-once --config "$config"
./agent-runtime status --config "$config"

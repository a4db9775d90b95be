#!/usr/bin/env bash
# Installs the pinned agent CLIs the plugin tests drive for real into <repo>/.tools/ (gitignored).
# Idempotent: a second run with the pinned versions already present does nothing. Nothing global.
set -euo pipefail

CODEX_VERSION="0.169.0"
CLAUDE_VERSION="2.1.328"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$repo/.tools"
bin="$tools/node_modules/.bin"

installed_version() {
  # Prints the version recorded in an installed package's package.json, or nothing.
  local manifest="$tools/node_modules/$1/package.json"
  [ -f "$manifest" ] && node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

mkdir -p "$tools"
[ -f "$tools/package.json" ] || printf '{ "name": "agent-runtime-test-tools", "private": true }\n' > "$tools/package.json"

wanted=()
[ "$(installed_version @openai/codex)" = "$CODEX_VERSION" ] || wanted+=("@openai/codex@$CODEX_VERSION")
[ "$(installed_version @anthropic-ai/claude-code)" = "$CLAUDE_VERSION" ] || wanted+=("@anthropic-ai/claude-code@$CLAUDE_VERSION")

if [ "${#wanted[@]}" -gt 0 ]; then
  echo "installing ${wanted[*]} into $tools" >&2
  started=$(date +%s)
  npm install --prefix "$tools" --no-audit --no-fund --save-exact "${wanted[@]}" >&2
  echo "npm install took $(( $(date +%s) - started ))s" >&2
else
  echo "pinned tools already installed in $tools" >&2
fi

for tool in codex claude; do
  if [ ! -x "$bin/$tool" ]; then
    echo "error: $bin/$tool is missing after install; delete $tools and run this script again" >&2
    exit 1
  fi
done

echo "codex=$bin/codex ($("$bin/codex" --version 2>/dev/null | head -n1))"
echo "claude=$bin/claude ($("$bin/claude" --version 2>/dev/null | head -n1))"

#!/usr/bin/env bash
# Installs the Debian packages the tests need (called by .ci/run): chromium for the browser tests,
# systemd for `systemd-analyze verify` of the units in deploy/systemd, gcc and zlib's headers for the
# Native AOT link of the front end that scripts/publish.sh builds, util-linux's unshare and nsenter for
# the hostile-environment harness's private mount namespaces. Idempotent: a package whose marker
# file exists is skipped, and `apt-get update` runs only when something is missing.
# One package a line: "<debian package> <file that exists once it is installed>".
set -euo pipefail

packages=(
  "chromium /usr/bin/chromium"
  "systemd /usr/bin/systemd-analyze"
  "gcc /usr/bin/gcc"
  "zlib1g-dev /usr/include/zlib.h"
  "util-linux /usr/bin/unshare"
)

missing=()
for entry in "${packages[@]}"; do
  read -r name marker <<<"$entry"
  [ -e "$marker" ] || missing+=("$name")
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
echo "installing ${missing[*]}" >&2
started=$(date +%s)
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
echo "apt-get install took $(( $(date +%s) - started ))s" >&2

for entry in "${packages[@]}"; do
  read -r name marker <<<"$entry"
  [ -e "$marker" ] || { echo "$name installed but $marker is missing" >&2; exit 1; }
done

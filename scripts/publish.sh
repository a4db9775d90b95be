#!/usr/bin/env bash
# Produces the deployable folder: <dir>/agent-runtime is the operator's single entry point, the
# first-party plugins sit under <dir>/plugins/<Name>/. Every benchmark figure measures this folder.
# Usage: scripts/publish.sh <dir>
# Idempotent: publishing again into the same <dir> overwrites the host and replaces plugins/ whole,
# so a plugin removed from the build does not linger; nothing else in <dir> is touched.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  echo "usage: scripts/publish.sh <dir>   (publishes the host to <dir>/agent-runtime, plugins to <dir>/plugins/)" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
rid="linux-x64"

# The managed plugin host, ReadyToRun and framework-dependent: self-contained measured no faster to
# start here (README, Benchmarks) and its folder, carrying its own runtime, is 115 MB against 9.5 MB.
# Published into its default folder, not with -o, which would flow to the plugin builds as well.
# CopyPluginToHost=false: the plugins, built here for the RID, are copied from their own output below
# instead of over the development build's plugins/ folder, which running tests may be loading.
publish_host() {
  dotnet publish "$root/src/Runtime.Host/Runtime.Host.csproj" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -p:CopyPluginToHost=false -nologo -v q >&2
  cp -a "$root/src/Runtime.Host/bin/Release/net10.0/$rid/publish/." "$out/"
}

# Publishing the host built every first-party plugin (build-order references); lay each out as
# plugins/<Name>/<Name>.dll without the SDK, which the host provides (shared type identity).
copy_plugins() {
  local staging="$out/.plugins.new" project name built
  rm -rf "$staging"
  for project in "$root"/plugins/*/*.csproj; do
    name="$(basename "$project" .csproj)"
    built="$(dirname "$project")/bin/Release/net10.0/$rid"
    if [ ! -f "$built/$name.dll" ]; then
      echo "publish: plugin $name was not built into $built" >&2
      exit 1
    fi
    mkdir -p "$staging/$name"
    cp -a "$built/." "$staging/$name/"
    rm -f "$staging/$name"/Runtime.Sdk.*
  done
  rm -rf "$out/plugins"
  mv "$staging" "$out/plugins"
}

# One step per part of the folder; a Native AOT front end for the commands that load no plugin
# would be one more step here, publishing over <dir>/agent-runtime and handing the rest to the host.
publish_host
copy_plugins
echo "published: $out/agent-runtime (plugins: $(ls "$out/plugins" | tr '\n' ' '))" >&2

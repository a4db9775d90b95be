#!/usr/bin/env bash
# Produces the deployable folder: <dir>/agent-runtime is the operator's single entry point, the
# first-party plugins sit under <dir>/plugins/<Name>/. Every benchmark figure measures this folder.
#   <dir>/agent-runtime        Native AOT: runs the commands that load no plugin (intake, status, ...) itself
#                              and execs the plugin host for the others (run-once, serve, web, adapters, ...)
#   <dir>/agent-runtime-host   the managed plugin host (ReadyToRun, framework-dependent) with its assemblies
#   <dir>/plugins/<Name>/      the first-party plugins
# Usage: scripts/publish.sh <dir>
# Idempotent: publishing again into the same <dir> overwrites the host and replaces plugins/ whole,
# so a plugin removed from the build does not linger; nothing else in <dir> is touched.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  echo "usage: scripts/publish.sh <dir>   (publishes <dir>/agent-runtime, its plugin host and <dir>/plugins/)" >&2
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
  # The apphost finds agent-runtime.dll beside itself whatever its own name; agent-runtime is the front end's.
  mv -f "$out/agent-runtime" "$out/agent-runtime-host"
}

# The same project compiled with Native AOT (NativeFrontEnd=true: PublishAot, and bin/native, obj/native of
# its own). Plugins cannot load there, so the plugin commands are compiled out and handed to the host.
# Only the executable is taken: the host's publish already put libe_sqlite3.so in the folder.
publish_front_end() {
  dotnet publish "$root/src/Runtime.Host/Runtime.Host.csproj" -c Release -r "$rid" -p:NativeFrontEnd=true -nologo -v q >&2
  cp -f "$root/src/Runtime.Host/bin/native/Release/net10.0/$rid/publish/agent-runtime" "$out/agent-runtime"
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

# One step per part of the folder.
publish_host
publish_front_end
copy_plugins
echo "published: $out/agent-runtime (plugins: $(ls "$out/plugins" | tr '\n' ' '))" >&2

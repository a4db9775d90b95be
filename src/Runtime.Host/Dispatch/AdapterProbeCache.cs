using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// Probe results per adapter id, each reused for <see cref="Lifetime"/> (spec §5.6). One instance
/// per dispatcher, shared by its attempts; safe to use from several at once.
/// </summary>
internal sealed class AdapterProbeCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, JsonObject Entry)> _entries = new(StringComparer.Ordinal);

    /// <summary>The entry probed less than <see cref="Lifetime"/> before <paramref name="now"/>, if any. Callers must not modify it.</summary>
    public JsonObject? Get(string adapterId, DateTimeOffset now) =>
        _entries.TryGetValue(adapterId, out var cached) && now - cached.At < Lifetime ? cached.Entry : null;

    public void Set(string adapterId, DateTimeOffset at, JsonObject entry) => _entries[adapterId] = (at, entry);
}

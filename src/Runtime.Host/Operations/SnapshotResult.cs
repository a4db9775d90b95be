using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>A snapshot written to disk (<c>snapshot</c>): where it went and the document itself (spec §7.8).</summary>
internal sealed record SnapshotResult(string Path, JsonObject Snapshot)
{
    public JsonObject ToJson() => new() { ["snapshotPath"] = Path, ["snapshot"] = Snapshot.DeepClone() };
}

using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>One snapshot file as <c>/api/snapshots</c> lists it (spec §2.12).</summary>
internal sealed record SnapshotSummary(string Name, string Path, string CapturedAt, string? RuntimeName, int QueuedTasks, long CompletedTasks)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["path"] = Path,
        ["captured_at"] = CapturedAt,
        ["runtime_name"] = RuntimeName,
        ["queued_tasks"] = QueuedTasks,
        ["completed_tasks"] = CompletedTasks,
    };
}

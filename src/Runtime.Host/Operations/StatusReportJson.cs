using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>The one rendering of a <see cref="StatusReport"/>: the <c>status</c> command's output and a snapshot's <c>status</c>.</summary>
internal static class StatusReportJson
{
    public static JsonObject ToJson(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = new JsonArray();
        foreach (var count in report.Counts)
        {
            counts.Add((JsonNode)new JsonObject { ["status"] = count.Status, ["count"] = count.Count });
        }

        var recent = new JsonArray();
        foreach (var task in report.Recent)
        {
            recent.Add((JsonNode)new JsonObject
            {
                ["task_id"] = task.TaskId,
                ["kind"] = task.Kind,
                ["status"] = task.Status,
                ["updated_at"] = IsoTime.ToIso(task.UpdatedAt),
                ["attempt_id"] = task.AttemptId,
                ["bundle_hash"] = task.BundleHash,
            });
        }

        var last = report.LastEvent is { } e
            ? new JsonObject
            {
                ["event_type"] = e.EventType,
                ["task_id"] = e.TaskId,
                ["attempt_id"] = e.AttemptId,
                ["created_at"] = IsoTime.ToIso(e.CreatedAt),
            }
            : null;
        return new JsonObject { ["counts"] = counts, ["recent"] = recent, ["lastEvent"] = last };
    }
}

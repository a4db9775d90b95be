using System.Text.Json.Nodes;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Snapshots;

/// <summary>Compares two snapshots into a report (spec §7.8, <c>compareSnapshots</c>), tolerant of missing sections.</summary>
internal static class SnapshotComparer
{
    public static JsonObject Compare(JsonObject before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        // A set, not the list: with the list every new path scanned every old one, and 200,000
        // artifact files took over a minute.
        var beforeArtifacts = new HashSet<string>(Artifacts(before), StringComparer.Ordinal);
        var beforeWorkflows = Workflows(before);
        var afterWorkflows = Workflows(after);
        var lastEvent = (after["status"] as JsonObject)?["lastEvent"] as JsonObject;
        return new JsonObject
        {
            ["runtime_name"] = after["runtime_name"]?.DeepClone(),
            ["before_captured_at"] = before["captured_at"]?.DeepClone(),
            ["after_captured_at"] = after["captured_at"]?.DeepClone(),
            ["completed_task_delta"] = Delta(Completed(before), Completed(after)),
            ["queued_task_delta"] = Delta(Queued(before).Count, Queued(after).Count),
            ["new_artifacts_created"] = Strings(Artifacts(after).Where(path => !beforeArtifacts.Contains(path))),
            ["workflow_counts"] = Delta(beforeWorkflows.Count, afterWorkflows.Count),
            ["workflow_state_changes"] = StateChanges(beforeWorkflows, afterWorkflows),
            ["blocked_or_retryable_tasks"] = new JsonArray([.. Queued(after)
                .Where(t => JsValues.String(t?["status"]) is "blocked" or "retryable_failure")
                .Select(t => t?.DeepClone())]),
            ["ended_idle"] = JsValues.String(lastEvent?["event_type"]) == "dispatch_idle",
            ["ended_idle_from_event"] = lastEvent?.DeepClone(),
        };
    }

    private static JsonObject Delta(double before, double after) => new() { ["before"] = before, ["after"] = after, ["delta"] = after - before };

    private static double Completed(JsonObject snapshot)
    {
        var counts = (snapshot["status"] as JsonObject)?["counts"] as JsonArray ?? [];
        var completed = counts.OfType<JsonObject>().FirstOrDefault(c => JsValues.String(c["status"]) == "completed");
        return completed?["count"] is JsonValue count && count.TryGetValue<double>(out var n) ? n : 0;
    }

    private static JsonArray Queued(JsonObject snapshot) => snapshot["queued_tasks"] as JsonArray ?? [];

    /// <summary><c>artifact_files</c> when it is a non-empty array, else the sorted flattening of <c>recent_completed[].artifact_paths</c>.</summary>
    private static List<string> Artifacts(JsonObject snapshot)
    {
        if (snapshot["artifact_files"] is JsonArray { Count: > 0 } files)
        {
            return [.. files.Select(JsValues.String).OfType<string>()];
        }

        return [.. (snapshot["recent_completed"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .SelectMany(task => task["artifact_paths"] as JsonArray ?? [])
            .Select(JsValues.String)
            .OfType<string>()
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Workflows by instance key (first position, last value, as a JavaScript Map), from <c>workflows</c> or else <c>active_workflows</c>.</summary>
    private static Dictionary<string, JsonObject> Workflows(JsonObject snapshot)
    {
        var list = snapshot["workflows"] as JsonArray ?? snapshot["active_workflows"] as JsonArray ?? [];
        var map = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var workflow in list.OfType<JsonObject>())
        {
            var key = JsValues.Text(workflow["instance_key"]);
            if (!map.ContainsKey(key))
            {
                order.Add(key);
            }

            map[key] = workflow;
        }

        return order.ToDictionary(key => key, key => map[key], StringComparer.Ordinal);
    }

    private static JsonArray StateChanges(Dictionary<string, JsonObject> before, Dictionary<string, JsonObject> after)
    {
        var changes = new JsonArray();
        foreach (var (key, workflow) in after)
        {
            if (!before.TryGetValue(key, out var old))
            {
                changes.Add((JsonNode)new JsonObject { ["instance_key"] = key, ["change"] = "new", ["template"] = workflow["template"]?.DeepClone(), ["state"] = workflow["current_state"]?.DeepClone() });
                continue;
            }

            var completedAt = JsValues.String(workflow["completed_at"]);
            if (JsValues.String(old["current_state"]) == JsValues.String(workflow["current_state"]) && JsValues.String(old["completed_at"]) == completedAt)
            {
                continue;
            }

            changes.Add((JsonNode)new JsonObject
            {
                ["instance_key"] = key,
                ["change"] = completedAt is not null ? "completed" : "advanced",
                ["template"] = workflow["template"]?.DeepClone(),
                ["from_state"] = old["current_state"]?.DeepClone(),
                ["to_state"] = workflow["current_state"]?.DeepClone(),
                ["completed_at"] = completedAt,
            });
        }

        return changes;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}

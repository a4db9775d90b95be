using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Dispatch;

/// <summary>The result objects <c>run-once</c> prints (spec §5.16), in the reference key order.</summary>
internal static class CycleResults
{
    public static JsonObject Locked() => new() { ["ok"] = false, ["reason"] = "dispatch_locked" };

    public static JsonObject Paused(string? reason) => new() { ["ok"] = true, ["status"] = "paused", ["paused"] = true, ["reason"] = reason };

    public static JsonObject Idle() => new() { ["ok"] = true, ["status"] = "idle" };

    public static JsonObject InputRejected(string taskId, IEnumerable<string> issues) =>
        new() { ["ok"] = false, ["status"] = TaskStatuses.Blocked, ["task_id"] = taskId, ["input_issues"] = Strings(issues) };

    public static JsonObject Failed(string status, string taskId, string? attemptId = null)
    {
        var result = new JsonObject { ["ok"] = false, ["status"] = status, ["task_id"] = taskId };
        if (attemptId is not null)
        {
            result["attempt_id"] = attemptId;
        }

        return result;
    }

    public static JsonObject RateLimited(string taskId, string attemptId, double afterSeconds, string availableAt) => new()
    {
        ["ok"] = false,
        ["status"] = "rate_limit_rescheduled",
        ["task_id"] = taskId,
        ["attempt_id"] = attemptId,
        ["retry_after_seconds"] = afterSeconds,
        ["available_at"] = availableAt,
    };

    public static JsonObject VerificationFailed(string taskId, string attemptId, IEnumerable<string> issues) => new()
    {
        ["ok"] = false,
        ["status"] = TaskStatuses.Blocked,
        ["task_id"] = taskId,
        ["attempt_id"] = attemptId,
        ["verification_issues"] = Strings(issues),
    };

    public static JsonObject Finalized(string status, string taskId, string attemptId) =>
        new() { ["ok"] = true, ["status"] = status, ["task_id"] = taskId, ["attempt_id"] = attemptId };

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}

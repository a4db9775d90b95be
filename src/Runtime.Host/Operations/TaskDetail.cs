using System.Text.Json.Nodes;
using AgentRuntime.Host.Secrets;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>One task with every attempt (oldest first), each attempt's bundle and whether a stop was requested for it: <c>GET /api/tasks/{id}</c>.</summary>
internal sealed record TaskDetail(TaskRecord Task, IReadOnlyList<AttemptRecord> Attempts, IReadOnlyDictionary<string, BundleFiles> Bundles, IReadOnlySet<string> CancelRequested)
{
    public JsonObject ToJson(string artifactDir, SecretNames? names = null) => new()
    {
        ["task"] = TaskSummaryJson.ToJson(new ListedTask(Task, Attempts.Count > 0 ? Attempts[^1].AdapterId : null), names),
        ["attempts"] = new JsonArray([.. Attempts.Select(a => (JsonNode?)AttemptJson.ToJson(a, a.BundleId is { } id ? Bundles.GetValueOrDefault(id) : null, CancelRequested.Contains(a.AttemptId), artifactDir))]),
    };
}

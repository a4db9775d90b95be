using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Operations;

/// <summary>The API's RunEvent (spec §2.10): <c>{ id, event_type, task_id, attempt_id, detail, created_at }</c>.</summary>
internal static class RunEventJson
{
    public static JsonObject ToJson(RunEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new JsonObject
        {
            ["id"] = e.Id,
            ["event_type"] = e.EventType,
            ["task_id"] = e.TaskId,
            ["attempt_id"] = e.AttemptId,
            ["detail"] = e.Detail.DeepClone(),
            ["created_at"] = IsoTime.ToIso(e.CreatedAt),
        };
    }

    public static JsonArray ToJson(IEnumerable<RunEvent> events) => [.. events.Select(e => (JsonNode?)ToJson(e))];
}

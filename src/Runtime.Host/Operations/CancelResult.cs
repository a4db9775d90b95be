using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>A task the operator cancelled (spec §2.8: <c>{ ok, task_id, status }</c>).</summary>
internal sealed record CancelResult(string TaskId, string Status)
{
    public JsonObject ToJson() => new()
    {
        ["ok"] = true,
        ["task_id"] = TaskId,
        ["status"] = Status,
    };
}

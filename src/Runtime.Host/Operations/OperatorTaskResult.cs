using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>An operator task queued through the API (spec §2.7 response).</summary>
internal sealed record OperatorTaskResult(string TaskId)
{
    public JsonObject ToJson() => new()
    {
        ["ok"] = true,
        ["task_id"] = TaskId,
        ["kind"] = OperatorTaskService.Kind,
        ["source"] = OperatorTaskService.Source,
    };
}

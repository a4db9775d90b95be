using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>A workflow marked completed (<c>workflow-complete</c>).</summary>
internal sealed record WorkflowCompletion(long WorkflowId)
{
    public JsonObject ToJson() => new() { ["completed"] = true, ["workflow_id"] = WorkflowId };
}

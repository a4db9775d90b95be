using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>A workflow moved from one state to another (<c>workflow-transition</c>).</summary>
internal sealed record WorkflowTransitionResult(long WorkflowId, string From, string To)
{
    public JsonObject ToJson() => new()
    {
        ["transitioned"] = true,
        ["workflow_id"] = WorkflowId,
        ["from"] = From,
        ["to"] = To,
    };
}

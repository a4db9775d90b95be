using System.Text.Json.Nodes;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Operations;

/// <summary>A workflow created, or the existing one with the same instance key (<c>workflow-create</c>).</summary>
internal sealed record WorkflowCreation(bool Created, WorkflowRecord Workflow)
{
    public JsonObject ToJson() => Created
        ? new JsonObject
        {
            ["created"] = true,
            ["workflow_id"] = Workflow.Id,
            ["template"] = Workflow.Template,
            ["instance_key"] = Workflow.InstanceKey,
            ["state"] = Workflow.CurrentState,
        }
        : new JsonObject { ["created"] = false, ["workflow"] = Workflow.ToRawJson() };
}

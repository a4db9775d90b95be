using System.Text.Json.Nodes;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Operations;

/// <summary>The active workflows as raw rows, least recently updated first (<c>workflow-list</c>).</summary>
internal sealed record WorkflowList(IReadOnlyList<WorkflowRecord> Workflows)
{
    public JsonObject ToJson() => new() { ["workflows"] = new JsonArray([.. Workflows.Select(w => (JsonNode?)w.ToRawJson())]) };
}

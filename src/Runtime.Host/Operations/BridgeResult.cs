using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>A task queued from a bridge event (<c>bridge-github</c>, <c>bridge-discord</c>).</summary>
internal sealed record BridgeResult(string Bridge, string TaskId, string Profile)
{
    public JsonObject ToJson() => new()
    {
        ["queued"] = true,
        ["bridge"] = Bridge,
        ["task_id"] = TaskId,
        ["profile"] = Profile,
    };
}

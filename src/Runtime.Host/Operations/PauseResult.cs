using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch;

namespace AgentRuntime.Host.Operations;

/// <summary>The dispatch pause state after <c>pause</c> or <c>resume</c> (the reference web endpoint's shape).</summary>
internal sealed record PauseResult(PauseState State)
{
    public JsonObject ToJson() => new()
    {
        ["ok"] = true,
        ["paused"] = State.Paused,
        ["reason"] = State.Reason,
        ["updated_at"] = State.UpdatedAt,
    };
}

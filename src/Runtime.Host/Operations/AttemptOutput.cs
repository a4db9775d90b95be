using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Operations;

/// <summary>A slice of an attempt's live output file: <c>GET /api/attempts/{id}/output</c>.</summary>
internal sealed record AttemptOutput(string AttemptId, string Channel, long Offset, long NextOffset, long Size, string Content, bool Running)
{
    public JsonObject ToJson() => new()
    {
        ["attempt_id"] = AttemptId,
        ["channel"] = Channel,
        ["offset"] = Offset,
        ["next_offset"] = NextOffset,
        ["size"] = Size,
        ["content"] = Content,
        ["running"] = Running,
    };
}

using System.Text.Json;

namespace AgentRuntime.Sdk;

/// <summary>The profile a task runs under.</summary>
public sealed record ProfileSnapshot
{
    /// <summary>The profile id.</summary>
    public required string ProfileId { get; init; }

    /// <summary>The profile style, for example <c>codex-like</c>.</summary>
    public string? Style { get; init; }

    /// <summary>The whole profile document as loaded from disk, a JSON object.</summary>
    public required JsonElement Document { get; init; }
}

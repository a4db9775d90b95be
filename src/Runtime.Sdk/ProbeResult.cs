using System.Text.Json.Nodes;

namespace AgentRuntime.Sdk;

/// <summary>The result of <see cref="IAdapter.ProbeAsync"/>.</summary>
public sealed record ProbeResult
{
    /// <summary>Whether the adapter looks usable.</summary>
    public required bool Ok { get; init; }

    /// <summary>Why it is not usable, when <see cref="Ok"/> is false.</summary>
    public string? Reason { get; init; }

    /// <summary>Details (snake_case keys).</summary>
    public JsonObject? Detail { get; init; }
}

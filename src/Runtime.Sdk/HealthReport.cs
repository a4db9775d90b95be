using System.Text.Json.Nodes;

namespace AgentRuntime.Sdk;

/// <summary>The result of <see cref="IAdapter.HealthcheckAsync"/>.</summary>
public sealed record HealthReport
{
    /// <summary>Whether the adapter can run.</summary>
    public required bool Ok { get; init; }

    /// <summary>Details (snake_case keys); an <c>error</c> string explains an unhealthy adapter.</summary>
    public JsonObject Detail { get; init; } = [];
}

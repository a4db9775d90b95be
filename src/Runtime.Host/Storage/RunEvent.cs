using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>A whole <c>run_events</c> row with its parsed detail (the API's RunEvent, spec §2.10).</summary>
internal sealed record RunEvent
{
    public required long Id { get; init; }

    public required string EventType { get; init; }

    public string? TaskId { get; init; }

    public string? AttemptId { get; init; }

    /// <summary>The parsed <c>detail_json</c>; a corrupt detail reads as an empty object.</summary>
    public required JsonObject Detail { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>A row of the <c>tasks</c> table (spec §3.2). Timestamps are instants; <see cref="StoredTime"/> maps the stored ISO text.</summary>
internal sealed record TaskRecord
{
    public required string TaskId { get; init; }

    public required string Kind { get; init; }

    public required string Source { get; init; }

    /// <summary>Null when the column is null or an empty string (spec: empty reads back as null).</summary>
    public string? Subject { get; init; }

    public string? Description { get; init; }

    public required int Priority { get; init; }

    /// <summary>The parsed <c>payload_json</c> object.</summary>
    public required JsonObject Payload { get; init; }

    public required string RequestedProfile { get; init; }

    /// <summary>The requested adapter id, or empty ("let profile/config decide").</summary>
    public required string RequestedAdapter { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required int AttemptCount { get; init; }

    public required int MaxAttempts { get; init; }

    public required DateTimeOffset AvailableAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The parsed <c>outcome_json</c>, when set.</summary>
    public JsonObject? Outcome { get; init; }

    public string? LastError { get; init; }
}

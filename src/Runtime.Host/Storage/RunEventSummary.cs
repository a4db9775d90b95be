namespace AgentRuntime.Host.Storage;

/// <summary>The identifying columns of one <c>run_events</c> row.</summary>
internal sealed record RunEventSummary
{
    public required long Id { get; init; }

    public required string EventType { get; init; }

    public string? TaskId { get; init; }

    public string? AttemptId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

namespace AgentRuntime.Host.Storage;

/// <summary>One <c>run_events</c> row (spec §5.17) with its detail as stored (compact JSON text).</summary>
internal sealed record RunEventRecord
{
    public required long Id { get; init; }

    public required string EventType { get; init; }

    public string? TaskId { get; init; }

    public string? AttemptId { get; init; }

    public required string DetailJson { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

namespace AgentRuntime.Host.Storage;

/// <summary>A task still in the queue, as a snapshot lists it (spec §7.5).</summary>
internal sealed record QueuedTask
{
    public required string TaskId { get; init; }

    public required string Kind { get; init; }

    public required string Source { get; init; }

    /// <summary>The stored subject; unlike <see cref="TaskRecord.Subject"/>, an empty one stays empty.</summary>
    public string? Subject { get; init; }

    public required string Status { get; init; }

    public required long Priority { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

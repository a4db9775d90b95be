namespace AgentRuntime.Host.Storage;

/// <summary>A recently updated task with its latest attempt and latest bundle hash (null when none).</summary>
internal sealed record RecentTask
{
    public required string TaskId { get; init; }

    public required string Kind { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string? AttemptId { get; init; }

    public string? BundleHash { get; init; }
}

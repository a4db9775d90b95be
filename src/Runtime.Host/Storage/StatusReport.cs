namespace AgentRuntime.Host.Storage;

/// <summary>What <c>status</c> shows (spec §1.2).</summary>
internal sealed record StatusReport
{
    /// <summary>Only statuses with at least one task, ordered by status text (as the reference's GROUP BY over its status index returns them).</summary>
    public required IReadOnlyList<StatusCount> Counts { get; init; }

    /// <summary>At most <see cref="TaskStore.RecentLimit"/> tasks, most recently updated first.</summary>
    public required IReadOnlyList<RecentTask> Recent { get; init; }

    /// <summary>The highest-id event, or null when there is none.</summary>
    public RunEventSummary? LastEvent { get; init; }
}

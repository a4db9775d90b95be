namespace AgentRuntime.Sdk;

/// <summary>
/// A process an adapter started for an attempt, reported through
/// <see cref="IExecutionSink.ProcessStarted"/> so the host can record it and, should the host die
/// while it runs, stop what is left of it before the task runs again. Added in 1.2.
/// </summary>
public sealed record AdapterProcess
{
    /// <summary>The started process's id.</summary>
    public required int ProcessId { get; init; }

    /// <summary>Its process group when it leads one of its own (the whole tree is stopped through it); null when it shares the host's.</summary>
    public int? ProcessGroupId { get; init; }

    /// <summary>
    /// The cgroup v2 directory the process was placed in before it ran (an absolute path under the
    /// cgroup2 mount), when the adapter made one for the attempt; null otherwise.
    /// </summary>
    public string? ControlGroup { get; init; }
}

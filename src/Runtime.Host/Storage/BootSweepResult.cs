namespace AgentRuntime.Host.Storage;

/// <summary>What a boot sweep changed.</summary>
internal sealed record BootSweepResult
{
    /// <summary>Running tasks put back in the queue as <c>retryable_failure</c>.</summary>
    public required int TasksReclaimed { get; init; }

    /// <summary>Running attempts finished as <c>error</c>/<c>retryable</c>.</summary>
    public required int AttemptsReclaimed { get; init; }

    /// <summary>Tasks with no attempts left finalized <c>blocked</c> instead of being stranded (reference defect B6).</summary>
    public required int TasksBlocked { get; init; }

    /// <summary>Running tasks an operator had asked to stop, ended <c>operator_canceled</c> instead of requeued.</summary>
    public int TasksCanceled { get; init; }

    public bool Changed => TasksReclaimed + AttemptsReclaimed + TasksBlocked + TasksCanceled > 0;
}

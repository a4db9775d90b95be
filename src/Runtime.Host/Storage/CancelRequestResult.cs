namespace AgentRuntime.Host.Storage;

/// <summary>
/// What an operator cancel did at once: a queued or blocked task (or a running one with no running
/// attempt) was canceled, or the running attempt was asked to stop (<see cref="Request"/> set).
/// </summary>
internal sealed record CancelRequestResult
{
    /// <summary>The task as stored after the call.</summary>
    public required TaskRecord Task { get; init; }

    /// <summary>The stop request recorded for the running attempt; null when the task was canceled at once.</summary>
    public CancelRequest? Request { get; init; }
}

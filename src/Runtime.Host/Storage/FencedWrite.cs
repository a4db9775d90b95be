namespace AgentRuntime.Host.Storage;

/// <summary>
/// The result of a finalize or reschedule fenced on its attempt: whether it was applied, and the
/// task as stored afterwards (unchanged when the write was ignored).
/// </summary>
internal sealed record FencedWrite
{
    /// <summary>False when the attempt no longer owned the task and nothing was written but the <c>stale_attempt_write_ignored</c> event.</summary>
    public required bool Applied { get; init; }

    public required TaskRecord Task { get; init; }
}

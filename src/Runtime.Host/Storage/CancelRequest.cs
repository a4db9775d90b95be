namespace AgentRuntime.Host.Storage;

/// <summary>An operator's request to stop a running attempt (a row of <c>task_cancel_requests</c>).</summary>
/// <param name="TaskId">The task the attempt runs.</param>
/// <param name="AttemptId">The attempt to stop.</param>
/// <param name="Reason">The operator's reason, trimmed; null when none was given.</param>
internal sealed record CancelRequest(string TaskId, string AttemptId, string? Reason);

namespace AgentRuntime.Host.Storage;

/// <summary>Puts a running task back in the queue as <c>retryable_failure</c> (spec §3.6 "reschedule attempt").</summary>
internal sealed record TaskReschedule
{
    public required string TaskId { get; init; }

    /// <summary>The attempt to finish; its retry class defaults to <c>retryable</c>.</summary>
    public AttemptFinish? Attempt { get; init; }

    /// <summary>Stored as <c>last_error</c> and in the <c>task_retry_scheduled</c> event.</summary>
    public required string Error { get; init; }

    /// <summary>When the task becomes claimable again; null means now + <see cref="TaskStoreOptions.RetryBackoffSeconds"/>.</summary>
    public DateTimeOffset? AvailableAt { get; init; }

    /// <summary>Refunds the attempt (<c>attempt_count = max(0, attempt_count - 1)</c>), as rate-limit hints do.</summary>
    public bool RefundAttempt { get; init; }
}

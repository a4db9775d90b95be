using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Storage;

/// <summary>When queued work next comes due, for a resident dispatcher's timer.</summary>
internal sealed partial class TaskStore
{
    /// <summary>
    /// The earliest future <c>available_at</c> of a claimable task (a backoff, a rate-limit
    /// reschedule, a delayed intake). Asked only when nothing is claimable now, so the rows it
    /// reads are the waiting ones, not the whole queue.
    /// </summary>
    internal const string NextAvailableSql = """
        SELECT MIN(available_at) FROM tasks INDEXED BY idx_tasks_claimable
        WHERE status IN ('pending', 'retryable_failure') AND available_at > $now AND attempt_count < max_attempts
        """;

    /// <summary>The earliest <c>next_run_at</c> of an enabled schedule (served by <c>idx_schedules_due</c>).</summary>
    internal const string NextScheduleSql = "SELECT MIN(next_run_at) FROM schedules WHERE enabled = 1";

    /// <summary>When the next waiting task becomes claimable, or null when none is waiting.</summary>
    public DateTimeOffset? NextAvailableAt() => Parse(_db.Scalar(NextAvailableSql, ("$now", Now())));

    /// <summary>When the next enabled schedule is due (possibly already past), or null when there is none.</summary>
    public DateTimeOffset? NextScheduleDueAt() => Parse(_db.Scalar(NextScheduleSql));

    private static DateTimeOffset? Parse(object? value) =>
        value is string text && IsoTime.TryParseStored(text, out var at) ? at : null;
}

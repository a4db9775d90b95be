using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>Claim (spec §3.6, §5.5) and the attempt's adapter update.</summary>
internal sealed partial class TaskStore
{
    /// <summary>
    /// The next claimable task. It walks <c>idx_tasks_claimable</c> (claimable statuses only, in
    /// priority DESC, created_at, rowid order) and stops at the first row that is available and has
    /// attempts left, so it neither scans nor sorts. The status term repeats the index's WHERE clause
    /// verbatim, which is what lets SQLite use the partial index; INDEXED BY pins that choice, since
    /// without statistics the planner prefers the reference's <c>idx_tasks_claim_queue</c> plus a sort.
    /// </summary>
    internal const string ClaimSelectSql = """
        SELECT rowid, task_id, requested_adapter FROM tasks INDEXED BY idx_tasks_claimable
        WHERE status IN ('pending', 'retryable_failure') AND available_at <= $now AND attempt_count < max_attempts
        ORDER BY priority DESC, created_at ASC, rowid ASC
        LIMIT 1
        """;

    /// <summary>The adapter id an attempt carries until adapter selection updates it.</summary>
    public const string PendingResolutionAdapter = "pending-resolution";

    /// <summary>The adapter kind an attempt carries until adapter selection updates it.</summary>
    public const string UnresolvedAdapterKind = "unresolved";

    /// <summary>
    /// Claims the next eligible task: status <c>pending</c> or <c>retryable_failure</c>,
    /// <c>available_at</c> at or before now, attempts left; highest priority first, then oldest,
    /// then first inserted. In one <c>BEGIN IMMEDIATE</c> transaction it marks the task
    /// <c>running</c>, counts the attempt, inserts a running attempt and records <c>task_claimed</c>.
    /// Returns null when nothing is claimable.
    /// </summary>
    public ClaimedTask? Claim() => Claim([]);

    /// <summary>
    /// As <see cref="Claim()"/>, passing over tasks that ask for one of <paramref name="excludedAdapters"/>
    /// (adapters at their <c>maxConcurrent</c> limit), so they wait in the queue without holding up
    /// the tasks of other adapters behind them.
    /// </summary>
    public ClaimedTask? Claim(IReadOnlyCollection<string> excludedAdapters) => _db.InTransaction(() =>
    {
        ArgumentNullException.ThrowIfNull(excludedAdapters);
        var now = Now();
        long rowid;
        string taskId;
        string requestedAdapter;
        using (var select = ClaimSelect(now, excludedAdapters))
        using (var reader = select.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            rowid = reader.GetInt64(0);
            taskId = reader.GetString(1);
            requestedAdapter = reader.GetString(2);
        }

        // The status term repeats the select's: the write lock makes it hold already, and it keeps
        // holding should anything ever run between the two, so a running task is never claimed twice.
        var claimed = _db.Execute(
            """
            UPDATE tasks SET status = 'running', updated_at = $now, started_at = $now, attempt_count = attempt_count + 1
            WHERE rowid = $rowid AND status IN ('pending', 'retryable_failure') AND attempt_count < max_attempts
            """,
            ("$now", now),
            ("$rowid", rowid));
        if (claimed != 1)
        {
            return null;
        }

        var attemptId = Guid.NewGuid().ToString();
        _db.Execute(
            """
            INSERT INTO task_attempts (attempt_id, task_id, adapter_id, adapter_kind, model, runner_id, bundle_id, status, started_at)
            VALUES ($attempt, $task, $adapter, $kind, NULL, $runner, NULL, 'running', $now)
            """,
            ("$attempt", attemptId),
            ("$task", taskId),
            ("$adapter", requestedAdapter.Length > 0 ? requestedAdapter : PendingResolutionAdapter),
            ("$kind", UnresolvedAdapterKind),
            ("$runner", Options.RunnerId),
            ("$now", now));
        RecordRunner();
        RecordEvent("task_claimed", taskId, attemptId, new JsonObject { ["runner_id"] = Options.RunnerId });
        return new ClaimedTask { Task = GetTask(taskId)!, Attempt = GetAttempt(attemptId)! };
    });

    private Microsoft.Data.Sqlite.SqliteCommand ClaimSelect(string now, IReadOnlyCollection<string> excludedAdapters)
    {
        if (excludedAdapters.Count == 0)
        {
            return _db.Command(ClaimSelectSql, ("$now", now));
        }

        // The extra term only filters rows the partial index yields; the walk stays the same.
        var names = excludedAdapters.Select((_, i) => $"$x{i}").ToList();
        var sql = ClaimSelectSql.Replace(
            "AND attempt_count < max_attempts",
            $"AND attempt_count < max_attempts AND requested_adapter NOT IN ({string.Join(", ", names)})",
            StringComparison.Ordinal);
        var parameters = excludedAdapters.Select((id, i) => (names[i], (object?)id)).Prepend(("$now", now)).ToArray();
        return _db.Command(sql, parameters);
    }

    /// <summary>Records the adapter chosen for an attempt (spec §3.6 "update attempt adapter").</summary>
    public void UpdateAttemptAdapter(string attemptId, string adapterId, string adapterKind, string? model)
    {
        _db.Execute(
            "UPDATE task_attempts SET adapter_id = $adapter, adapter_kind = $kind, model = $model WHERE attempt_id = $attempt",
            ("$adapter", adapterId),
            ("$kind", adapterKind),
            ("$model", model),
            ("$attempt", attemptId));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>The boot sweep (spec §3.6), with reference defect B6 fixed.</summary>
internal sealed partial class TaskStore
{
    public const string BootSweepError = "reclaimed on boot from prior running state";

    /// <summary>Served by the partial index <c>idx_tasks_stranded</c>; the WHERE clause must repeat the index's verbatim.</summary>
    internal const string StrandedSelectSql = """
        SELECT task_id, attempt_count, max_attempts, last_error FROM tasks INDEXED BY idx_tasks_stranded
        WHERE status = 'retryable_failure' AND attempt_count >= max_attempts
        """;

    /// <summary>Served by the partial index <c>idx_task_attempts_running</c>, so a sweep does not scan every attempt ever made.</summary>
    internal const string RunningAttemptsSql = "SELECT attempt_id, runner_id FROM task_attempts WHERE status = 'running'";

    /// <summary>Running tasks left with no running attempt: their runner is gone (or they never had an attempt row).</summary>
    internal const string OrphanedTasksSql = """
        SELECT task_id, attempt_count, max_attempts FROM tasks t
        WHERE status = 'running'
          AND NOT EXISTS (SELECT 1 FROM task_attempts a WHERE a.task_id = t.task_id AND a.status = 'running')
        """;

    /// <summary>As <see cref="BootSweep(Func{RecordedRunner, bool}, Action{IReadOnlyList{StrandedAttempt}})"/> with every runner counted as gone.</summary>
    public BootSweepResult BootSweep() => BootSweep(_ => true);

    /// <summary>As <see cref="BootSweep(Func{RecordedRunner, bool}, Action{IReadOnlyList{StrandedAttempt}})"/>, leaving processes alone.</summary>
    public BootSweepResult BootSweep(Func<string, bool> runnerGone) => BootSweep(runner => runnerGone(runner.RunnerId), _ => { });

    /// <summary>
    /// Recovers from runners that died mid-task: their running attempts are finished
    /// <c>error</c>/<c>retryable</c> with diagnostics <c>{"reason":"boot_sweep"}</c>, and running
    /// tasks left with no running attempt go back to the queue as <c>retryable_failure</c>,
    /// available now, attempt count unchanged. An attempt whose runner is alive (another
    /// dispatcher's, or this process's own) and its task are left alone.
    /// <para>
    /// Fix of reference defect B6: the reference also requeued a task whose attempts were used up,
    /// and since a claim requires attempts left it then sat as <c>retryable_failure</c> forever.
    /// Such a task — and any already stranded that way, e.g. by the Bun runtime — is finalized
    /// <c>blocked</c> instead, with an outcome and <c>last_error</c> that say why, and a
    /// <c>task_finished</c> event. Refunding the attempt was rejected: a task that kills its runner
    /// would then be retried forever. <c>boot_sweep_reclaimed</c> gains a trailing
    /// <c>tasks_blocked</c> key, present only when non-zero, so its usual shape is unchanged.
    /// </para>
    /// <para>
    /// A running task whose attempt an operator asked to stop (B27) ends <c>operator_canceled</c>
    /// instead of being requeued, with <c>task_operator_canceled</c> naming the attempt; counted in a
    /// trailing <c>tasks_canceled</c> key, present only when non-zero.
    /// </para>
    /// Records <c>boot_sweep_reclaimed</c> only when something changed. One transaction.
    /// </summary>
    /// <param name="runnerGone">Whether the runner (its id, and the process identity recorded at its
    /// claims) is gone; an id it cannot check must count as gone.</param>
    /// <param name="stopProcesses">Stops what is left of the dead runners' attempts (by attempt id,
    /// with the processes they recorded). Called inside the transaction, before any task goes back
    /// to the queue, so no other dispatcher can claim a task while the previous attempt's processes still run.</param>
    public BootSweepResult BootSweep(Func<RecordedRunner, bool> runnerGone, Action<IReadOnlyList<StrandedAttempt>> stopProcesses) => _db.InTransaction(() =>
    {
        ArgumentNullException.ThrowIfNull(runnerGone);
        ArgumentNullException.ThrowIfNull(stopProcesses);
        var now = Now();
        var running = new List<(string AttemptId, string RunnerId)>();
        using (var command = _db.Command(RunningAttemptsSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                running.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        var dead = new List<string>();
        foreach (var (attemptId, runnerId) in running)
        {
            if (!verdicts.TryGetValue(runnerId, out var gone))
            {
                gone = verdicts[runnerId] = runnerGone(new RecordedRunner(runnerId, RunnerIdentity(runnerId)));
            }

            if (gone)
            {
                dead.Add(attemptId);
            }
        }

        if (dead.Count > 0)
        {
            stopProcesses(dead.Select(id => new StrandedAttempt(id, ProcessesOf(id))).ToList());
        }

        foreach (var attemptId in dead)
        {
            _db.Execute(
                """
                UPDATE task_attempts SET status = 'finished', ended_at = $now, exit_status = 'error', retry_class = 'retryable',
                  diagnostics_json = '{"reason":"boot_sweep"}'
                WHERE attempt_id = $attempt
                """,
                ("$now", now),
                ("$attempt", attemptId));
        }

        // Before the orphans are requeued: a task an operator asked to stop must not run again.
        var canceled = CancelOrphans(now);
        var requeue = new List<string>();
        var exhausted = new List<(string TaskId, string Summary, string Error)>();
        using (var command = _db.Command(OrphanedTasksSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (reader.GetInt64(1) < reader.GetInt64(2))
                {
                    requeue.Add(reader.GetString(0));
                    continue;
                }

                var used = Used(reader.GetInt64(1), reader.GetInt64(2));
                exhausted.Add((reader.GetString(0), $"Reclaimed on boot with no attempts left ({used}): the run was interrupted and the task will not be retried.", $"{BootSweepError} with no attempts left ({used})"));
            }
        }

        using (var command = _db.Command(StrandedSelectSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var used = Used(reader.GetInt64(1), reader.GetInt64(2));
                var previous = reader.IsDBNull(3) ? "" : $"; last error: {reader.GetString(3)}";
                exhausted.Add((reader.GetString(0), $"Stranded as retryable_failure with no attempts left ({used}); the task will not be retried.", $"retryable_failure with no attempts left ({used}){previous}"));
            }
        }

        foreach (var taskId in requeue)
        {
            _db.Execute(
                """
                UPDATE tasks SET status = 'retryable_failure', updated_at = $now, available_at = $now, finished_at = NULL,
                  outcome_json = NULL, last_error = $error
                WHERE task_id = $task
                """,
                ("$now", now),
                ("$error", BootSweepError),
                ("$task", taskId));
        }

        foreach (var (taskId, summary, error) in exhausted)
        {
            BlockExhausted(taskId, summary, error, now);
        }

        ForgetIdleRunners();
        var result = new BootSweepResult { TasksReclaimed = requeue.Count, AttemptsReclaimed = dead.Count, TasksBlocked = exhausted.Count, TasksCanceled = canceled };
        if (result.Changed)
        {
            var detail = new JsonObject
            {
                ["runner_id"] = Options.RunnerId,
                ["tasks_reclaimed"] = result.TasksReclaimed,
                ["attempts_reclaimed"] = result.AttemptsReclaimed,
            };
            if (result.TasksBlocked > 0)
            {
                detail["tasks_blocked"] = result.TasksBlocked;
            }

            if (result.TasksCanceled > 0)
            {
                detail["tasks_canceled"] = result.TasksCanceled;
            }

            RecordEvent("boot_sweep_reclaimed", null, null, detail);
        }

        return result;
    });

    private static string Used(long attemptCount, long maxAttempts) =>
        string.Format(CultureInfo.InvariantCulture, "{0} of {1} attempts used", attemptCount, maxAttempts);

    private void BlockExhausted(string taskId, string summary, string error, string now)
    {
        var attemptId = _db.Scalar(
            "SELECT attempt_id FROM task_attempts WHERE task_id = $task ORDER BY started_at DESC, attempt_id DESC LIMIT 1",
            ("$task", taskId)) as string;
        var outcome = new JsonObject
        {
            ["status"] = TaskStatuses.Blocked,
            ["operator_summary"] = summary,
            ["machine_status"] = TaskStatuses.Blocked,
        };
        if (attemptId is not null)
        {
            outcome["attempt_id"] = attemptId;
        }

        _db.Execute(
            """
            UPDATE tasks SET status = 'blocked', updated_at = $now, finished_at = $now, outcome_json = $outcome, last_error = $error
            WHERE task_id = $task
            """,
            ("$now", now),
            ("$outcome", Json.JsJson.Serialize(outcome)),
            ("$error", error),
            ("$task", taskId));
        RecordEvent("task_finished", taskId, attemptId, new JsonObject
        {
            ["runner_id"] = Options.RunnerId,
            ["status"] = TaskStatuses.Blocked,
            ["machine_status"] = TaskStatuses.Blocked,
        });
    }
}

using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>The attempt fence of finalize and reschedule.</summary>
internal sealed partial class TaskStore
{
    public const string StaleWriteEvent = "stale_attempt_write_ignored";

    /// <summary>
    /// The task's status and its latest running attempt; served by the primary key and the
    /// partial index <c>idx_task_attempts_running</c>.
    /// </summary>
    internal const string OwnerSql = """
        SELECT t.status,
          (SELECT a.attempt_id FROM task_attempts a WHERE a.task_id = t.task_id AND a.status = 'running'
             ORDER BY a.started_at DESC, a.attempt_id DESC LIMIT 1)
        FROM tasks t WHERE t.task_id = $task
        """;

    /// <summary>
    /// True when <paramref name="attemptId"/> still owns the task: the task is <c>running</c> and
    /// this is its running attempt. Otherwise (a boot sweep reclaimed it, an operator or another
    /// dispatcher moved the task on) records <see cref="StaleWriteEvent"/> and logs a warning, so
    /// the late write is visible instead of silently overwriting the newer state.
    /// Call inside the write's transaction. A task that does not exist is not stale: the caller reports it.
    /// </summary>
    private bool OwnsTask(string taskId, string attemptId, string write)
    {
        string? status = null;
        string? owner = null;
        using (var command = _db.Command(OwnerSql, ("$task", taskId)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return true;
            }

            status = reader.GetString(0);
            owner = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        if (status == TaskStatuses.Running && owner == attemptId)
        {
            return true;
        }

        RecordEvent(StaleWriteEvent, taskId, attemptId, new JsonObject
        {
            ["runner_id"] = Options.RunnerId,
            ["write"] = write,
            ["task_status"] = status,
            ["running_attempt_id"] = owner,
        });
        _log.Warning(
            "Ignored a stale {Write} of task {TaskId} from attempt {AttemptId}: the task is {TaskStatus} and its running attempt is {RunningAttemptId}",
            write, taskId, attemptId, status, owner);
        return false;
    }
}

using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Storage;

/// <summary>Operator cancel of a running task, with reference defect B27 fixed.</summary>
internal sealed partial class TaskStore
{
    /// <summary>The stored exit status of an attempt stopped on an operator's request.</summary>
    public const string CanceledExitStatus = "canceled";

    /// <summary>Served by the primary key: the poll of a running attempt, several times a second.</summary>
    internal const string CancelRequestSql = "SELECT task_id, reason FROM task_cancel_requests WHERE attempt_id = $attempt";

    /// <summary>
    /// Running tasks with a cancel request and no running attempt left (their runner died); driven
    /// from the request table, which holds a row per cancel of a running task only.
    /// </summary>
    internal const string CanceledOrphansSql = """
        SELECT r.task_id, r.attempt_id, r.reason FROM task_cancel_requests r
        JOIN tasks t ON t.task_id = r.task_id
        WHERE t.status = 'running'
          AND NOT EXISTS (SELECT 1 FROM task_attempts a WHERE a.task_id = t.task_id AND a.status = 'running')
        ORDER BY r.requested_at
        """;

    /// <summary>
    /// Operator cancel of any task that has not ended (spec §5.15, B27 fixed). A <c>pending</c>,
    /// <c>retryable_failure</c> or <c>blocked</c> task, or a <c>running</c> one whose attempt is
    /// already gone from the table, ends <c>operator_canceled</c> at once as <see cref="Cancel"/>
    /// does. For a running attempt a stop request is recorded instead (the first request's reason
    /// is kept); the process running it stops the adapter and ends the task (<see cref="TryFinishCanceled"/>).
    /// </summary>
    /// <exception cref="TaskStoreException"><c>task not found: &lt;id&gt;</c> or <c>task is already terminal: &lt;status&gt;</c>.</exception>
    public CancelRequestResult RequestCancel(string taskId, string? reason) => _db.InTransaction(() =>
    {
        var task = CancelableTask(taskId);
        var trimmed = TrimReason(reason);
        var attemptId = task.Status == TaskStatuses.Running ? RunningAttemptOf(taskId) : null;
        if (attemptId is null)
        {
            MarkCanceled(taskId, trimmed, task.Status, attemptId: null, Now());
            return new CancelRequestResult { Task = GetTask(taskId)! };
        }

        _db.Execute(
            "INSERT OR IGNORE INTO task_cancel_requests (attempt_id, task_id, reason, requested_at) VALUES ($attempt, $task, $reason, $now)",
            ("$attempt", attemptId),
            ("$task", taskId),
            ("$reason", trimmed),
            ("$now", Now()));
        return new CancelRequestResult { Task = task, Request = GetCancelRequest(attemptId) };
    });

    /// <summary>The stop request of this attempt, or null.</summary>
    public CancelRequest? GetCancelRequest(string attemptId)
    {
        using var command = _db.Command(CancelRequestSql, ("$attempt", attemptId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new CancelRequest(reader.GetString(0), attemptId, Text(reader, 1)) : null;
    }

    /// <summary>
    /// Finishes an attempt stopped on an operator's request (status <c>finished</c>, exit status
    /// <c>canceled</c>, retry class <c>none</c>) and ends its task <c>operator_canceled</c> with
    /// <c>task_operator_canceled</c> <c>{ reason, previous_status: "running", attempt_id }</c>, in
    /// one transaction, fenced on the attempt like finalize.
    /// </summary>
    public FencedWrite TryFinishCanceled(AttemptCancellation cancellation)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        return _db.InTransaction(() =>
        {
            if (!OwnsTask(cancellation.TaskId, cancellation.AttemptId, "operator_cancel"))
            {
                return new FencedWrite { Applied = false, Task = GetTask(cancellation.TaskId)! };
            }

            var now = Now();
            _db.Execute(
                """
                UPDATE task_attempts SET status = 'finished', ended_at = $now, exit_status = $exit, retry_class = 'none',
                  stdout_path = $stdout, stderr_path = $stderr, diagnostics_json = $diagnostics
                WHERE attempt_id = $attempt
                """,
                ("$now", now),
                ("$exit", CanceledExitStatus),
                ("$stdout", cancellation.StdoutPath),
                ("$stderr", cancellation.StderrPath),
                ("$diagnostics", cancellation.Diagnostics is null ? null : JsJson.Serialize(cancellation.Diagnostics)),
                ("$attempt", cancellation.AttemptId));
            RecordEvent("task_attempt_finished", cancellation.TaskId, cancellation.AttemptId, new JsonObject
            {
                ["runner_id"] = Options.RunnerId,
                ["exit_status"] = CanceledExitStatus,
                ["retry_class"] = "none",
            });
            MarkCanceled(cancellation.TaskId, GetCancelRequest(cancellation.AttemptId)?.Reason, TaskStatuses.Running, cancellation.AttemptId, now);
            return new FencedWrite { Applied = true, Task = GetTask(cancellation.TaskId)! };
        });
    }

    private string? RunningAttemptOf(string taskId) => _db.Scalar(
        """
        SELECT attempt_id FROM task_attempts WHERE task_id = $task AND status = 'running'
        ORDER BY started_at DESC, attempt_id DESC LIMIT 1
        """,
        ("$task", taskId)) as string;

    /// <summary>The boot sweep's part: running tasks whose attempt was asked to stop and whose runner is gone end canceled, not requeued.</summary>
    private int CancelOrphans(string now)
    {
        var canceled = new Dictionary<string, CancelRequest>(StringComparer.Ordinal);
        using (var command = _db.Command(CanceledOrphansSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                canceled[reader.GetString(0)] = new CancelRequest(reader.GetString(0), reader.GetString(1), Text(reader, 2));
            }
        }

        foreach (var request in canceled.Values)
        {
            MarkCanceled(request.TaskId, request.Reason, TaskStatuses.Running, request.AttemptId, now);
        }

        return canceled.Count;
    }
}

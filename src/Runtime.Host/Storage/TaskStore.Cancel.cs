using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Storage;

/// <summary>Operator cancel of a queued or blocked task (spec §5.15).</summary>
internal sealed partial class TaskStore
{
    /// <summary>
    /// Cancels a <c>pending</c>, <c>retryable_failure</c> or <c>blocked</c> task: status
    /// <c>operator_canceled</c> with the outcome of spec §5.11, <c>last_error</c> cleared, and
    /// <c>task_operator_canceled</c> recorded. Attempts are untouched. A running task is refused
    /// here, as in the reference; <see cref="RequestCancel"/> asks its attempt to stop (B27).
    /// Returns the task as stored.
    /// </summary>
    /// <param name="taskId">The task to cancel.</param>
    /// <param name="reason">Free text; trimmed, and blank means none.</param>
    /// <exception cref="TaskStoreException">
    /// <c>task not found: &lt;id&gt;</c>, <c>running task cancellation is not supported</c>, or
    /// <c>task is already terminal: &lt;status&gt;</c>.
    /// </exception>
    public TaskRecord Cancel(string taskId, string? reason) => _db.InTransaction(() =>
    {
        var task = CancelableTask(taskId);
        if (task.Status == TaskStatuses.Running)
        {
            throw new TaskStoreException("running task cancellation is not supported");
        }

        MarkCanceled(taskId, TrimReason(reason), task.Status, attemptId: null, Now());
        return GetTask(taskId)!;
    });

    /// <summary>The task, unless it is unknown or already terminal (the spec's messages).</summary>
    private TaskRecord CancelableTask(string taskId)
    {
        var task = GetTask(taskId) ?? throw new TaskStoreException($"task not found: {taskId}");
        return task.Status is TaskStatuses.Completed or TaskStatuses.PermanentFailure or TaskStatuses.OperatorCanceled
            ? throw new TaskStoreException($"task is already terminal: {task.Status}")
            : task;
    }

    private static string? TrimReason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    /// <summary>
    /// Ends the task <c>operator_canceled</c> (spec §5.11 outcome) and records
    /// <c>task_operator_canceled</c>. When a running attempt was stopped, the outcome, the event's
    /// attempt column and its detail name it. Call inside a transaction.
    /// </summary>
    private void MarkCanceled(string taskId, string? reason, string previousStatus, string? attemptId, string now)
    {
        var outcome = new JsonObject
        {
            ["status"] = TaskStatuses.OperatorCanceled,
            ["operator_summary"] = reason is null ? "Operator canceled task." : $"Operator canceled: {reason}",
            ["machine_status"] = "canceled",
        };
        var detail = new JsonObject
        {
            ["reason"] = reason,
            ["previous_status"] = previousStatus,
        };
        if (attemptId is not null)
        {
            outcome["attempt_id"] = attemptId;
            detail["attempt_id"] = attemptId;
        }

        _db.Execute(
            """
            UPDATE tasks SET status = 'operator_canceled', updated_at = $now, finished_at = $now, outcome_json = $outcome, last_error = NULL
            WHERE task_id = $task
            """,
            ("$now", now),
            ("$outcome", JsJson.Serialize(outcome)),
            ("$task", taskId));
        RecordEvent("task_operator_canceled", taskId, attemptId, detail);
    }
}

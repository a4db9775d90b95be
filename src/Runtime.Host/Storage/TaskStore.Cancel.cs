using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Storage;

/// <summary>Operator cancel of a queued or blocked task (spec §5.15).</summary>
internal sealed partial class TaskStore
{
    /// <summary>
    /// Cancels a <c>pending</c>, <c>retryable_failure</c> or <c>blocked</c> task: status
    /// <c>operator_canceled</c> with the outcome of spec §5.11, <c>last_error</c> cleared, and
    /// <c>task_operator_canceled</c> recorded. Attempts are untouched. Stopping a running task is
    /// the dispatcher's job (B27), not this method's. Returns the task as stored.
    /// </summary>
    /// <param name="taskId">The task to cancel.</param>
    /// <param name="reason">Free text; trimmed, and blank means none.</param>
    /// <exception cref="TaskStoreException">
    /// <c>task not found: &lt;id&gt;</c>, <c>running task cancellation is not supported</c>, or
    /// <c>task is already terminal: &lt;status&gt;</c>.
    /// </exception>
    public TaskRecord Cancel(string taskId, string? reason) => _db.InTransaction(() =>
    {
        var task = GetTask(taskId) ?? throw new TaskStoreException($"task not found: {taskId}");
        switch (task.Status)
        {
            case TaskStatuses.Running:
                throw new TaskStoreException("running task cancellation is not supported");
            case TaskStatuses.Completed or TaskStatuses.PermanentFailure or TaskStatuses.OperatorCanceled:
                throw new TaskStoreException($"task is already terminal: {task.Status}");
        }

        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var outcome = new JsonObject
        {
            ["status"] = TaskStatuses.OperatorCanceled,
            ["operator_summary"] = trimmed is null ? "Operator canceled task." : $"Operator canceled: {trimmed}",
            ["machine_status"] = "canceled",
        };
        var now = Now();
        _db.Execute(
            """
            UPDATE tasks SET status = 'operator_canceled', updated_at = $now, finished_at = $now, outcome_json = $outcome, last_error = NULL
            WHERE task_id = $task
            """,
            ("$now", now),
            ("$outcome", JsJson.Serialize(outcome)),
            ("$task", taskId));
        RecordEvent("task_operator_canceled", taskId, null, new JsonObject
        {
            ["reason"] = trimmed,
            ["previous_status"] = task.Status,
        });
        return GetTask(taskId)!;
    });
}

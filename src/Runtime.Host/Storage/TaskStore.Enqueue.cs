using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Storage;

/// <summary>Enqueue and enqueue-if-new (spec §5.13).</summary>
internal sealed partial class TaskStore
{
    /// <summary>Served by <c>idx_tasks_source_status</c>.</summary>
    internal const string ActiveSourceSql = "SELECT 1 FROM tasks WHERE source = $source AND status IN ($a, $b, $c) LIMIT 1";

    private static readonly string[] ActiveStatuses = [TaskStatuses.Pending, TaskStatuses.Running, TaskStatuses.RetryableFailure];

    /// <summary>Inserts one <c>pending</c> task and its <c>task_enqueued</c> event in one transaction. Returns the stored task.</summary>
    public TaskRecord Enqueue(NewTask task) => _db.InTransaction(() => Insert(task));

    /// <summary>
    /// Enqueues unless a task with the same <c>source</c> is <c>pending</c>, <c>running</c> or
    /// <c>retryable_failure</c>; then returns null. The check and the insert share one transaction,
    /// so two processes cannot both enqueue the same source.
    /// </summary>
    public TaskRecord? EnqueueIfNew(NewTask task) => _db.InTransaction(() => HasActiveTask(task.Source) ? null : Insert(task));

    private bool HasActiveTask(string source)
    {
        var found = _db.Scalar(
            ActiveSourceSql,
            ("$source", source),
            ("$a", ActiveStatuses[0]),
            ("$b", ActiveStatuses[1]),
            ("$c", ActiveStatuses[2]));
        return found is not null;
    }

    private TaskRecord Insert(NewTask input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = IsoTime.Truncate(input.CreatedAt);
        var task = new TaskRecord
        {
            TaskId = input.TaskId,
            Kind = input.Kind,
            Source = input.Source,
            Subject = input.Subject,
            Description = input.Description,
            Priority = input.Priority,
            Payload = input.Payload,
            RequestedProfile = input.RequestedProfile,
            RequestedAdapter = input.RequestedAdapter,
            Status = TaskStatuses.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            AttemptCount = 0,
            MaxAttempts = input.MaxAttempts,
            AvailableAt = IsoTime.Truncate(input.AvailableAt),
        };
        _db.Execute(
            """
            INSERT INTO tasks (
              task_id, kind, source, subject, description, priority, payload_json, requested_profile,
              requested_adapter, status, created_at, updated_at, attempt_count, max_attempts, available_at
            ) VALUES (
              $task_id, $kind, $source, $subject, $description, $priority, $payload, $profile,
              $adapter, $status, $now, $now, 0, $max_attempts, $available_at
            )
            """,
            ("$task_id", task.TaskId),
            ("$kind", task.Kind),
            ("$source", task.Source),
            ("$subject", task.Subject),
            ("$description", task.Description),
            ("$priority", task.Priority),
            ("$payload", JsJson.Serialize(task.Payload)),
            ("$profile", task.RequestedProfile),
            ("$adapter", task.RequestedAdapter),
            ("$status", task.Status),
            ("$now", IsoTime.ToIso(task.CreatedAt)),
            ("$max_attempts", task.MaxAttempts),
            ("$available_at", IsoTime.ToIso(task.AvailableAt)));
        RecordEvent("task_enqueued", task.TaskId, null, new JsonObject { ["kind"] = task.Kind, ["source"] = task.Source });
        return task with { Subject = string.IsNullOrEmpty(task.Subject) ? null : task.Subject };
    }
}

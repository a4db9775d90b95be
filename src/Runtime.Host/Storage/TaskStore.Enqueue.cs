using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;

namespace AgentRuntime.Host.Storage;

/// <summary>Enqueue and enqueue-if-new (spec §5.13).</summary>
internal sealed partial class TaskStore
{
    /// <summary>The largest payload accepted, in UTF-8 bytes of its compact JSON.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    /// <summary>Keeps the reference's wording inside the field-named message.</summary>
    internal const string DelayMinutesMessage = "expected a non-negative number (task schedule.delay_minutes must be a non-negative number)";

    /// <summary>JavaScript dates end at ±8.64e15 ms from the epoch; a later instant cannot be written as ISO text.</summary>
    private const double MaxJsEpochMilliseconds = 8.64e15;

    /// <summary>Served by <c>idx_tasks_source_status</c>.</summary>
    internal const string ActiveSourceSql = "SELECT 1 FROM tasks WHERE source = $source AND status IN ($a, $b, $c) LIMIT 1";

    private static readonly string[] ActiveStatuses = [TaskStatuses.Pending, TaskStatuses.Running, TaskStatuses.RetryableFailure];

    /// <summary>
    /// Validates, then inserts one <c>pending</c> task and its <c>task_enqueued</c> event in one
    /// transaction. Returns the stored task.
    /// </summary>
    /// <exception cref="TaskInputException">A value is invalid; nothing was written.</exception>
    public TaskRecord Enqueue(TaskInput input) => _db.InTransaction(() => Insert(Prepare(input)));

    /// <summary>
    /// Enqueues unless a task with the same <c>source</c> is <c>pending</c>, <c>running</c> or
    /// <c>retryable_failure</c>; then returns null. The check and the insert share one transaction,
    /// so two processes cannot both enqueue the same source.
    /// </summary>
    /// <exception cref="TaskInputException">A value is invalid; nothing was written.</exception>
    public TaskRecord? EnqueueIfNew(TaskInput input)
    {
        var task = Prepare(input);
        return _db.InTransaction(() => HasActiveTask(task.Source) ? null : Insert(task));
    }

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

    private TaskRecord Prepare(TaskInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrEmpty(input.Kind))
        {
            throw new TaskInputException("kind", "expected a non-empty string");
        }

        if (string.IsNullOrEmpty(input.Source))
        {
            throw new TaskInputException("source", "expected a non-empty string");
        }

        var payloadBytes = Encoding.UTF8.GetByteCount(JsJson.Serialize(input.Payload));
        if (payloadBytes > MaxPayloadBytes)
        {
            throw new TaskInputException("payload", $"too large ({payloadBytes} bytes; the limit is {MaxPayloadBytes})");
        }

        var maxAttempts = input.MaxAttempts ?? Options.MaxAttempts;
        if (maxAttempts < 1)
        {
            throw new TaskInputException("max_attempts", $"expected a positive integer, got {maxAttempts}");
        }

        var now = _time.GetUtcNow();
        var nowIso = IsoTime.ToIso(now);
        return new TaskRecord
        {
            TaskId = Guid.NewGuid().ToString(),
            Kind = input.Kind,
            Source = input.Source,
            Subject = input.Subject,
            Description = input.Description,
            Priority = input.Priority ?? 5,
            Payload = input.Payload,
            RequestedProfile = string.IsNullOrEmpty(input.RequestedProfile) ? Options.DefaultProfile : input.RequestedProfile,
            RequestedAdapter = input.RequestedAdapter ?? "",
            Status = TaskStatuses.Pending,
            CreatedAt = nowIso,
            UpdatedAt = nowIso,
            AttemptCount = 0,
            MaxAttempts = maxAttempts,
            AvailableAt = AvailableAt(input, now),
        };
    }

    /// <summary>Spec §5.13: a given date wins (an empty one counts as absent, as in JavaScript); else now plus the delay.</summary>
    private static string AvailableAt(TaskInput input, DateTimeOffset now)
    {
        if (!string.IsNullOrEmpty(input.AvailableAt))
        {
            return IsoTime.Normalize(input.AvailableAt)
                ?? throw new TaskInputException("available_at", $"invalid task available_at: {input.AvailableAt}");
        }

        if (input.DelayMinutes is not { } delay)
        {
            return IsoTime.ToIso(now);
        }

        if (!double.IsFinite(delay) || delay < 0)
        {
            throw new TaskInputException(
                "schedule.delay_minutes",
                $"{DelayMinutesMessage}, got {(double.IsFinite(delay) ? JsJson.FormatNumber(delay) : delay.ToString(CultureInfo.InvariantCulture))}");
        }

        // JavaScript date arithmetic: whole milliseconds, the fraction truncated.
        var target = Math.Truncate(now.ToUnixTimeMilliseconds() + (delay * 60_000));
        if (target > MaxJsEpochMilliseconds)
        {
            throw new TaskInputException(
                "schedule.delay_minutes",
                string.Format(CultureInfo.InvariantCulture, "{0}, got {1} (beyond the last representable date)", DelayMinutesMessage, JsJson.FormatNumber(delay)));
        }

        return IsoTime.ToIso(DateTimeOffset.FromUnixTimeMilliseconds((long)target));
    }

    private TaskRecord Insert(TaskRecord task)
    {
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
            ("$now", task.CreatedAt),
            ("$max_attempts", task.MaxAttempts),
            ("$available_at", task.AvailableAt));
        RecordEvent("task_enqueued", task.TaskId, null, new JsonObject { ["kind"] = task.Kind, ["source"] = task.Source });
        return task with { Subject = string.IsNullOrEmpty(task.Subject) ? null : task.Subject };
    }
}

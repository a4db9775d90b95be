using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using Serilog;

namespace AgentRuntime.Host.Schedules;

/// <summary>
/// Due-schedule evaluation with coalesced catch-up (spec §7.1): every enabled schedule whose
/// <c>next_run_at</c> has passed yields at most one task, for the oldest missed slot, and its next
/// run is one interval after the evaluation time, so missed slots are never replayed.
/// </summary>
internal sealed class ScheduleEvaluator(TaskStore tasks, TimeProvider time, ILogger? log = null)
{
    /// <summary>Served by <c>idx_schedules_due (enabled, next_run_at)</c>: ISO text sorts as time, to the millisecond.</summary>
    internal const string DueSql = "SELECT schedule_id FROM schedules WHERE enabled = 1 AND next_run_at <= $at ORDER BY next_run_at, name";

    /// <summary>
    /// Whether another schedule's tasks would carry the same base source (its task source, or
    /// <c>schedule:&lt;name&gt;</c> when that is empty). The schedules table is small; this is a scan of it.
    /// </summary>
    private const string SharedBaseSql = """
        SELECT 1 FROM schedules
        WHERE schedule_id <> $id
          AND COALESCE(NULLIF(CASE WHEN json_valid(task_json) THEN json_extract(task_json, '$.source') END, ''), 'schedule:' || name) = $base
        LIMIT 1
        """;

    private RuntimeDatabase Db => tasks.Database;

    /// <summary>Evaluates at <paramref name="at"/> (default now). Each schedule is handled in its own transaction.</summary>
    public ScheduleEvaluation Evaluate(DateTimeOffset? at = null)
    {
        // Milliseconds only, as the stored ISO text carries them.
        var instant = DateTimeOffset.FromUnixTimeMilliseconds((at ?? time.GetUtcNow()).ToUnixTimeMilliseconds());
        var atIso = IsoTime.ToIso(instant);
        var due = new List<string>();
        using (var command = Db.Command(DueSql, ("$at", atIso)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                due.Add(reader.GetString(0));
            }
        }

        var evaluated = 0;
        var taskIds = new List<string>();
        foreach (var id in due)
        {
            // Re-read under the write lock: a concurrent evaluator (schedule-tick beside run-once)
            // may have advanced this schedule already, and must not make a second task for it.
            (bool Evaluated, string? TaskId) outcome;
            try
            {
                outcome = Db.InTransaction(() => EvaluateOne(id, instant));
            }
            catch (Exception ex) when (ex is not Microsoft.Data.Sqlite.SqliteException)
            {
                // One broken schedule row (say, an interval too large to add) must not starve the
                // schedules due after it, every cycle: record it and go on.
                log?.Warning(ex, "Schedule {ScheduleId} could not be evaluated", id);
                tasks.RecordEvent("schedule_evaluation_failed", null, null, new JsonObject
                {
                    ["schedule_id"] = id,
                    ["error"] = $"{ex.GetType().Name}: {ex.Message}",
                });
                continue;
            }

            evaluated += outcome.Evaluated ? 1 : 0;
            if (outcome.TaskId is { } taskId)
            {
                taskIds.Add(taskId);
            }
        }

        return new ScheduleEvaluation(evaluated, taskIds);
    }

    private (bool Evaluated, string? TaskId) EvaluateOne(string scheduleId, DateTimeOffset at)
    {
        var atIso = IsoTime.ToIso(at);
        RecurringSchedule? schedule;
        using (var command = Db.Command(
            $"SELECT {ScheduleStore.Columns} FROM schedules WHERE schedule_id = $id AND enabled = 1 AND next_run_at <= $at",
            ("$id", scheduleId),
            ("$at", atIso)))
        using (var reader = command.ExecuteReader())
        {
            schedule = reader.Read() ? ScheduleStore.Read(reader) : null;
        }

        if (schedule is null)
        {
            return (false, null);
        }

        var dueAt = schedule.NextRunAt;
        string? taskId = null;
        try
        {
            var task = tasks.EnqueueIfNew(TaskFor(schedule, dueAt));
            if (task is not null)
            {
                taskId = task.TaskId;
                tasks.RecordEvent("schedule_task_created", task.TaskId, null, new JsonObject
                {
                    ["schedule_id"] = schedule.ScheduleId,
                    ["schedule_name"] = schedule.Name,
                    ["due_at"] = dueAt,
                });
            }
        }
        catch (TaskInputException ex)
        {
            // A stored task that no longer validates (hand-edited, or written by an older runtime)
            // must not stop the other schedules or the cycle; the slot still advances.
            log?.Warning("Schedule {ScheduleName} has an invalid task and created nothing: {Problem}", schedule.Name, ex.Message);
        }

        var next = IsoTime.ToIso(at.AddSeconds(schedule.IntervalSeconds));
        Db.Execute(
            "UPDATE schedules SET last_run_at = $at, next_run_at = $next, updated_at = $now WHERE schedule_id = $id",
            ("$at", atIso),
            ("$next", next),
            ("$now", IsoTime.Now(time)),
            ("$id", schedule.ScheduleId));
        return (true, taskId);
    }

    private TaskInput TaskFor(RecurringSchedule schedule, string dueAt)
    {
        var json = (JsonObject)schedule.Task.DeepClone();
        json["source"] = SourceFor(schedule, dueAt);
        return TaskInputParser.Parse(json);
    }

    /// <summary>
    /// The reference source is <c>&lt;task.source or schedule:&lt;name&gt;&gt;:&lt;dueAt&gt;</c>. Two
    /// schedules whose tasks share that base and fall due at the same instant would then get the
    /// same source, and enqueue-if-new would silently drop the second one's task (ARCHITECTURE §8).
    /// Fix: when another schedule shares the base, the schedule's (unique) name is inserted —
    /// <c>&lt;base&gt;:&lt;name&gt;:&lt;dueAt&gt;</c>. A schedule with a base of its own keeps the
    /// reference format, so sources written by the Bun runtime keep their meaning.
    /// </summary>
    internal string SourceFor(RecurringSchedule schedule, string dueAt)
    {
        var stored = schedule.Task["source"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        var baseSource = stored.Length > 0 ? stored : $"schedule:{schedule.Name}";
        var shared = Db.Scalar(SharedBaseSql, ("$id", schedule.ScheduleId), ("$base", baseSource)) is not null;
        return shared ? $"{baseSource}:{schedule.Name}:{dueAt}" : $"{baseSource}:{dueAt}";
    }
}

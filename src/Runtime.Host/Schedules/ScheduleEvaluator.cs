using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
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
    private readonly ScheduleStore _schedules = new(tasks, time);

    /// <summary>Evaluates at <paramref name="at"/> (default now). Each schedule is handled in its own transaction.</summary>
    public ScheduleEvaluation Evaluate(DateTimeOffset? at = null)
    {
        // Milliseconds only, as the stored ISO text carries them.
        var instant = DateTimeOffset.FromUnixTimeMilliseconds((at ?? time.GetUtcNow()).ToUnixTimeMilliseconds());
        var atIso = IsoTime.ToIso(instant);
        var due = _schedules.DueIds(atIso);
        var failing = due.Count == 0 ? [] : EvaluationLedger.Schedules.Failing(tasks);

        var evaluated = 0;
        var taskIds = new List<string>();
        foreach (var id in due)
        {
            // Re-read under the write lock: a concurrent evaluator (schedule-tick beside run-once)
            // may have advanced this schedule already, and must not make a second task for it.
            (bool Evaluated, string? TaskId) outcome;
            try
            {
                outcome = _schedules.FireIfDue(id, instant, Fire);
                EvaluationLedger.Schedules.RecordRecovery(tasks, failing, JsonValue.Create(id));
            }
            catch (Exception ex) when (!StoreFailure.Is(ex))
            {
                // One broken schedule row (say, an interval too large to add) must not starve the
                // schedules due after it, every cycle: record it once per distinct error and go on.
                log?.Warning(ex, "Schedule {ScheduleId} could not be evaluated", id);
                EvaluationLedger.Schedules.RecordFailure(tasks, failing, JsonValue.Create(id), $"{ex.GetType().Name}: {ex.Message}");
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

    /// <summary>Enqueues the schedule's task for its due slot (inside the firing's unit of work); null when none was created.</summary>
    private string? Fire(RecurringSchedule schedule)
    {
        var dueAt = IsoTime.ToIso(schedule.NextRunAt);
        try
        {
            var task = tasks.EnqueueIfNew(TaskInputValidator.Validate(TaskFor(schedule, dueAt), tasks.Options, time.GetUtcNow()));
            if (task is null)
            {
                return null;
            }

            tasks.RecordEvent("schedule_task_created", task.TaskId, null, new JsonObject
            {
                ["schedule_id"] = schedule.ScheduleId,
                ["schedule_name"] = schedule.Name,
                ["due_at"] = dueAt,
            });
            return task.TaskId;
        }
        catch (TaskInputException ex)
        {
            // A stored task that no longer validates (hand-edited, or written by an older runtime)
            // must not stop the other schedules or the cycle; the slot still advances.
            log?.Warning("Schedule {ScheduleName} has an invalid task and created nothing: {Problem}", schedule.Name, ex.Message);
            return null;
        }
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
        var shared = _schedules.SharesBaseSource(schedule.ScheduleId, baseSource);
        return shared ? $"{baseSource}:{schedule.Name}:{dueAt}" : $"{baseSource}:{dueAt}";
    }
}

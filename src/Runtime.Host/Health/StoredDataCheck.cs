using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Health;

/// <summary>
/// Rows already in the database that the dispatcher can only skip (written by hand, by an older
/// runtime or by the Bun runtime): an active workflow whose template or state does not exist or
/// whose context is not a JSON object, one whose state's task cannot be built from its context or
/// whose last evaluation failed, an enabled schedule whose task can never be queued or whose
/// interval is not a positive integer. The phases
/// report and skip them; <c>healthcheck</c> lists them so an operator sees them.
/// </summary>
internal static class StoredDataCheck
{
    /// <param name="activeWorkflows">The active workflows.</param>
    /// <param name="schedules">Every schedule.</param>
    /// <param name="failingEvaluations">The workflows whose last recorded evaluation failed, with the error, by id.</param>
    /// <param name="failingSchedules">The schedules whose last recorded evaluation failed, with the error, by id.</param>
    /// <param name="options">The queue defaults a workflow's task is validated with.</param>
    /// <param name="now">The instant a workflow's task is built at.</param>
    public static IReadOnlyList<string> Issues(
        IEnumerable<WorkflowRecord> activeWorkflows,
        IEnumerable<RecurringSchedule> schedules,
        IReadOnlyDictionary<string, string> failingEvaluations,
        IReadOnlyDictionary<string, string> failingSchedules,
        TaskStoreOptions options,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activeWorkflows);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(failingEvaluations);
        ArgumentNullException.ThrowIfNull(failingSchedules);
        var issues = new List<string>();
        foreach (var workflow in activeWorkflows)
        {
            var name = $"workflow {workflow.Id} ({workflow.InstanceKey})";
            var template = WorkflowTemplates.Find(workflow.Template);
            var state = template?.State(workflow.CurrentState);
            if (template is null)
            {
                issues.Add($"{name}: unknown template {workflow.Template}; it is never evaluated");
            }
            else if (state is null)
            {
                issues.Add($"{name}: {workflow.CurrentState} is not a state of {workflow.Template}; it never advances");
            }

            if (workflow.ContextJson is { } context && ContextProblem(context) is { } problem)
            {
                issues.Add($"{name}: context_json {problem}; it reads as an empty context");
            }

            var evaluation = (state is null ? null : ActionProblem(workflow, state, options, now)) ?? failingEvaluations.GetValueOrDefault(workflow.Id.ToString(CultureInfo.InvariantCulture));
            if (evaluation is not null)
            {
                issues.Add($"{name}: evaluation fails ({evaluation}); it is skipped on every cycle");
            }
        }

        foreach (var schedule in schedules.Where(s => s.Enabled))
        {
            if (schedule.IntervalSeconds < 1)
            {
                issues.Add($"schedule {schedule.Name}: interval_seconds is not a positive integer; it never fires");
            }

            var task = (JsonObject)schedule.Task.DeepClone();
            task["source"] = "schedule";
            try
            {
                TaskInputParser.Parse(task);
            }
            catch (TaskInputException ex)
            {
                issues.Add($"schedule {schedule.Name}: task.{ex.Message}; it creates nothing when due");
            }

            if (failingSchedules.TryGetValue(schedule.ScheduleId, out var error))
            {
                issues.Add($"schedule {schedule.Name}: evaluation fails ({error}); it is skipped on every cycle");
            }
        }

        return issues;
    }

    /// <summary>Builds the task the state queues, writing nothing; the error when it cannot be built.</summary>
    private static string? ActionProblem(WorkflowRecord workflow, WorkflowStateDefinition state, TaskStoreOptions options, DateTimeOffset now)
    {
        if (state.Action is null)
        {
            return null;
        }

        try
        {
            WorkflowEngine.BuildTask(workflow, state, workflow.Context(), options, now);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.Message;
        }
    }

    private static string? ContextProblem(string context)
    {
        try
        {
            return JsJson.ParseStored(context) is JsonObject ? null : "is not a JSON object";
        }
        catch (JsonException ex)
        {
            return $"is not valid JSON ({ex.Message})";
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Health;

/// <summary>
/// Rows already in the database that the dispatcher can only skip (written by hand, by an older
/// runtime or by the Bun runtime): an active workflow whose template or state does not exist or
/// whose context is not a JSON object, an enabled schedule whose task can never be queued. The
/// phases report and skip them; <c>healthcheck</c> lists them so an operator sees them.
/// </summary>
internal static class StoredDataCheck
{
    public static IReadOnlyList<string> Issues(IEnumerable<WorkflowRecord> activeWorkflows, IEnumerable<RecurringSchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(activeWorkflows);
        ArgumentNullException.ThrowIfNull(schedules);
        var issues = new List<string>();
        foreach (var workflow in activeWorkflows)
        {
            var name = $"workflow {workflow.Id} ({workflow.InstanceKey})";
            if (WorkflowTemplates.Find(workflow.Template) is not { } template)
            {
                issues.Add($"{name}: unknown template {workflow.Template}; it is never evaluated");
            }
            else if (template.State(workflow.CurrentState) is null)
            {
                issues.Add($"{name}: {workflow.CurrentState} is not a state of {workflow.Template}; it never advances");
            }

            if (workflow.ContextJson is { } context && ContextProblem(context) is { } problem)
            {
                issues.Add($"{name}: context_json {problem}; it reads as an empty context");
            }
        }

        foreach (var schedule in schedules.Where(s => s.Enabled))
        {
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
        }

        return issues;
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

using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// The pre-claim phases of every cycle, in the reference order: due schedules, then workflow
/// evaluation, then substrate intake. Each registers itself here as it lands.
/// </summary>
internal static class CyclePhases
{
    public static void AddTo(DispatchCycle cycle, RuntimeCore host)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(host);
        cycle.PreClaimPhases.Add(new CyclePhase("schedules", _ =>
        {
            var evaluation = new ScheduleEvaluator(host.Tasks, host.Time, host.Log).Evaluate();
            if (evaluation.SchedulesEvaluated > 0)
            {
                host.RunLog.Write("schedule_evaluation", new JsonObject
                {
                    ["schedules_evaluated"] = evaluation.SchedulesEvaluated,
                    ["tasks_created"] = evaluation.TasksCreated,
                });
            }

            return Task.CompletedTask;
        }));
        cycle.PreClaimPhases.Add(new CyclePhase("workflows", _ =>
        {
            var evaluation = new WorkflowEngine(new WorkflowStore(host.Tasks, host.Time), host.Time).EvaluateAll();
            if (evaluation.WorkflowsEvaluated > 0)
            {
                host.RunLog.Write("workflow_evaluation", new JsonObject
                {
                    ["workflows_evaluated"] = evaluation.WorkflowsEvaluated,
                    ["tasks_created"] = evaluation.TasksCreated,
                });
            }

            return Task.CompletedTask;
        }));
    }
}

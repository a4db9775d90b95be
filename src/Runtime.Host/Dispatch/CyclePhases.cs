using System.Text.Json.Nodes;
using AgentRuntime.Host.Logging;
using AgentRuntime.Host.Schedules;
using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Dispatch;

/// <summary>
/// The pre-claim phases of every cycle, in the reference order: due schedules, then workflow
/// evaluation, then substrate intake. Each registers itself here as it lands. A phase is given
/// how to evaluate, not an evaluator bound to a connection, so each run takes a connection of
/// its own from the queue port for its units of work and holds none between cycles.
/// </summary>
internal static class CyclePhases
{
    public static void AddTo(DispatchCycle cycle, Func<ScheduleEvaluation> schedules, Func<WorkflowEvaluation> workflows, RunLog runLog)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(workflows);
        ArgumentNullException.ThrowIfNull(runLog);
        cycle.PreClaimPhases.Add(new CyclePhase("schedules", _ =>
        {
            var evaluation = schedules();
            if (evaluation.SchedulesEvaluated > 0)
            {
                runLog.Write("schedule_evaluation", new JsonObject
                {
                    ["schedules_evaluated"] = evaluation.SchedulesEvaluated,
                    ["tasks_created"] = evaluation.TasksCreated,
                });
            }

            return Task.CompletedTask;
        }));
        cycle.PreClaimPhases.Add(new CyclePhase("workflows", _ =>
        {
            var evaluation = workflows();
            if (evaluation.WorkflowsEvaluated > 0)
            {
                runLog.Write("workflow_evaluation", new JsonObject
                {
                    ["workflows_evaluated"] = evaluation.WorkflowsEvaluated,
                    ["tasks_created"] = evaluation.TasksCreated,
                });
            }

            return Task.CompletedTask;
        }));
    }
}

using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Workflows;

/// <summary>Auto-transitions, the context patch, the unresolved-signal park, and the state's task lookups.</summary>
internal sealed partial class WorkflowEngine
{
    /// <summary>Spec §7.3 step 4: transition when the completed task's signal names a next state.</summary>
    private bool TryTransition(WorkflowRecord workflow, WorkflowTemplate template, WorkflowStateDefinition state, JsonObject context, TaskRecord completed)
    {
        var signal = SignalResolver.Resolve(state, completed);
        var next = state.Next(signal);
        if (next is null)
        {
            return false;
        }

        var merged = (JsonObject)context.DeepClone();
        foreach (var (key, value) in ContextPatch(context, completed, signal, next))
        {
            merged[key] = value?.DeepClone();
        }

        merged[StateEnteredAtKey] = Now();
        store.Transition(workflow.Id, next, merged);
        if (template.State(next)?.IsTerminal == true)
        {
            store.Complete(workflow.Id);
        }

        return true;
    }

    /// <summary>The context patch every template's transition applies, in the reference key order.</summary>
    private static JsonObject ContextPatch(JsonObject context, TaskRecord completed, string signal, string next)
    {
        var current = JsValues.PositiveNumber(context["execution_iteration"]) ?? 1;
        var iteration = next == "verify" ? current : signal == "continue" ? current + 1 : current;
        var proposal = JsValues.String(completed.Payload["proposal_artifact"]);
        return new JsonObject
        {
            ["last_completed_task_id"] = completed.TaskId,
            ["last_completed_task_kind"] = completed.Kind,
            ["last_completed_task_at"] = IsoTime.ToIso(completed.UpdatedAt),
            ["last_workflow_signal"] = signal.Length > 0 ? signal : null,
            ["execution_iteration"] = iteration,
            ["plan_artifact"] = proposal is not null ? proposal : JsValues.Coalesce(context, "plan_artifact", null),
            ["base_name"] = JsValues.Coalesce(context, "base_name", GoalLoopTemplate.BaseFromPlan(proposal)),
        };
    }

    /// <summary>
    /// Fix of spec B2. The reference fell through to the action here, and since a completed task
    /// does not block enqueue-if-new it queued a new verify task every cycle, starving other work.
    /// The state is parked instead, with one <see cref="SignalUnresolvedEvent"/> per task, until an
    /// operator runs <c>workflow-transition</c> (or a newer task of the state resolves).
    /// </summary>
    private void ParkUnresolved(WorkflowRecord workflow, WorkflowStateDefinition state, TaskRecord completed)
    {
        if (Tasks.CountEvents(completed.TaskId, SignalUnresolvedEvent) > 0)
        {
            return;
        }

        var signal = JsValues.String(completed.Outcome?["workflow_signal"]);
        Tasks.RecordEvent(SignalUnresolvedEvent, completed.TaskId, null, new JsonObject
        {
            ["workflow_id"] = workflow.Id,
            ["workflow_state"] = state.Name,
            ["task_kind"] = completed.Kind,
            ["workflow_signal"] = signal,
            ["accepted_signals"] = new JsonArray([.. state.On.Select(pair => (JsonNode?)JsonValue.Create(pair.Key))]),
        });
    }

    private TaskRecord? LatestTask(string source, string? since, IReadOnlyList<string>? completedKinds) => Tasks.LatestForSource(source, since, completedKinds);
}

using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Host.Workflows;

/// <summary>
/// Evaluates every active workflow once (spec §7.3): complete on a completion kind, auto-transition
/// on an auto kind, park on an operator cancel, requeue (at most twice per state) or park after a
/// failure, and otherwise run the state's action as an enqueue-if-new task with source
/// <c>workflow:&lt;id&gt;:&lt;state&gt;</c>. Each workflow is evaluated in its own transaction.
/// </summary>
internal sealed partial class WorkflowEngine(WorkflowStore store, TimeProvider time)
{
    /// <summary>
    /// Context key holding when the current state was entered (set by every transition, engine or
    /// CLI). Tasks of the state created before it belong to an earlier visit and are ignored: the
    /// fix of spec B1, where re-entering <c>execute</c> after <c>continue</c> re-used the previous
    /// iteration's completed task and ping-ponged without running new work. Workflows written by
    /// the Bun runtime lack the key and are evaluated as before.
    /// </summary>
    public const string StateEnteredAtKey = "state_entered_at";

    /// <summary>Recorded once per task when a completed task's signal selects no transition (fix of spec B2).</summary>
    public const string SignalUnresolvedEvent = "workflow_signal_unresolved";

    private const int MaxRequeuesPerState = 2;

    private TaskStore Tasks => store.Tasks;

    public WorkflowEvaluation EvaluateAll()
    {
        var active = store.ListActive();
        var failing = active.Count == 0 ? [] : EvaluationLedger.Workflows.Failing(Tasks);
        var created = 0;
        foreach (var workflow in active)
        {
            try
            {
                created += store.Update(workflow.Id, current => EvaluateOne(workflow.Id, current));
                EvaluationLedger.Workflows.RecordRecovery(Tasks, failing, JsonValue.Create(workflow.Id));
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !StoreFailure.Is(ex))
            {
                // One row that cannot be evaluated (a context another writer stored, say a
                // requested_profile that is not a string) is reported and skipped: it used to fail
                // the phase on every cycle, so no workflow advanced again. Its transaction rolled back.
                EvaluationLedger.Workflows.RecordFailure(Tasks, failing, JsonValue.Create(workflow.Id), ex.Message);
            }
        }

        return new WorkflowEvaluation(active.Count, created);
    }

    /// <summary>Evaluates one workflow, as re-read under the write lock, and returns how many tasks it created.</summary>
    private int EvaluateOne(long id, WorkflowRecord? workflow)
    {
        if (workflow is null || workflow.CompletedAt is not null)
        {
            return 0;
        }

        var template = WorkflowTemplates.Find(workflow.Template);
        if (template is null)
        {
            Tasks.RecordEvent("workflow_unknown_template", null, null, new JsonObject { ["workflow_id"] = id, ["template"] = workflow.Template });
            return 0;
        }

        var state = template.State(workflow.CurrentState) ?? new WorkflowStateDefinition { Name = workflow.CurrentState };
        var context = workflow.Context();
        var source = Source(id, state.Name);
        var since = JsValues.String(context[StateEnteredAtKey]);
        var latest = LatestTask(source, since, null);
        var completed = LatestTask(source, since, [.. state.CompletionKinds, .. state.Auto.Keys]);
        if (completed is not null && state.CompletionKinds.Contains(completed.Kind))
        {
            store.Complete(id);
            Tasks.RecordEvent("workflow_completed_from_task", completed.TaskId, null, Detail(id, state.Name, ("task_kind", completed.Kind)));
            return 0;
        }

        if (completed is not null && state.Auto.ContainsKey(completed.Kind))
        {
            if (!TryTransition(workflow, template, state, context, completed))
            {
                ParkUnresolved(workflow, state, completed);
            }

            return 0;
        }

        if (latest?.Status == TaskStatuses.OperatorCanceled)
        {
            Tasks.RecordEvent("workflow_state_operator_canceled", latest.TaskId, null, Detail(id, state.Name));
            return 0;
        }

        if (latest?.Status is TaskStatuses.Blocked or TaskStatuses.PermanentFailure && !Requeue(workflow, template, state.Name, context, latest))
        {
            return 0;
        }

        return RunAction(workflow, state, context);
    }

    /// <summary>Spec §7.3 step 6: whether a failed state may run again; when it may, its retry count is raised.</summary>
    private bool Requeue(WorkflowRecord workflow, WorkflowTemplate template, string state, JsonObject context, TaskRecord failed)
    {
        if (!template.RequeueFailedTasks)
        {
            Tasks.RecordEvent("workflow_state_retry_disabled", failed.TaskId, null, Detail(workflow.Id, state, ("prior_task_status", failed.Status)));
            return false;
        }

        var counts = context["state_retry_counts"] as JsonObject;
        var retryCount = JsValues.PositiveNumber(counts?[state]) ?? 0;
        if (retryCount >= MaxRequeuesPerState)
        {
            Tasks.RecordEvent("workflow_state_retry_limit_reached", failed.TaskId, null, Detail(workflow.Id, state, ("retry_count", retryCount)));
            return false;
        }

        var updatedCounts = (JsonObject?)counts?.DeepClone() ?? [];
        updatedCounts[state] = retryCount + 1;
        var updated = (JsonObject)context.DeepClone();
        updated["state_retry_counts"] = updatedCounts;
        store.Transition(workflow.Id, state, updated);
        Tasks.RecordEvent(
            "workflow_state_requeued_after_failure",
            failed.TaskId,
            null,
            Detail(workflow.Id, state, ("prior_task_status", failed.Status), ("retry_count", retryCount + 1)));
        return true;
    }

    private int RunAction(WorkflowRecord workflow, WorkflowStateDefinition state, JsonObject context)
    {
        if (state.Action is null)
        {
            return 0;
        }

        var task = Tasks.EnqueueIfNew(BuildTask(workflow, state, context, Tasks.Options, time.GetUtcNow()));
        if (task is null)
        {
            return 0;
        }

        Tasks.RecordEvent("workflow_task_created", task.TaskId, null, Detail(workflow.Id, state.Name));
        return 1;
    }

    /// <summary>
    /// The task a state's action queues, validated as any intake is. Also run without a write by
    /// <c>healthcheck</c>, so a row that fails only here is listed before a cycle trips on it.
    /// </summary>
    /// <exception cref="TaskInputException">The action built an invalid task.</exception>
    public static NewTask BuildTask(WorkflowRecord workflow, WorkflowStateDefinition state, JsonObject context, TaskStoreOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(state);
        var json = state.Action!(context, now);
        json["source"] = Source(workflow.Id, state.Name);
        var payload = (JsonObject)json["payload"]!;
        payload["workflow_id"] = workflow.Id;
        payload["workflow_template"] = workflow.Template;
        payload["workflow_state"] = state.Name;
        payload["workflow_instance_key"] = workflow.InstanceKey;
        // Through text, so the parser sees JSON values rather than the CLR numbers the template built.
        return TaskInputValidator.Validate(TaskInputParser.Parse(JsJson.Parse(JsJson.Serialize(json))), options, now);
    }

    public static string Source(long workflowId, string state) => $"workflow:{workflowId}:{state}";

    private static JsonObject Detail(long workflowId, string state, params (string Key, JsonNode? Value)[] extra)
    {
        var detail = new JsonObject { ["workflow_id"] = workflowId, ["workflow_state"] = state };
        foreach (var (key, value) in extra)
        {
            detail[key] = value;
        }

        return detail;
    }

    private string Now() => IsoTime.Now(time);
}

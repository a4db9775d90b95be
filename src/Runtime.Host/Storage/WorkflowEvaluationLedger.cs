using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// Which active workflows are failing evaluation, as their run events say: a failure is recorded
/// once per workflow and distinct error, and a recovery once when it evaluates again, so a bad row
/// no longer adds an event on every cycle (a resident runtime added thousands a day) and
/// <c>healthcheck</c> can list the workflows still failing.
/// </summary>
internal static class WorkflowEvaluationLedger
{
    public const string FailedEvent = "workflow_evaluation_failed";

    public const string RecoveredEvent = "workflow_evaluation_recovered";

    // The events carry no task id: the (task_id, attempt_id, id) index narrows the scan to task-less events.
    private const string LedgerSql = $"""
        SELECT event_type, json_extract(detail_json, '$.workflow_id'), json_extract(detail_json, '$.error') FROM run_events
        WHERE task_id IS NULL AND event_type IN ('{FailedEvent}', '{RecoveredEvent}') AND json_valid(detail_json)
        ORDER BY id
        """;

    /// <summary>The workflows whose latest evaluation event is a failure, with that failure's error.</summary>
    public static IReadOnlyDictionary<long, string> Failing(TaskStore tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var failing = new Dictionary<long, string>();
        using var command = tasks.Database.Command(LedgerSql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(1) || reader.GetValue(1) is not long id)
            {
                continue;
            }

            if (reader.GetString(0) == FailedEvent)
            {
                failing[id] = reader.GetValue(2) as string ?? "";
            }
            else
            {
                failing.Remove(id);
            }
        }

        return failing;
    }

    /// <summary>Records the failure unless the workflow's latest recorded failure is the same error.</summary>
    public static void RecordFailure(TaskStore tasks, IReadOnlyDictionary<long, string> failing, long workflowId, string error)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(failing);
        if (failing.TryGetValue(workflowId, out var recorded) && recorded == error)
        {
            return;
        }

        tasks.RecordEvent(FailedEvent, null, null, new JsonObject { ["workflow_id"] = workflowId, ["error"] = error });
    }

    /// <summary>Records that a workflow with a recorded failure evaluated again.</summary>
    public static void RecordRecovery(TaskStore tasks, IReadOnlyDictionary<long, string> failing, long workflowId)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(failing);
        if (failing.ContainsKey(workflowId))
        {
            tasks.RecordEvent(RecoveredEvent, null, null, new JsonObject { ["workflow_id"] = workflowId });
        }
    }
}

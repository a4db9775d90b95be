using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>
/// Which rows of one kind (workflows, schedules) are failing evaluation, as their run events say: a
/// failure is recorded once per row and distinct error, and a recovery once when it evaluates again,
/// so a bad row no longer adds an event on every cycle (a resident runtime added thousands a day)
/// and <c>healthcheck</c> can list the rows still failing.
/// </summary>
internal sealed class EvaluationLedger
{
    /// <summary>Active workflows: <c>workflow_evaluation_failed</c> / <c>workflow_evaluation_recovered</c>, keyed by <c>workflow_id</c>.</summary>
    public static readonly EvaluationLedger Workflows = new("workflow_evaluation_failed", "workflow_evaluation_recovered", "workflow_id");

    /// <summary>Due schedules: <c>schedule_evaluation_failed</c> / <c>schedule_evaluation_recovered</c>, keyed by <c>schedule_id</c>.</summary>
    public static readonly EvaluationLedger Schedules = new("schedule_evaluation_failed", "schedule_evaluation_recovered", "schedule_id");

    private readonly string _keyField;

    private readonly string _ledgerSql;

    private EvaluationLedger(string failedEvent, string recoveredEvent, string keyField)
    {
        FailedEvent = failedEvent;
        RecoveredEvent = recoveredEvent;
        _keyField = keyField;
        // The events carry no task id: the (task_id, attempt_id, id) index narrows the scan to task-less events.
        _ledgerSql = $"""
            SELECT event_type, CAST(json_extract(detail_json, '$.{keyField}') AS TEXT), json_extract(detail_json, '$.error') FROM run_events
            WHERE task_id IS NULL AND event_type IN ('{failedEvent}', '{recoveredEvent}') AND json_valid(detail_json)
            ORDER BY id
            """;
    }

    public string FailedEvent { get; }

    public string RecoveredEvent { get; }

    /// <summary>The rows whose latest evaluation event is a failure, with that failure's error.</summary>
    public Dictionary<string, string> Failing(TaskStore tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var failing = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = tasks.Database.Command(_ledgerSql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(1))
            {
                continue;
            }

            var key = reader.GetString(1);
            if (reader.GetString(0) == FailedEvent)
            {
                failing[key] = reader.GetValue(2) as string ?? "";
            }
            else
            {
                failing.Remove(key);
            }
        }

        return failing;
    }

    /// <summary>Records the failure unless the row's latest recorded failure is the same error; <paramref name="failing"/> follows.</summary>
    public void RecordFailure(TaskStore tasks, Dictionary<string, string> failing, JsonNode key, string error)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(failing);
        ArgumentNullException.ThrowIfNull(key);
        var text = KeyText(key);
        if (failing.TryGetValue(text, out var recorded) && recorded == error)
        {
            return;
        }

        tasks.RecordEvent(FailedEvent, null, null, new JsonObject { [_keyField] = key.DeepClone(), ["error"] = error });
        failing[text] = error;
    }

    /// <summary>Records that a row with a recorded failure evaluated again; <paramref name="failing"/> follows.</summary>
    public void RecordRecovery(TaskStore tasks, Dictionary<string, string> failing, JsonNode key)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(failing);
        ArgumentNullException.ThrowIfNull(key);
        if (failing.Remove(KeyText(key)))
        {
            tasks.RecordEvent(RecoveredEvent, null, null, new JsonObject { [_keyField] = key.DeepClone() });
        }
    }

    /// <summary>The key as SQLite's <c>CAST(... AS TEXT)</c> of the stored JSON value reads it.</summary>
    public static string KeyText(JsonNode key) => key.GetValueKind() == System.Text.Json.JsonValueKind.String ? key.GetValue<string>() : key.ToJsonString();
}

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>
/// Rows written straight into the database, as the Bun runtime, a sibling or an operator with
/// sqlite3 might: duplicate-key and invalid JSON, wrong types, bad dates, unknown profiles and
/// adapters, huge values and states that do not exist. Each is (case name, SQL, whether
/// <c>healthcheck</c> lists it under <c>dataIssues</c>).
/// </summary>
internal static class StoredRowCases
{
    private const string Past = "2026-01-01T00:00:00.000Z";

    private static readonly string Huge = new('h', 2 * 1024 * 1024);

    public static TheoryData<string, string, bool> All
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (var (name, sql, listed) in Cases())
            {
                data.Add(name, sql, listed);
            }

            return data;
        }
    }

    public static IEnumerable<(string Name, string Sql, bool Listed)> Cases()
    {
        yield return ("task payload with a repeated key", Task("payload_json", """'{"a":1,"a":2}'"""), false);
        yield return ("task payload not JSON", Task("payload_json", "'not json'"), false);
        yield return ("task payload an array", Task("payload_json", "'[1,2]'"), false);
        yield return ("task payload with a lone surrogate", Task("payload_json", """'{"a":"\ud800"}'"""), false);
        yield return ("task payload of 2 MB", Task("payload_json", $"'{{\"x\":\"{Huge}\"}}'"), false);
        yield return ("task for an unknown profile", Task("requested_profile", "'ghost'"), false);
        yield return ("task for an unknown adapter", Task("requested_adapter", "'no-such-adapter'"), false);
        yield return ("task with an empty kind", Task("kind", "''"), false);
        yield return ("task available_at not a date", Task("available_at", "'not-a-date'"), true);
        yield return ("task created_at not a date", Task("created_at", "'yesterday'"), false);
        yield return ("task priority text", Task("priority", "'high'"), false);
        yield return ("task max_attempts text", Task("max_attempts", "'many'"), false);
        yield return ("task max_attempts negative", Task("max_attempts", "-1"), false);
        yield return ("task attempts beyond its limit", Task("attempt_count", "99"), false);
        yield return ("task in a status that does not exist", Task("status", "'weird'"), true);
        yield return ("task running with no attempt", Task("status", "'running'"), false);
        yield return ("workflow context with a repeated key", Workflow("context_json", """'{"a":1,"a":2}'"""), false);
        yield return ("workflow context not JSON", Workflow("context_json", "'{not json'"), true);
        yield return ("workflow of an unknown template", Workflow("template", "'no-such-template'"), true);
        yield return ("workflow in a state its template lacks", Workflow("current_state", "'nowhere'"), true);
        yield return ("workflow context whose task is too large", Workflow("context_json", $"'{{\"objective\":\"{Huge}\"}}'"), true);
        yield return ("workflow context with an unknown profile", Workflow("context_json", """'{"requested_profile":"ghost"}'"""), false);
        yield return ("workflow context with a profile of the wrong type", Workflow("context_json", """'{"requested_profile":7}'"""), false);
        yield return ("workflow updated_at not a date", Workflow("updated_at", "'bad-date'"), false);
        yield return ("workflow retry counts of the wrong type", Workflow("context_json", """'{"state_retry_counts":"many","state_entered_at":12}'"""), false);
        yield return ("schedule task not JSON", Schedule("task_json", "'not json'"), true);
        yield return ("schedule task of the wrong type", Schedule("task_json", """'{"kind":7,"payload":{}}'"""), true);
        yield return ("schedule next_run_at not a date", Schedule("next_run_at", "'soon'"), false);
        yield return ("schedule interval negative", Schedule("interval_seconds", "-5"), true);
        yield return ("schedule interval text", Schedule("interval_seconds", "'hourly'"), true);
        yield return ("schedule enabled text", Schedule("enabled", "'yes'"), false);
        yield return ("sensor event payload not JSON", SensorEvent("payload_json", "'not json'"), false);
        yield return ("sensor event observed_at not a date", SensorEvent("observed_at", "'then'"), false);
        yield return ("run event detail not JSON", $"INSERT INTO run_events (event_type, task_id, attempt_id, detail_json, created_at) VALUES ('odd', NULL, NULL, 'garbage', 'bad-date')", false);
        yield return ("attempt running for a task that does not exist", $"INSERT INTO task_attempts (attempt_id, task_id, adapter_id, adapter_kind, runner_id, status, started_at) VALUES ('ghost-attempt', 'ghost-task', 'script-ok', 'script', 'vm:1:{Past}', 'running', '{Past}')", false);
    }

    /// <summary>A pending task, due, with <paramref name="column"/> set to <paramref name="value"/> (an SQL literal).</summary>
    private static string Task(string column, string value) => Insert(
        "tasks",
        new()
        {
            ["task_id"] = "'hostile-task'", ["kind"] = "'k'", ["source"] = "'sql'", ["priority"] = "9", ["payload_json"] = "'{}'",
            ["requested_profile"] = "'tester'", ["requested_adapter"] = "''", ["status"] = "'pending'", ["created_at"] = $"'{Past}'",
            ["updated_at"] = $"'{Past}'", ["attempt_count"] = "0", ["max_attempts"] = "2", ["available_at"] = $"'{Past}'",
        },
        column,
        value);

    private static string Workflow(string column, string value) => Insert(
        "workflows",
        new()
        {
            ["template"] = "'goal-loop'", ["instance_key"] = "'hostile-workflow'", ["current_state"] = "'plan'", ["context_json"] = "'{}'",
            ["created_at"] = $"'{Past}'", ["updated_at"] = $"'{Past}'",
        },
        column,
        value);

    private static string Schedule(string column, string value) => Insert(
        "schedules",
        new()
        {
            ["schedule_id"] = "'hostile-schedule'", ["name"] = "'hostile'", ["enabled"] = "1", ["interval_seconds"] = "60", ["next_run_at"] = $"'{Past}'",
            ["task_json"] = """'{"kind":"scheduled","payload":{}}'""", ["created_at"] = $"'{Past}'", ["updated_at"] = $"'{Past}'",
        },
        column,
        value);

    private static string SensorEvent(string column, string value) => Insert(
        "sensor_events",
        new()
        {
            ["sensor_event_id"] = "'hostile-sensor-event'", ["sensor_id"] = "'s'", ["event_id"] = "'hostile-event'", ["observed_at"] = $"'{Past}'", ["source_ref"] = "'r'",
            ["dedupe_key"] = "'hostile'", ["payload_json"] = "'{}'", ["created_at"] = $"'{Past}'",
        },
        column,
        value);

    private static string Insert(string table, Dictionary<string, string> row, string column, string value)
    {
        row[column] = value;
        return $"INSERT INTO {table} ({string.Join(", ", row.Keys)}) VALUES ({string.Join(", ", row.Values)})";
    }
}

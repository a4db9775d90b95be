using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Schedules;

/// <summary>Upsert and read recurring schedules (spec §7.1) over the task store's connection.</summary>
internal sealed class ScheduleStore(TaskStore tasks, TimeProvider time)
{
    internal const string Columns = "schedule_id, name, enabled, interval_seconds, next_run_at, last_run_at, task_json, created_at, updated_at";

    private RuntimeDatabase Db => tasks.Database;

    /// <summary>
    /// Inserts a schedule, or updates the one with the same name (keeping its id, creation time and
    /// last run), and records <c>schedule_upserted</c>, in one transaction. Deliberate fix of
    /// spec B22: a re-upsert without <c>next_run_at</c> keeps the stored one instead of making the
    /// schedule due now; a new schedule without one is due now.
    /// </summary>
    public RecurringSchedule Upsert(ScheduleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Db.InTransaction(() =>
        {
            var now = IsoTime.Now(time);
            Db.Execute(
                """
                INSERT INTO schedules (schedule_id, name, enabled, interval_seconds, next_run_at, last_run_at, task_json, created_at, updated_at)
                VALUES ($id, $name, $enabled, $interval, COALESCE($next, $now), NULL, $task, $now, $now)
                ON CONFLICT(name) DO UPDATE SET
                  enabled = excluded.enabled,
                  interval_seconds = excluded.interval_seconds,
                  next_run_at = COALESCE($next, schedules.next_run_at),
                  task_json = excluded.task_json,
                  updated_at = excluded.updated_at
                """,
                ("$id", input.ScheduleId ?? Guid.NewGuid().ToString()),
                ("$name", input.Name),
                ("$enabled", input.Enabled ? 1 : 0),
                ("$interval", input.IntervalSeconds),
                ("$next", input.NextRunAt),
                ("$task", JsJson.Serialize(input.Task)),
                ("$now", now));
            var stored = GetByName(input.Name)!;
            tasks.RecordEvent("schedule_upserted", null, null, new JsonObject { ["name"] = stored.Name, ["schedule_id"] = stored.ScheduleId });
            return stored;
        });
    }

    public RecurringSchedule? GetByName(string name) => ReadOne($"SELECT {Columns} FROM schedules WHERE name = $v", name);

    public RecurringSchedule? GetById(string scheduleId) => ReadOne($"SELECT {Columns} FROM schedules WHERE schedule_id = $v", scheduleId);

    private RecurringSchedule? ReadOne(string sql, string value)
    {
        using var command = Db.Command(sql, ("$v", value));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    internal static RecurringSchedule Read(SqliteDataReader reader) => new()
    {
        ScheduleId = reader.GetString(0),
        Name = reader.GetString(1),
        Enabled = reader.GetInt64(2) != 0,
        IntervalSeconds = reader.GetInt64(3),
        NextRunAt = reader.GetString(4),
        LastRunAt = reader.IsDBNull(5) ? null : reader.GetString(5),
        Task = ParseTask(reader.GetString(6)),
        CreatedAt = reader.GetString(7),
        UpdatedAt = reader.GetString(8),
    };

    /// <summary>A hand-edited or corrupt <c>task_json</c> reads as an empty object; evaluation then reports it instead of failing every cycle.</summary>
    private static JsonObject ParseTask(string json)
    {
        try
        {
            return JsJson.Parse(json) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}

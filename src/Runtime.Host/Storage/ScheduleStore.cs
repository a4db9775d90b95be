using System.Text.Json.Nodes;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Schedules;
using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Storage;

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

    /// <summary>Served by <c>idx_schedules_due (enabled, next_run_at)</c>: ISO text sorts as time, to the millisecond.</summary>
    internal const string DueSql = $"SELECT schedule_id FROM schedules WHERE {FiresSql} AND next_run_at <= $at ORDER BY next_run_at, name";

    /// <summary>
    /// An enabled schedule with a usable interval. A row written by hand with an interval of zero,
    /// below zero or of text (read as 0) came due again at once and queued a task on every cycle,
    /// starving lower-priority work; such a row never fires and <c>healthcheck</c> lists it.
    /// </summary>
    private const string FiresSql = "enabled = 1 AND typeof(interval_seconds) = 'integer' AND interval_seconds > 0";

    /// <summary>
    /// Whether another schedule's tasks would carry the same base source (its task source, or
    /// <c>schedule:&lt;name&gt;</c> when that is empty). The schedules table is small; this is a scan of it.
    /// </summary>
    private const string SharedBaseSql = """
        SELECT 1 FROM schedules
        WHERE schedule_id <> $id
          AND COALESCE(NULLIF(CASE WHEN json_valid(task_json) THEN json_extract(task_json, '$.source') END, ''), 'schedule:' || name) = $base
        LIMIT 1
        """;

    /// <summary>The ids of the enabled schedules due at <paramref name="atIso"/>, earliest first.</summary>
    public IReadOnlyList<string> DueIds(string atIso)
    {
        var due = new List<string>();
        using var command = Db.Command(DueSql, ("$at", atIso));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            due.Add(reader.GetString(0));
        }

        return due;
    }

    /// <summary>The schedule, when it is still enabled and due at <paramref name="atIso"/> (re-read under the write lock).</summary>
    public RecurringSchedule? GetDue(string scheduleId, string atIso)
    {
        using var command = Db.Command(
            $"SELECT {Columns} FROM schedules WHERE schedule_id = $id AND {FiresSql} AND next_run_at <= $at",
            ("$id", scheduleId),
            ("$at", atIso));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>
    /// Fires one schedule as one unit of work: re-reads it under the write lock (a concurrent
    /// evaluator may have advanced it already), hands it to <paramref name="fire"/> (which enqueues
    /// its task through this session), then records the run at <paramref name="at"/> and sets the
    /// next one an interval later. Not fired (and nothing written) when it is no longer enabled and due.
    /// </summary>
    public (bool Fired, T? Result) FireIfDue<T>(string scheduleId, DateTimeOffset at, Func<RecurringSchedule, T> fire)
    {
        ArgumentNullException.ThrowIfNull(fire);
        var atIso = IsoTime.ToIso(at);
        return Db.InTransaction<(bool, T?)>(() =>
        {
            if (GetDue(scheduleId, atIso) is not { } schedule)
            {
                return (false, default);
            }

            var result = fire(schedule);
            Advance(schedule.ScheduleId, atIso, IsoTime.ToIso(at.AddSeconds(schedule.IntervalSeconds)));
            return (true, result);
        });
    }

    /// <summary>Records a run at <paramref name="atIso"/> and sets the next one.</summary>
    public void Advance(string scheduleId, string atIso, string nextIso)
    {
        Db.Execute(
            "UPDATE schedules SET last_run_at = $at, next_run_at = $next, updated_at = $now WHERE schedule_id = $id",
            ("$at", atIso),
            ("$next", nextIso),
            ("$now", IsoTime.Now(time)),
            ("$id", scheduleId));
    }

    /// <summary>Whether a schedule other than <paramref name="scheduleId"/> gives its tasks the base source <paramref name="baseSource"/>.</summary>
    public bool SharesBaseSource(string scheduleId, string baseSource) =>
        Db.Scalar(SharedBaseSql, ("$id", scheduleId), ("$base", baseSource)) is not null;

    public RecurringSchedule? GetByName(string name) => ReadOne($"SELECT {Columns} FROM schedules WHERE name = $v", name);

    public RecurringSchedule? GetById(string scheduleId) => ReadOne($"SELECT {Columns} FROM schedules WHERE schedule_id = $v", scheduleId);

    /// <summary>Every schedule: enabled first, then the soonest due (stored ISO text sorts as time), then by name (spec §2.5).</summary>
    public IReadOnlyList<RecurringSchedule> ListAll()
    {
        using var command = Db.Command($"SELECT {Columns} FROM schedules ORDER BY enabled DESC, next_run_at ASC, name ASC");
        using var reader = command.ExecuteReader();
        var schedules = new List<RecurringSchedule>();
        while (reader.Read())
        {
            schedules.Add(Read(reader));
        }

        return schedules;
    }

    private RecurringSchedule? ReadOne(string sql, string value)
    {
        using var command = Db.Command(sql, ("$v", value));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private RecurringSchedule Read(SqliteDataReader reader) => new()
    {
        ScheduleId = reader.GetString(0),
        Name = reader.GetString(1),
        Enabled = reader.GetInt64(2) != 0,
        IntervalSeconds = reader.GetInt64(3),
        NextRunAt = StoredTime.Required(reader, 4, tasks.Log),
        LastRunAt = StoredTime.Optional(reader, 5, tasks.Log),
        Task = ParseTask(reader.GetString(6)),
        CreatedAt = StoredTime.Required(reader, 7, tasks.Log),
        UpdatedAt = StoredTime.Required(reader, 8, tasks.Log),
    };

    /// <summary>A hand-edited or corrupt <c>task_json</c> reads as an empty object; evaluation then reports it instead of failing every cycle.</summary>
    private static JsonObject ParseTask(string json)
    {
        try
        {
            return JsJson.ParseStored(json) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}

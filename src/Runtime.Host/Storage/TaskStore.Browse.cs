using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>The operator API's reads (spec §2.9, §2.10, the attempt view), index-backed at any table size.</summary>
internal sealed partial class TaskStore
{
    /// <summary>
    /// Walks <c>idx_tasks_updated_at</c> backwards (ties: latest rowid first), as <see cref="RecentSql"/>
    /// does; the latest attempt's adapter comes through <c>idx_task_attempts_task_latest</c>.
    /// </summary>
    internal const string ListTasksSql = $"""
        SELECT {TaskColumns}, {LatestAdapterColumn}
        FROM tasks
        ORDER BY updated_at DESC, rowid DESC
        LIMIT $limit
        """;

    /// <summary>
    /// The same for one status, through <c>idx_tasks_status_updated_at</c> (migration 0006). A
    /// separate statement: with <c>$status IS NULL OR status = $status</c> the planner cannot use
    /// the status prefix and walks every task of other statuses.
    /// </summary>
    internal const string ListTasksOfStatusSql = $"""
        SELECT {TaskColumns}, {LatestAdapterColumn}
        FROM tasks
        WHERE status = $status
        ORDER BY updated_at DESC, rowid DESC
        LIMIT $limit
        """;

    private const string LatestAdapterColumn = """
        (SELECT a.adapter_id FROM task_attempts a WHERE a.task_id = tasks.task_id
             ORDER BY a.started_at DESC, a.attempt_id DESC LIMIT 1) AS latest_adapter
        """;

    private const string EventColumns = "id, event_type, task_id, attempt_id, detail_json, created_at";

    /// <summary>The most recently updated tasks, optionally of one status.</summary>
    public IReadOnlyList<ListedTask> ListTasks(int limit, string? status)
    {
        using var command = status is null
            ? _db.Command(ListTasksSql, ("$limit", limit))
            : _db.Command(ListTasksOfStatusSql, ("$status", status), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var tasks = new List<ListedTask>();
        while (reader.Read())
        {
            tasks.Add(new ListedTask(ReadTask(reader), Text(reader, 19)));
        }

        return tasks;
    }

    /// <summary>Events with an id above <paramref name="since"/> (oldest first); with <paramref name="since"/> 0 or less, the latest ones, still oldest first.</summary>
    public IReadOnlyList<RunEvent> ListEvents(long since, int limit)
    {
        var sql = since > 0
            ? $"SELECT {EventColumns} FROM run_events WHERE id > $since ORDER BY id LIMIT $limit"
            : $"SELECT * FROM (SELECT {EventColumns} FROM run_events ORDER BY id DESC LIMIT $limit) ORDER BY id";
        using var command = _db.Command(sql, ("$since", since), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var events = new List<RunEvent>();
        while (reader.Read())
        {
            events.Add(new RunEvent
            {
                Id = reader.GetInt64(0),
                EventType = reader.GetString(1),
                TaskId = Text(reader, 2),
                AttemptId = Text(reader, 3),
                Detail = ParseObject(reader.GetString(4)) ?? new JsonObject(),
                CreatedAt = StoredTime.Required(reader, 5, _log),
            });
        }

        return events;
    }

    /// <summary>A task's attempts, oldest first.</summary>
    public IReadOnlyList<AttemptRecord> ListAttempts(string taskId)
    {
        using var command = _db.Command($"SELECT {AttemptColumns} FROM task_attempts WHERE task_id = $id ORDER BY started_at, rowid", ("$id", taskId));
        using var reader = command.ExecuteReader();
        var attempts = new List<AttemptRecord>();
        while (reader.Read())
        {
            attempts.Add(ReadAttempt(reader));
        }

        return attempts;
    }

    /// <summary>The files of the bundle with this id, or null.</summary>
    public BundleFiles? GetBundle(string bundleId)
    {
        using var command = _db.Command(
            "SELECT bundle_id, bundle_hash, relative_path, prompt_relative_path FROM bundles WHERE bundle_id = $id",
            ("$id", bundleId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new BundleFiles(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)) : null;
    }
}

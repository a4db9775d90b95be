namespace AgentRuntime.Host.Storage;

/// <summary>The <c>status</c> report (spec §1.2), index-backed at any table size.</summary>
internal sealed partial class TaskStore
{
    public const int RecentLimit = 5;

    /// <summary>Reads the trigger-maintained counts (migration 0004) instead of counting the table.</summary>
    internal const string CountsSql = "SELECT status, task_count FROM task_status_counts WHERE task_count > 0 ORDER BY status";

    /// <summary>
    /// Walks <c>idx_tasks_updated_at</c> backwards (ties: latest rowid first) and looks up each task's
    /// latest attempt and bundle through <c>idx_task_attempts_task_latest</c> and <c>idx_bundles_task_latest</c>.
    /// </summary>
    internal const string RecentSql = """
        SELECT t.task_id, t.kind, t.status, t.updated_at,
          (SELECT a.attempt_id FROM task_attempts a WHERE a.task_id = t.task_id
             ORDER BY a.started_at DESC, a.attempt_id DESC LIMIT 1) AS attempt_id,
          (SELECT b.bundle_hash FROM bundles b WHERE b.task_id = t.task_id
             ORDER BY b.created_at DESC, b.bundle_id DESC LIMIT 1) AS bundle_hash
        FROM tasks t
        ORDER BY t.updated_at DESC, t.rowid DESC
        LIMIT $limit
        """;

    /// <summary>MAX over the integer primary key is a single B-tree descent.</summary>
    internal const string LastEventSql = """
        SELECT id, event_type, task_id, attempt_id, created_at FROM run_events
        WHERE id = (SELECT MAX(id) FROM run_events)
        """;

    public StatusReport ReadStatus()
    {
        var counts = new List<StatusCount>();
        using (var command = _db.Command(CountsSql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                counts.Add(new StatusCount(reader.GetString(0), reader.GetInt64(1)));
            }
        }

        var recent = new List<RecentTask>();
        using (var command = _db.Command(RecentSql, ("$limit", RecentLimit)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                recent.Add(new RecentTask
                {
                    TaskId = reader.GetString(0),
                    Kind = reader.GetString(1),
                    Status = reader.GetString(2),
                    UpdatedAt = StoredTime.Required(reader, 3, _log),
                    AttemptId = Text(reader, 4),
                    BundleHash = Text(reader, 5),
                });
            }
        }

        return new StatusReport { Counts = counts, Recent = recent, LastEvent = LastEvent() };
    }

    public RunEventSummary? LastEvent()
    {
        using var command = _db.Command(LastEventSql);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new RunEventSummary
            {
                Id = reader.GetInt64(0),
                EventType = reader.GetString(1),
                TaskId = Text(reader, 2),
                AttemptId = Text(reader, 3),
                CreatedAt = StoredTime.Required(reader, 4, _log),
            }
            : null;
    }
}

namespace AgentRuntime.Host.Storage;

/// <summary>The event log read forwards from a cursor: what live views (the web stream) follow.</summary>
internal sealed partial class TaskStore
{
    /// <summary>A range search on the integer primary key: cost follows the rows returned, not the table.</summary>
    internal const string EventsAfterSql = """
        SELECT id, event_type, task_id, attempt_id, detail_json, created_at FROM run_events
        WHERE id > $after ORDER BY id ASC LIMIT $limit
        """;

    /// <summary>The events with an id above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<RunEventRecord> EventsAfter(long after, int limit)
    {
        var rows = new List<RunEventRecord>();
        using var command = _db.Command(EventsAfterSql, ("$after", after), ("$limit", limit));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new RunEventRecord
            {
                Id = reader.GetInt64(0),
                EventType = reader.GetString(1),
                TaskId = Text(reader, 2),
                AttemptId = Text(reader, 3),
                DetailJson = reader.IsDBNull(4) ? "{}" : reader.GetString(4),
                CreatedAt = StoredTime.Required(reader, 5, _log),
            });
        }

        return rows;
    }

    /// <summary>The highest event id, or 0 when the log is empty (one B-tree descent).</summary>
    public long NewestEventId() => _db.Scalar("SELECT MAX(id) FROM run_events") is long id ? id : 0;
}

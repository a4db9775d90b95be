using System.Text.Json.Nodes;

namespace AgentRuntime.Host.Storage;

/// <summary>The event log read forwards from a cursor: what live views (the web stream) follow.</summary>
internal sealed partial class TaskStore
{
    /// <summary>A range search on the integer primary key: cost follows the rows returned, not the table.</summary>
    internal const string EventsAfterSql = $"SELECT {EventColumns} FROM run_events WHERE id > $after ORDER BY id ASC LIMIT $limit";

    /// <summary>
    /// The events with an id above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.
    /// Unlike <see cref="ListEvents"/>, a cursor of 0 means the log's start, not its latest page.
    /// </summary>
    public IReadOnlyList<RunEvent> EventsAfter(long after, int limit)
    {
        var rows = new List<RunEvent>();
        using var command = _db.Command(EventsAfterSql, ("$after", after), ("$limit", limit));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new RunEvent
            {
                Id = reader.GetInt64(0),
                EventType = reader.GetString(1),
                TaskId = Text(reader, 2),
                AttemptId = Text(reader, 3),
                Detail = ParseObject(reader.GetString(4)) ?? new JsonObject(),
                CreatedAt = StoredTime.Required(reader, 5, _log),
            });
        }

        return rows;
    }

    /// <summary>The highest event id, or 0 when the log is empty (one B-tree descent).</summary>
    public long NewestEventId() => _db.Scalar("SELECT MAX(id) FROM run_events") is long id ? id : 0;
}

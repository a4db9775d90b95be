namespace AgentRuntime.Host.Storage;

/// <summary>Task lookups for workflows and snapshots.</summary>
internal sealed partial class TaskStore
{
    /// <summary>Spec §7.5's queue section, in claim order.</summary>
    internal const string QueuedSql = """
        SELECT task_id, kind, source, subject, status, priority, created_at FROM tasks
        WHERE status IN ('pending', 'retryable_failure', 'running', 'blocked')
        ORDER BY priority DESC, created_at ASC, rowid ASC
        """;

    internal const string RecentCompletedSql = "SELECT task_id FROM tasks WHERE status = 'completed' ORDER BY updated_at DESC, rowid DESC LIMIT $limit";

    /// <summary>
    /// The most recently updated task (ties: latest rowid) with this source, created at or after
    /// <paramref name="since"/> when given, and — when <paramref name="completedKinds"/> is given —
    /// completed with one of those kinds (none given: no match). Served by <c>idx_tasks_source_status</c>.
    /// </summary>
    public TaskRecord? LatestForSource(string source, string? since, IReadOnlyList<string>? completedKinds)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (completedKinds is { Count: 0 })
        {
            return null;
        }

        var parameters = new List<(string, object?)> { ("$source", source), ("$since", since) };
        var filter = "";
        if (completedKinds is not null)
        {
            var names = completedKinds.Select((kind, i) => (Name: $"$k{i}", Kind: kind)).ToList();
            parameters.AddRange(names.Select(n => (n.Name, (object?)n.Kind)));
            parameters.Add(("$completed", TaskStatuses.Completed));
            filter = $" AND status = $completed AND kind IN ({string.Join(", ", names.Select(n => n.Name))})";
        }

        var taskId = _db.Scalar(
            $"SELECT task_id FROM tasks WHERE source = $source AND ($since IS NULL OR created_at >= $since){filter} ORDER BY updated_at DESC, rowid DESC LIMIT 1",
            [.. parameters]) as string;
        return taskId is null ? null : GetTask(taskId);
    }

    /// <summary>Tasks still in the queue (pending, retryable, running, blocked), as stored (an empty subject stays empty).</summary>
    public IReadOnlyList<QueuedTask> ListQueued()
    {
        var rows = new List<QueuedTask>();
        using var command = _db.Command(QueuedSql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new QueuedTask
            {
                TaskId = reader.GetString(0),
                Kind = reader.GetString(1),
                Source = reader.GetString(2),
                Subject = Text(reader, 3),
                Status = reader.GetString(4),
                Priority = reader.GetInt64(5),
                CreatedAt = StoredTime.Required(reader, 6, _log),
            });
        }

        return rows;
    }

    /// <summary>The most recently updated completed tasks, latest first.</summary>
    public IReadOnlyList<TaskRecord> RecentCompleted(int limit)
    {
        var ids = new List<string>();
        using (var command = _db.Command(RecentCompletedSql, ("$limit", limit)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        return ids.Select(GetTask).OfType<TaskRecord>().ToList();
    }
}

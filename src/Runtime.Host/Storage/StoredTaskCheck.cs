namespace AgentRuntime.Host.Storage;

/// <summary>
/// Task rows the claim can never pick up and nothing else reports (written by hand, by an older
/// runtime or by a sibling): a status that does not exist, or a waiting task whose
/// <c>available_at</c> is not a date (the claim compares the text, so it is never due).
/// <c>healthcheck</c> lists the first few of them under <c>dataIssues</c>.
/// </summary>
internal static class StoredTaskCheck
{
    private const int MostListed = 20;

    private static readonly string Sql = $"""
        SELECT task_id, status, CAST(available_at AS TEXT) FROM tasks
        WHERE status NOT IN ({string.Join(", ", TaskStatuses.All.Select(s => $"'{s}'"))})
           OR (status IN ('{TaskStatuses.Pending}', '{TaskStatuses.RetryableFailure}')
               AND (typeof(available_at) <> 'text' OR julianday(available_at) IS NULL))
        ORDER BY rowid
        LIMIT {MostListed + 1}
        """;

    /// <summary>One line per such task, at most <see cref="MostListed"/>, then one line saying there are more.</summary>
    public static IReadOnlyList<string> Issues(TaskStore tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var issues = new List<string>();
        using var command = tasks.Database.Command(Sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (issues.Count == MostListed)
            {
                issues.Add($"more tasks like these (only the first {MostListed} are listed)");
                break;
            }

            var id = reader.IsDBNull(0) ? "(no id)" : reader.GetValue(0).ToString();
            var status = reader.IsDBNull(1) ? null : reader.GetValue(1).ToString();
            issues.Add(status is not null && TaskStatuses.All.Contains(status)
                ? $"task {id}: available_at \"{(reader.IsDBNull(2) ? "" : reader.GetString(2))}\" is not a date; it is never claimed"
                : $"task {id}: status \"{status}\" does not exist; it is never claimed");
        }

        return issues;
    }
}

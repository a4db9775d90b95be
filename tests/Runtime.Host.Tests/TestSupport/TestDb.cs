using Microsoft.Data.Sqlite;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>Reads (and for crash simulations, writes) a runtime database directly, as an operator with sqlite3 would.</summary>
internal static class TestDb
{
    public static List<Dictionary<string, object?>> Query(string dbPath, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static object? Scalar(string dbPath, string sql, params (string Name, object? Value)[] parameters) =>
        Query(dbPath, sql, parameters).FirstOrDefault()?.Values.FirstOrDefault();

    public static void Execute(string dbPath, string sql, params (string Name, object? Value)[] parameters) => Query(dbPath, sql, parameters);

    public static List<string> EventTypes(string dbPath, string? taskId = null) =>
        Query(dbPath, taskId is null ? "SELECT event_type FROM run_events ORDER BY id" : "SELECT event_type FROM run_events WHERE task_id = $t ORDER BY id", ("$t", taskId))
            .Select(r => (string)r["event_type"]!).ToList();
}

using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AgentRuntime.Host.Tests.TestSupport;

/// <summary>A real SQLite file in a temp directory, a fake clock, and a task store over it.</summary>
internal sealed class StoreHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly List<RuntimeDatabase> _opened = [];

    public StoreHarness(string? dbPath = null)
    {
        Directory = new TempDirectory("agent-runtime-store");
        DbPath = dbPath ?? Directory.Combine("state", "runtime.db");
        Store = OpenStore("runner-a");
    }

    public TempDirectory Directory { get; }

    public string DbPath { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public TaskStore Store { get; }

    public RuntimeDatabase Db => Store.Database;

    /// <summary>Another connection to the same file, as a second process would have.</summary>
    public TaskStore OpenStore(string runnerId, TimeProvider? time = null)
    {
        var db = RuntimeDatabase.Open(DbPath, time ?? Time);
        lock (_opened)
        {
            _opened.Add(db);
        }

        return new TaskStore(db, new TaskStoreOptions { DefaultProfile = "tester", MaxAttempts = 2, RetryBackoffSeconds = 30, RunnerId = runnerId }, time ?? Time);
    }

    public static TaskInput Input(string kind = "probe", string source = "test", int? priority = null, int? maxAttempts = null, string? availableAt = null, double? delayMinutes = null, string? requestedAdapter = null) => new()
    {
        Kind = kind,
        Source = source,
        Payload = new JsonObject { ["n"] = 1 },
        Priority = priority,
        MaxAttempts = maxAttempts,
        AvailableAt = availableAt,
        DelayMinutes = delayMinutes,
        RequestedAdapter = requestedAdapter,
    };

    public long Count(string sql, params (string Name, object? Value)[] parameters) => Convert.ToInt64(Db.Scalar(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public string? Text(string sql, params (string Name, object? Value)[] parameters) => Db.Scalar(sql, parameters) as string;

    /// <summary>Counts by status as GROUP BY computes them from the table itself.</summary>
    public Dictionary<string, long> GroupByCounts()
    {
        var counts = new Dictionary<string, long>();
        using var command = Db.Command("SELECT status, COUNT(*) FROM tasks GROUP BY status");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public static List<string> QueryPlan(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var details = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            details.Add(reader.GetString(3));
        }

        return details;
    }

    public void Dispose()
    {
        foreach (var db in _opened)
        {
            db.Dispose();
        }

        Directory.Dispose();
    }
}

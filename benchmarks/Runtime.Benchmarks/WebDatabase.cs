using System.Diagnostics;
using System.Globalization;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// The web benchmark's state database: <c>count</c> tasks (the mostly-finished mix of the store
/// benchmark) and a thousand events, built through the real migrations so the real schema, indexes
/// and count triggers exist. Filling a million tasks takes about a minute here, so the file is kept
/// in the temp folder and reused; the server's own open applies any migration added since.
/// </summary>
internal static class WebDatabase
{
    private const int EventCount = 1_000;

    public static string Prepare(int count, TextWriter output)
    {
        var directory = Path.Combine(Path.GetTempPath(), "agent-runtime-bench-cache");
        var path = Path.Combine(directory, $"web-{count.ToString(CultureInfo.InvariantCulture)}.db");
        if (File.Exists(path))
        {
            output.WriteLine($"database: {path} (cached; delete it to rebuild)");
            return path;
        }

        Directory.CreateDirectory(directory);
        var building = path + ".building";
        File.Delete(building);
        var start = Stopwatch.GetTimestamp();
        using (var db = RuntimeDatabase.Open(building, TimeProvider.System))
        {
            TaskFiller.Fill(db, count, QueueMix.MostlyFinished, TimeProvider.System.GetUtcNow());
            var store = new TaskStore(db, new TaskStoreOptions { DefaultProfile = "lumen", MaxAttempts = 3, RetryBackoffSeconds = 60, RunnerId = "bench" }, TimeProvider.System);
            db.InTransaction(() =>
            {
                for (var i = 0; i < EventCount; i++)
                {
                    store.RecordEvent("bench_event", null, null, new System.Text.Json.Nodes.JsonObject { ["n"] = i });
                }
            });
            db.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        RuntimeDatabase.ClearPool(building);
        File.Move(building, path);
        output.WriteLine($"database: {path} (built in {Stopwatch.GetElapsedTime(start).TotalSeconds:F0} s)");
        return path;
    }
}

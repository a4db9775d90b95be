using System.Diagnostics;
using System.Globalization;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// Claim and status latency of the task store at growing table sizes, next to the reference
/// runtime's queries (second-granular <c>datetime()</c> ordering, GROUP BY counts) on the same data.
/// Wall-clock figures for a report; never asserted anywhere.
/// </summary>
internal static class StoreBenchmark
{
    private const int ClaimRuns = 200;
    private const int StatusRuns = 50;
    private const int ReferenceRuns = 3;
    private const int WarmUpRuns = 20;

    private const string ReferenceClaimSql = """
        SELECT task_id FROM tasks
        WHERE status IN ('pending', 'retryable_failure') AND datetime(available_at) <= datetime($now) AND attempt_count < max_attempts
        ORDER BY priority DESC, datetime(created_at) ASC LIMIT 1
        """;

    private const string ReferenceCountsSql = "SELECT status, COUNT(*) FROM tasks GROUP BY status";

    public static int Run(IReadOnlyList<int> sizes, TextWriter output)
    {
        output.WriteLine($"{"tasks",10} {"mix",-15} {"fill s",7} {"claim ms",9} {"p95 ms",7} {"select ms",9} {"status ms",9} {"ref claim ms",12} {"ref counts ms",13}");
        foreach (var size in sizes)
        {
            foreach (var mix in new[] { QueueMix.MostlyFinished, QueueMix.AllPending })
            {
                output.WriteLine(Measure(size, mix));
                output.Flush();
            }
        }

        output.WriteLine($"claim = Claim() committed (BEGIN IMMEDIATE, WAL, synchronous=FULL), median of {ClaimRuns}; select = the claim SELECT alone;");
        output.WriteLine($"status = ReadStatus(), median of {StatusRuns}; ref = the reference runtime's datetime()/GROUP BY queries, median of {ReferenceRuns}.");
        return 0;
    }

    private static string Measure(int size, QueueMix mix)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"agent-runtime-bench-{Guid.NewGuid():N}");
        try
        {
            var now = TimeProvider.System.GetUtcNow();
            using var db = RuntimeDatabase.Open(Path.Combine(directory, "runtime.db"), TimeProvider.System);
            var fill = Time(() => TaskFiller.Fill(db, size, mix, now));
            var store = new TaskStore(db, new TaskStoreOptions { DefaultProfile = "lumen", MaxAttempts = 3, RetryBackoffSeconds = 60, RunnerId = "bench" }, TimeProvider.System);

            Repeat(WarmUpRuns, () => Claim(db, store));
            var claims = Repeat(ClaimRuns, () => Claim(db, store));
            var select = Repeat(ClaimRuns, () => Time(() => db.Scalar(TaskStore.ClaimSelectSql, ("$now", IsoTime.Now(TimeProvider.System)))));
            var status = Repeat(StatusRuns, () => Time(() => store.ReadStatus()));
            var referenceClaim = Repeat(ReferenceRuns, () => Time(() => db.Scalar(ReferenceClaimSql, ("$now", IsoTime.Now(TimeProvider.System)))));
            var referenceCounts = Repeat(ReferenceRuns, () => Time(() => ReadAll(db, ReferenceCountsSql)));
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{size,10:N0} {mix,-15} {fill.TotalSeconds,7:F1} {Median(claims),9:F3} {Percentile(claims, 0.95),7:F3} {Median(select),9:F3} {Median(status),9:F3} {Median(referenceClaim),12:F1} {Median(referenceCounts),13:F1}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Times one committed claim, then puts the task back (untimed) so every run claims from the same queue.</summary>
    internal static TimeSpan Claim(RuntimeDatabase db, TaskStore store)
    {
        ClaimedTask? claimed = null;
        var elapsed = Time(() => claimed = store.Claim());
        if (claimed is null)
        {
            throw new InvalidOperationException("nothing claimable: the fill left no eligible task");
        }

        db.InTransaction(() =>
        {
            db.Execute("UPDATE tasks SET status = 'pending', attempt_count = attempt_count - 1 WHERE task_id = $t", ("$t", claimed.Task.TaskId));
            db.Execute("DELETE FROM task_attempts WHERE attempt_id = $a", ("$a", claimed.Attempt.AttemptId));
            db.Execute("DELETE FROM run_events WHERE attempt_id = $a AND event_type = 'task_claimed'", ("$a", claimed.Attempt.AttemptId));
        });
        return elapsed;
    }

    /// <summary>Reads every row: ExecuteScalar would stop an aggregate after its first group.</summary>
    private static void ReadAll(RuntimeDatabase db, string sql)
    {
        using var command = db.Command(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }

    private static TimeSpan Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start);
    }

    private static List<double> Repeat(int runs, Func<TimeSpan> run) =>
        Enumerable.Range(0, runs).Select(_ => run().TotalMilliseconds).ToList();

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(fraction * sorted.Count))];
    }
}

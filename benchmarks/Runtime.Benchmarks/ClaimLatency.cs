using System.Globalization;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// Claim latency at a million tasks, in process against the store: many committed claims on a copy
/// of the cached million-task database (each claimed task put back untimed), p50 and p99.
/// </summary>
internal static class ClaimLatency
{
    private const int WarmUps = 50;

    public static void Run(int claims, TextWriter output)
    {
        var cached = WebDatabase.Prepare(1_000_000, output);
        var copy = Path.Combine(Path.GetTempPath(), $"agent-runtime-bench-claim-{Guid.NewGuid():N}.db");
        File.Copy(cached, copy);
        try
        {
            using (var db = RuntimeDatabase.Open(copy, TimeProvider.System))
            {
                var store = new TaskStore(db, new TaskStoreOptions { DefaultProfile = "lumen", MaxAttempts = 3, RetryBackoffSeconds = 60, RunnerId = "bench" }, TimeProvider.System);
                for (var i = 0; i < WarmUps; i++)
                {
                    StoreBenchmark.Claim(db, store);
                }

                var samples = Enumerable.Range(0, claims).Select(_ => StoreBenchmark.Claim(db, store).TotalMilliseconds).ToList();
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"claim, 1,000,000 tasks (committed, WAL, synchronous=FULL), {claims} claims: p50 {Samples.Percentile(samples, 0.5):F3} ms, p99 {Samples.Percentile(samples, 0.99):F3} ms, max {samples.Max():F3} ms"));
            }

            RuntimeDatabase.ClearPool(copy);
        }
        finally
        {
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;

namespace AgentRuntime.Benchmarks;

/// <summary>
/// The resident runtime of the published folder (<c>serve --no-web</c>): trivial script tasks per
/// second at 1 and 4 concurrent attempts, intake-to-start latency of tasks queued by the CLI in
/// another process, peak RSS, and CPU while idle. Figures, never asserted.
/// </summary>
internal static class ServeBenchmark
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <summary>Between the last latency task and the idle measurement.</summary>
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(10);

    public static void Run(string publishedFolder, int tasks, int latencySamples, TimeSpan idle, TextWriter output)
    {
        output.WriteLine($"serve --no-web: {tasks:N0} trivial script tasks seeded (one transaction) before it starts");
        output.WriteLine($"{"concurrency",11} {"tasks/s",8} {"wall s",7} {"most at once",12} {"peak RSS MB",11} {"CPU ms/task",11}");

        // Each run's directory (thousands of audit files) is deleted only after every run: on an
        // ext4 without a journal, creating a file among many just-deleted inodes scans them
        // (recently_deleted), and the next run would pay for the previous one's cleanup.
        var directories = new List<BenchmarkDirectory>();
        try
        {
            foreach (var concurrency in new[] { 1, 4 })
            {
                var dir = new BenchmarkDirectory();
                directories.Add(dir);
                output.WriteLine(Throughput(publishedFolder, dir, tasks, concurrency));
                output.Flush();
            }

            Latency(publishedFolder, latencySamples, idle, output);
        }
        finally
        {
            directories.ForEach(d => d.Dispose());
        }
    }

    /// <summary>
    /// tasks/s = tasks / (last attempt's end − first attempt's start); wall s from the process start;
    /// CPU ms/task = serve's CPU time with its reaped children (the scripts), start-up included, over
    /// the tasks: a figure that other load on the machine does not move as much as the rate.
    /// </summary>
    private static string Throughput(string publishedFolder, BenchmarkDirectory dir, int tasks, int concurrency)
    {
        var config = dir.WriteConfig(maxConcurrentAttempts: concurrency);
        using var db = RuntimeDatabase.Open(dir.DbPath, TimeProvider.System);
        Seed(db, tasks);
        var clock = Stopwatch.StartNew();
        using var serve = new ServeProcess(publishedFolder, dir.Path, config);
        var mostAtOnce = 0L;
        while (Count(db, "SELECT COUNT(*) FROM tasks WHERE finished_at IS NOT NULL") < tasks)
        {
            mostAtOnce = Math.Max(mostAtOnce, Count(db, "SELECT COUNT(*) FROM task_attempts WHERE ended_at IS NULL"));
            Wait(serve, clock, TimeSpan.FromMinutes(10));
        }

        var wall = clock.Elapsed.TotalSeconds;
        var peak = serve.PeakRssMb;
        var cpu = serve.CpuSecondsWithChildren;
        serve.Stop();
        var first = Time(db.Scalar("SELECT MIN(started_at) FROM task_attempts"));
        var last = Time(db.Scalar("SELECT MAX(ended_at) FROM task_attempts"));
        var perSecond = tasks / (last - first).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"{concurrency,11} {perSecond,8:F0} {wall,7:F1} {mostAtOnce,12} {peak,11:F1} {cpu * 1000 / tasks,11:F1}");
    }

    /// <summary>
    /// One task at a time queued by <c>agent-runtime intake</c> in another process while serve idles:
    /// its <c>created_at</c> (written by the intake) to its attempt's <c>started_at</c>. Then the idle CPU.
    /// </summary>
    private static void Latency(string publishedFolder, int samples, TimeSpan idle, TextWriter output)
    {
        using var dir = new BenchmarkDirectory();
        var config = dir.WriteConfig();
        using var db = RuntimeDatabase.Open(dir.DbPath, TimeProvider.System);
        var cli = Cli.Published(publishedFolder);
        var clock = Stopwatch.StartNew();
        using var serve = new ServeProcess(publishedFolder, dir.Path, config);
        Sleep(TimeSpan.FromSeconds(2));
        var latencies = new List<double>();
        for (var i = 0; i < samples + 2; i++)
        {
            cli.Run(dir.Path, config, ["intake", "--json", $$"""{"kind":"aibtc-checkin","source":"latency-{{i}}","payload":{},"requested_adapter":"heartbeat"}"""], out var queued);
            var taskId = JsonNode.Parse(queued)!["task_id"]!.GetValue<string>();
            while (Count(db, "SELECT COUNT(*) FROM tasks WHERE task_id = $t AND finished_at IS NOT NULL", ("$t", taskId)) == 0)
            {
                Wait(serve, clock, TimeSpan.FromMinutes(5));
            }

            var created = Time(db.Scalar("SELECT created_at FROM tasks WHERE task_id = $t", ("$t", taskId)));
            var started = Time(db.Scalar("SELECT MIN(started_at) FROM task_attempts WHERE task_id = $t", ("$t", taskId)));
            if (i >= 2)
            {
                latencies.Add((started - created).TotalMilliseconds);
            }
        }

        // The tier-up of the code the tasks ran (the JIT's background recompiles) goes on for a few
        // seconds after the last task; the idle figure is the dispatcher's own cost once it has ended.
        Sleep(IdleSettle);
        var cpuBefore = serve.CpuSeconds;
        Sleep(idle);
        var idleCpu = (serve.CpuSeconds - cpuBefore) / idle.TotalSeconds * 100;
        var peak = serve.PeakRssMb;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"intake-to-start (CLI intake's created_at to the attempt's started_at), {samples} tasks one at a time: p50 {Samples.Percentile(latencies, 0.5):F0} ms, p99 {Samples.Percentile(latencies, 0.99):F0} ms, max {latencies.Max():F0} ms"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"serve idle: {idleCpu:F2} % of a core over {idle.TotalSeconds:F0} s, {IdleSettle.TotalSeconds:F0} s after the last task (utime+stime of /proc/<pid>/stat); peak RSS {peak:F1} MB (VmHWM)"));
    }

    private static void Seed(RuntimeDatabase db, int tasks)
    {
        var store = new TaskStore(db, new TaskStoreOptions { DefaultProfile = "bench", MaxAttempts = 2, RetryBackoffSeconds = 60, RunnerId = "bench" }, TimeProvider.System);
        db.InTransaction(() =>
        {
            for (var i = 0; i < tasks; i++)
            {
                var input = new TaskInput { Kind = "aibtc-checkin", Source = $"bench-{i}", Payload = [], RequestedAdapter = "heartbeat" };
                store.Enqueue(TaskInputValidator.Validate(input, store.Options, TimeProvider.System.GetUtcNow()));
            }
        });
    }

    private static void Wait(ServeProcess serve, Stopwatch clock, TimeSpan limit)
    {
        if (serve.HasExited || clock.Elapsed > limit)
        {
            throw new InvalidOperationException(serve.HasExited ? $"serve exited early: {serve.LastErrors}" : $"serve did not finish within {limit}");
        }

        Sleep(Poll);
    }

    private static void Sleep(TimeSpan span) => Task.Delay(span, TimeProvider.System).GetAwaiter().GetResult();

    private static long Count(RuntimeDatabase db, string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(db.Scalar(sql, parameters), CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(object? iso) => DateTimeOffset.Parse((string)iso!, CultureInfo.InvariantCulture);
}

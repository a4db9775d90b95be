using System.Globalization;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Resident;

/// <summary><c>maxConcurrentAttempts</c> and an adapter's <c>maxConcurrent</c> under the real <c>serve</c> process.</summary>
public sealed class ServeConcurrencyTests
{
    [Fact(Timeout = 240_000)]
    public async Task Serve_TwelveTasksAtConcurrencyFour_NeverExceedsEitherLimitAndRunsEachTaskOnce()
    {
        using var runtime = new TestRuntime();
        runtime.Config["maxConcurrentAttempts"] = 4;
        var intervals = runtime.Directory.Combine("intervals");
        Directory.CreateDirectory(intervals);
        runtime.AddScriptAdapter("limited", Script(intervals, "limited"), extra: new JsonObject { ["maxConcurrent"] = 2 });
        runtime.AddScriptAdapter("open", Script(intervals, "open"));
        runtime.Save();
        var tasks = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            tasks.Add(await runtime.IntakeAsync($$"""{"kind":"k","source":"s","subject":"limited {{i}}","payload":{},"requested_adapter":"limited"}"""));
            tasks.Add(await runtime.IntakeAsync($$"""{"kind":"k","source":"s","subject":"open {{i}}","payload":{},"requested_adapter":"open"}"""));
        }

        var (serve, startLine) = await ServeProcess.StartAsync(runtime);
        using (serve)
        {
            Assert.Equal(4, startLine["max_concurrent_attempts"]!.GetValue<int>());
            var done = await ProcessTree.WaitUntilAsync(() => tasks.All(t => (string?)runtime.Task(t)["status"] == "completed"), TimeSpan.FromSeconds(120));
            Assert.True(done, string.Join(", ", tasks.Select(t => runtime.Task(t)["status"])));
            await serve.SignalAsync("TERM");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
        }

        var limited = Read(Path.Combine(intervals, "limited.txt"));
        var open = Read(Path.Combine(intervals, "open.txt"));
        Assert.Equal(6, limited.Count);
        Assert.Equal(6, open.Count);
        var all = limited.Concat(open).ToList();
        Assert.InRange(MostAtOnce(all), 2, 4);
        Assert.InRange(MostAtOnce(limited), 1, 2);

        // Never twice: one attempt per task, and as many attempts as tasks.
        var perTask = TestDb.Query(runtime.DbPath, "SELECT task_id, COUNT(*) AS n FROM task_attempts GROUP BY task_id");
        Assert.Equal(12, perTask.Count);
        Assert.All(perTask, row => Assert.Equal(1L, row["n"]));
    }

    /// <summary>Records the script's own start and end (ns) in <c>&lt;id&gt;.txt</c>, around a 300 ms sleep.</summary>
    private static string Script(string intervals, string id) =>
        $"s=$(date +%s%N)\nsleep 0.3\necho \"$s $(date +%s%N)\" >> {intervals}/{id}.txt\n" + """echo '{"status":"completed","operator_summary":"done"}'""";

    private static List<(long Start, long End)> Read(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(p => (long.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture)))];

    private static int MostAtOnce(IEnumerable<(long Start, long End)> intervals)
    {
        // An end sorts before a start at the same instant: touching intervals do not overlap.
        var edges = intervals.SelectMany(i => new[] { (At: i.Start, Delta: 1), (At: i.End, Delta: -1) }).OrderBy(e => e.At).ThenBy(e => e.Delta);
        int running = 0, most = 0;
        foreach (var (_, delta) in edges)
        {
            running += delta;
            most = Math.Max(most, running);
        }

        return most;
    }
}

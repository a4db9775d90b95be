using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.Flow;
using AgentRuntime.Host.Tests.Resident;
using AgentRuntime.Host.Tests.TestSupport;
using Xunit.Abstractions;

namespace AgentRuntime.Host.Tests.Hardening;

/// <summary>
/// Issue 11 harness, concurrency: eight dispatchers on one database — four <c>serve</c> processes
/// and four loops of <c>run-once</c> processes, six of them with a lock path of their own and two
/// sharing one — while four processes queue tasks through <c>intake</c> and the API is read. No
/// task runs twice (the script's own record and the attempt rows agree) and no one is shown
/// SQLITE_BUSY. 48 tasks by default, 400 in soak mode.
/// </summary>
[Collection(nameof(ExclusiveCollection))]
[Trait(Soak.Category, Soak.Trait)]
public sealed class DispatchConcurrencySoakTests(ITestOutputHelper output)
{
    private static readonly string[] BusyTexts = ["SQLITE_BUSY", "database is locked", "SQLite Error 5", "SQLite Error 6"];

    [Fact(Timeout = 3_600_000)]
    public async Task EightDispatchersSeparateLocks_IntakeAndApiReads_EachTaskRunsOnceAndNoBusyShown()
    {
        var count = Soak.Size(reduced: 48, full: 400);
        using var runtime = new TestRuntime();
        var runs = runtime.Directory.Combine("runs.txt");
        runtime.AddScriptAdapter("script-ok", $$"""
            echo "$AGENT_RUNTIME_TASK_ID" >> {{runs}}
            sleep 0.05
            echo '{"status":"completed","operator_summary":"done","machine_status":"ok","file_changes":[],"artifact_paths":[],"follow_up_tasks":[],"external_messages":[]}'
            """);
        runtime.Save();
        var configs = Enumerable.Range(0, 8).Select(i => WriteConfig(runtime, i, i == 7 ? 6 : i)).ToList();
        Assert.Equal(0, (await runtime.RunAsync("status")).ExitCode);

        var shown = new ConcurrentBag<string>();
        var serves = new List<ServeProcess>();
        try
        {
            var ports = new List<int>();
            for (var i = 0; i < 4; i++)
            {
                var (serve, start) = await ServeProcess.StartWithConfigAsync(runtime, configs[i], "--port", "0");
                serves.Add(serve);
                ports.Add(start["port"]!.GetValue<int>());
            }

            using var stop = new CancellationTokenSource();
            var loops = Enumerable.Range(4, 4).Select(i => RunOnceLoopAsync(runtime, configs[i], shown, stop.Token)).ToList();
            var reads = ReadApiAsync(ports, shown, stop.Token);
            var intakes = Enumerable.Range(0, 4).Select(p => IntakeAsync(runtime, p, count / 4, shown)).ToList();
            await Task.WhenAll(intakes);

            var done = await ProcessTree.WaitUntilAsync(() => Completed(runtime) == count, TimeSpan.FromMinutes(count / 8 + 3));
            await stop.CancelAsync();
            await Task.WhenAll(loops);
            var apiReads = await reads;
            foreach (var serve in serves)
            {
                await serve.SignalAsync("TERM");
                Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
                shown.Add(await serve.StderrAsync());
            }

            var ran = File.ReadAllLines(runs).Where(l => l.Length > 0).GroupBy(l => l).ToList();
            var twice = ran.Count(g => g.Count() > 1);
            var attempts = (long)TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts")!;
            var busy = shown.Count(text => BusyTexts.Any(b => text.Contains(b, StringComparison.OrdinalIgnoreCase)));
            output.WriteLine($"{count} tasks, 8 dispatchers, 4 intake processes, {apiReads} API reads: {ran.Count} ran, {twice} more than once, {attempts} attempts, {busy} outputs showing busy");

            Assert.True(done, $"{Completed(runtime)} of {count} tasks completed");
            Assert.Equal(count, ran.Count);
            Assert.Equal(0, twice);
            Assert.Equal((long)count, attempts);
            Assert.Equal(0, busy);
        }
        finally
        {
            foreach (var serve in serves)
            {
                serve.Dispose();
            }
        }
    }

    /// <summary>Dispatcher <paramref name="index"/>'s config: the runtime's, with the lock path of <paramref name="lockIndex"/>.</summary>
    private static string WriteConfig(TestRuntime runtime, int index, int lockIndex)
    {
        var config = JsonNode.Parse(File.ReadAllText(runtime.ConfigPath))!.AsObject();
        config["lockPath"] = $"../state/dispatch-{lockIndex}.lock";
        var path = runtime.Directory.Combine("config", $"dispatcher-{index}.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private static long Completed(TestRuntime runtime) =>
        (long)TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks WHERE status = 'completed'")!;

    private static async Task IntakeAsync(TestRuntime runtime, int producer, int tasks, ConcurrentBag<string> shown)
    {
        for (var i = 0; i < tasks; i++)
        {
            var result = await HostCli.RunAsync(
                runtime.Directory.Path,
                ["intake", "--json", $$$"""{"kind":"k","source":"producer-{{{producer}}}","subject":"{{{i}}}","payload":{}}""", "--config", runtime.ConfigPath],
                null,
                TimeSpan.FromSeconds(120));
            shown.Add(result.ToString());
            Assert.True(result.ExitCode == 0, result.ToString());
        }
    }

    private static async Task RunOnceLoopAsync(TestRuntime runtime, string config, ConcurrentBag<string> shown, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var result = await HostCli.RunAsync(runtime.Directory.Path, ["run-once", "--config", config], null, TimeSpan.FromSeconds(120));
            shown.Add(result.ToString());
            Assert.True(result.ExitCode == 0, result.ToString());
        }
    }

    private static async Task<int> ReadApiAsync(List<int> ports, ConcurrentBag<string> shown, CancellationToken stop)
    {
        var reads = 0;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        while (!stop.IsCancellationRequested)
        {
            foreach (var port in ports)
            {
                foreach (var route in new[] { "/api/state", "/api/tasks" })
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}{route}"), CancellationToken.None);
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    shown.Add(body);
                    Assert.True(response.IsSuccessStatusCode, $"{route}: {(int)response.StatusCode} {body}");
                    reads++;
                }
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return reads;
    }
}

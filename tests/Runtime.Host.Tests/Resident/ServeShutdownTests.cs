using System.Globalization;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Resident;

/// <summary>Stopping <c>serve</c> with four attempts running: gracefully (SIGTERM), and by a crash (SIGKILL) followed by a restart.</summary>
public sealed class ServeShutdownTests
{
    [Fact(Timeout = 240_000)]
    public async Task Serve_SigtermDuringFourAttempts_StopsEveryTreeAndRequeuesTheTasksWithAttemptsRefunded()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        runtime.Config["maxConcurrentAttempts"] = 4;
        runtime.AddScriptAdapter("script-ok", $"sleep 300 &\necho $! >> {pids}\necho $$ >> {pids}\nwait", timeoutMs: 120_000);
        runtime.Save();
        var tasks = await QueueAsync(runtime, 4);

        var (serve, _) = await ServeProcess.StartAsync(runtime);
        using (serve)
        {
            var launched = await LaunchedAsync(pids, 8);
            await serve.SignalAsync("TERM");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)), "serve did not stop");
            Assert.True(serve.ExitCode == 0, $"exit {serve.ExitCode}\n{await serve.StderrAsync()}");

            foreach (var (pid, startTime) in launched)
            {
                Assert.True(await ProcessTree.GoneAsync(pid, startTime!), $"process {pid} survived");
            }
        }

        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'"));
        foreach (var taskId in tasks)
        {
            var task = runtime.Task(taskId);
            Assert.Equal("retryable_failure", task["status"]);
            Assert.Equal(0L, task["attempt_count"]);
            var attempt = runtime.Attempts(taskId).Single();
            Assert.Equal("finished", attempt["status"]);
            Assert.Contains("dispatch_interrupted", (string)attempt["diagnostics_json"]!, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(runtime.Directory.Combine("state", "dispatch.lock")));
    }

    [Fact(Timeout = 300_000)]
    public async Task Serve_KilledWithFourAttemptsThenRestarted_BootSweepRecoversAllFourAndTheyComplete()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        var secondRun = runtime.Directory.Combine("second-run");
        runtime.Config["maxConcurrentAttempts"] = 4;
        runtime.AddScriptAdapter(
            "script-ok",
            $"if [ -e {secondRun} ]; then echo '{{\"status\":\"completed\",\"operator_summary\":\"done\"}}'; exit 0; fi\nsleep 300 &\necho $! >> {pids}\necho $$ >> {pids}\nwait",
            timeoutMs: 120_000);
        runtime.Save();
        var tasks = await QueueAsync(runtime, 4);

        var (first, _) = await ServeProcess.StartAsync(runtime);
        using (first)
        {
            var launched = await LaunchedAsync(pids, 8);
            await first.SignalAsync("KILL");
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve survived SIGKILL");

            // SIGKILL leaves the scripts running as orphans; the test stops them, as an operator's unit would.
            foreach (var (pid, startTime) in launched.Where(p => ProcessTree.StartTime(p.Key) == p.Value))
            {
                await ChildProcess.SignalAsync(pid, "KILL");
            }
        }

        Assert.Equal(4L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'"));
        File.WriteAllText(secondRun, "");
        var (second, _) = await ServeProcess.StartAsync(runtime);
        using (second)
        {
            var done = await ProcessTree.WaitUntilAsync(() => tasks.All(t => (string?)runtime.Task(t)["status"] == "completed"), TimeSpan.FromSeconds(120));
            Assert.True(done, string.Join(", ", tasks.Select(t => runtime.Task(t)["status"])));
            await second.SignalAsync("TERM");
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
            Assert.Equal(0, second.ExitCode);
        }

        foreach (var taskId in tasks)
        {
            var attempts = runtime.Attempts(taskId);
            Assert.Equal(2, attempts.Count);
            Assert.Contains("boot_sweep", (string)attempts[0]["diagnostics_json"]!, StringComparison.Ordinal);
            Assert.Equal("ok", attempts[1]["exit_status"]);
        }

        var sweep = (string)TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'boot_sweep_reclaimed'")!;
        Assert.Contains("\"attempts_reclaimed\":4", sweep.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task<List<string>> QueueAsync(TestRuntime runtime, int count)
    {
        var tasks = new List<string>();
        for (var i = 0; i < count; i++)
        {
            tasks.Add(await runtime.IntakeAsync($$"""{"kind":"k","source":"s","payload":{},"subject":"task {{i}}"}"""));
        }

        return tasks;
    }

    /// <summary>The pids the scripts wrote (each script and its sleep), with their start times, once <paramref name="count"/> are there.</summary>
    private static async Task<Dictionary<int, string?>> LaunchedAsync(string pids, int count)
    {
        Assert.True(
            await ProcessTree.WaitUntilAsync(() => File.Exists(pids) && File.ReadAllLines(pids).Count(l => l.Length > 0) >= count, TimeSpan.FromSeconds(60)),
            $"only {(File.Exists(pids) ? File.ReadAllLines(pids).Length : 0)} of {count} pids were written");
        var launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToDictionary(pid => pid, ProcessTree.StartTime);
        Assert.All(launched, p => Assert.NotNull(p.Value));
        return launched;
    }
}

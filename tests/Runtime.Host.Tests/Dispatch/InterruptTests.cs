using System.Diagnostics;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

public sealed class InterruptTests
{
    [Fact(Timeout = 120_000)]
    public async Task RunOnce_StoppedBySigterm_StopsTheTreeAndRequeuesTheTaskWithItsAttemptRefunded()
    {
        using var runtime = new TestRuntime();
        var pids = runtime.Directory.Combine("pids.txt");
        runtime.AddScriptAdapter("script-ok", $"sleep 300 &\necho $! >> {pids}\necho $$ >> {pids}\nwait", timeoutMs: 120_000);
        runtime.Save();
        var taskId = await runtime.IntakeAsync("""{"kind":"k","source":"s","payload":{}}""");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = runtime.Directory.Path };
        foreach (var arg in new[] { Repo.HostDll, "run-once", "--config", runtime.ConfigPath })
        {
            start.ArgumentList.Add(arg);
        }

        using var dispatcher = ChildProcess.Start(start);
        var stderr = dispatcher.StandardError.ReadToEndAsync();
        var stdout = dispatcher.StandardOutput.ReadToEndAsync();
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!(File.Exists(pids) && File.ReadAllLines(pids).Length >= 2) && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(pids), "the script never started");
        var launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse).ToDictionary(pid => pid, ProcessTree.StartTime);
        await ChildProcess.SignalAsync(dispatcher.Id, "TERM");

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await dispatcher.WaitForExitAsync(wait.Token);
        Assert.True(dispatcher.ExitCode == 130, $"exit {dispatcher.ExitCode}\n{await stdout}\n{await stderr}");

        var task = runtime.Task(taskId);
        Assert.Equal("retryable_failure", task["status"]);
        Assert.Equal(0L, task["attempt_count"]);
        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal("finished", attempt["status"]);
        Assert.Contains("dispatch_interrupted", (string)attempt["diagnostics_json"]!, StringComparison.Ordinal);
        Assert.False(File.Exists(runtime.Directory.Combine("state", "dispatch.lock")));
        foreach (var (pid, startTime) in launched)
        {
            Assert.NotNull(startTime); // alive when the dispatcher was stopped
            Assert.True(await ProcessTree.GoneAsync(pid, startTime), $"process {pid} survived");
        }
    }
}

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
        var launched = File.ReadAllLines(pids).Where(l => l.Length > 0).Select(int.Parse).ToDictionary(pid => pid, StartTime);
        using (var kill = ChildProcess.Start("kill", "-TERM", dispatcher.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            await kill.WaitForExitAsync();
        }

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
            Assert.True(await GoneAsync(pid, startTime), $"process {pid} survived");
        }
    }

    /// <summary>
    /// The process's start time (field 22 of <c>/proc/&lt;pid&gt;/stat</c>, fixed at fork and kept
    /// across exec), or null when it is gone or a zombie: with it a reused pid is told apart from
    /// the process that was launched (pid_max is 32768 here and the suite starts thousands).
    /// </summary>
    private static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" ? null : fields[19];
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the launched process is gone (exited, a zombie, or its pid now names another
    /// process) within 10 s: a killed process can still be exiting when the dispatcher returns on
    /// a loaded machine; one the dispatcher never killed stays.
    /// </summary>
    private static async Task<bool> GoneAsync(int pid, string startTime)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (StartTime(pid) == startTime)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Systemd;

/// <summary>
/// The real <c>serve</c> process as systemd runs it with <c>Type=notify</c> and <c>WatchdogSec=</c>:
/// the test plays the manager's side on its own <c>NOTIFY_SOCKET</c> (no user manager is needed).
/// </summary>
public sealed class ServeNotifyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task Serve_UnderANotifySocket_SaysReadyOnceLockedSweptAndListeningThenPingsTheWatchdogAndStopsOnSigterm()
    {
        using var runtime = ServeRuntime();
        var orphan = await ClaimAsGoneRunnerAsync(runtime);
        var port = FreePort();
        using var notify = new NotifySocket(runtime.Directory.Combine("notify.sock"), line => line == "READY=1" ? Observe(runtime, orphan, port) : null);
        using var serve = Start(runtime, ["--port", port.ToString(CultureInfo.InvariantCulture)], notify.Path, new() { ["WATCHDOG_USEC"] = "2000000" });
        var stderr = serve.StandardError.ReadToEndAsync();
        try
        {
            var ready = await notify.WaitForAsync("READY=1", Patience);
            var first = await notify.WaitForAsync("WATCHDOG=1", Patience);
            var second = await notify.WaitForAsync("WATCHDOG=1", Patience);
            await ChildProcess.SignalAsync(serve.Id, "TERM");
            await notify.WaitForAsync("STOPPING=1", Patience);
            using var wait = new CancellationTokenSource(Patience);
            await serve.WaitForExitAsync(wait.Token);

            Assert.Equal("lock=True orphan=finished web=True", ready.Observed);

            // WATCHDOG_USEC=2 s: a ping every second at most, not one per turn of the loop.
            Assert.True(Stopwatch.GetElapsedTime(first.ReceivedAt, second.ReceivedAt) >= TimeSpan.FromMilliseconds(900), "pings closer than half the timeout");
            Assert.True(serve.ExitCode == 0, $"exit {serve.ExitCode}\n{await stderr}");
            Assert.DoesNotContain(notify.Seen.TakeWhile(n => n != ready), n => n.Line == "READY=1");
        }
        finally
        {
            ChildProcess.KillTree(serve);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task ServeNoWeb_WatchdogForAnotherPid_SaysReadyOnceLockedSendsNoPingAndStopsOnSigterm()
    {
        using var runtime = ServeRuntime();
        var orphan = await ClaimAsGoneRunnerAsync(runtime);
        using var notify = new NotifySocket(runtime.Directory.Combine("notify.sock"), line => line == "READY=1" ? Observe(runtime, orphan, null) : null);

        // WATCHDOG_PID names the process the watchdog is for (systemd sets it when a wrapper runs in between).
        using var serve = Start(runtime, ["--no-web"], notify.Path, new() { ["WATCHDOG_USEC"] = "1000000", ["WATCHDOG_PID"] = "1" });
        var stderr = serve.StandardError.ReadToEndAsync();
        try
        {
            var ready = await notify.WaitForAsync("READY=1", Patience);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var meanwhile = notify.Drain();
            await ChildProcess.SignalAsync(serve.Id, "TERM");
            await notify.WaitForAsync("STOPPING=1", Patience);
            using var wait = new CancellationTokenSource(Patience);
            await serve.WaitForExitAsync(wait.Token);

            Assert.Equal("lock=True orphan=finished", ready.Observed);
            Assert.DoesNotContain(meanwhile, n => n.Line == "WATCHDOG=1");
            Assert.True(serve.ExitCode == 0, $"exit {serve.ExitCode}\n{await stderr}");
        }
        finally
        {
            ChildProcess.KillTree(serve);
        }
    }

    private static TestRuntime ServeRuntime()
    {
        var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo '{\"status\":\"completed\",\"operator_summary\":\"ok\",\"machine_status\":\"ok\"}'");
        runtime.Config["plugins"] = new JsonObject { ["directory"] = Path.Combine(Repo.HostDirectory, "plugins") };
        runtime.Save();
        return runtime;
    }

    /// <summary>What must hold the moment READY=1 arrives: the lock file exists, the boot sweep has reclaimed the orphan, the web port accepts.</summary>
    private static string Observe(TestRuntime runtime, string orphanAttemptId, int? port)
    {
        var locked = File.Exists(runtime.Directory.Combine("state", "dispatch.lock"));
        var orphan = TestDb.Scalar(runtime.DbPath, "SELECT status FROM task_attempts WHERE attempt_id = $id", ("$id", orphanAttemptId));
        var observed = $"lock={locked} orphan={orphan}";
        if (port is { } p)
        {
            using var client = new TcpClient();
            bool listening;
            try
            {
                client.Connect(IPAddress.Loopback, p);
                listening = true;
            }
            catch (SocketException)
            {
                listening = false;
            }

            observed += $" web={listening}";
        }

        return observed;
    }

    /// <summary>A running attempt whose runner is gone (as after a crash): the boot sweep must reclaim it.</summary>
    private static async Task<string> ClaimAsGoneRunnerAsync(TestRuntime runtime)
    {
        var options = new TaskStoreOptions { DefaultProfile = "tester", MaxAttempts = 2, RetryBackoffSeconds = 1, RunnerId = "bun-runner-7f3a" };
        using var store = new SqliteRuntimeStore(runtime.DbPath, options, TimeProvider.System, Serilog.Core.Logger.None);
        var input = TaskInputParser.Parse(JsonNode.Parse("""{"kind":"k","source":"orphan","payload":{}}"""));
        await store.EnqueueAsync(TaskInputValidator.Validate(input, options, TimeProvider.System.GetUtcNow()), CancellationToken.None);
        var claimed = await store.ClaimAsync(CancellationToken.None);
        return claimed!.Attempt.AttemptId;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(TestRuntime runtime, string[] extra, string notifySocket, Dictionary<string, string> env)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = runtime.Directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Repo.HostDll, "serve", "--config", runtime.ConfigPath }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var inherited in new[] { "WATCHDOG_USEC", "WATCHDOG_PID", "INVOCATION_ID", "JOURNAL_STREAM" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["NOTIFY_SOCKET"] = notifySocket;
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        var process = ChildProcess.Start(start);

        // The start line is not needed; a full pipe must not block the process.
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }
}

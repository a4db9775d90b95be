using System.Globalization;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Resident;

/// <summary>The real <c>serve</c> process: it picks up work queued by another process at once, and holds the dispatch lock for its life.</summary>
public sealed class ServeTests
{
    private const string Completed = """echo '{"status":"completed","operator_summary":"done"}'""";

    [Fact(Timeout = 180_000)]
    public async Task Serve_TaskQueuedByIntakeInAnotherProcess_StartsItWithoutATimerTick()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", Completed);
        runtime.Save();
        var (serve, startLine) = await ServeProcess.StartAsync(runtime);
        using (serve)
        {
            Assert.True(startLine["ok"]!.GetValue<bool>());
            Assert.Equal(1, startLine["max_concurrent_attempts"]!.GetValue<int>());
            Assert.Null(startLine["port"]);

            var intake = await HostCli.RunAsync(runtime.Directory.Path, ["intake", "--json", """{"kind":"k","source":"s","payload":{}}""", "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(60));
            var taskId = intake.Json["task_id"]!.GetValue<string>();
            Assert.True(await ProcessTree.WaitUntilAsync(() => (string?)runtime.Task(taskId)["status"] == "completed", TimeSpan.FromSeconds(60)), $"task is {runtime.Task(taskId)["status"]}");

            // The old contract started work at the next 10 s timer tick; this bound only says no tick was waited for.
            var created = Time(runtime.Task(taskId)["created_at"]);
            var started = Time(runtime.Attempts(taskId).Single()["started_at"]);
            Assert.True(started - created < TimeSpan.FromSeconds(5), $"started {started - created} after intake");

            await serve.SignalAsync("TERM");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
            Assert.True(serve.ExitCode == 0, $"exit {serve.ExitCode}\n{await serve.StderrAsync()}");
            Assert.False(File.Exists(runtime.Directory.Combine("state", "dispatch.lock")));
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Serve_RunOnceOrAnotherServeBesideIt_ReportDispatchLocked()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", Completed);
        runtime.Save();
        var (serve, _) = await ServeProcess.StartAsync(runtime);
        using (serve)
        {
            var runOnce = await HostCli.RunAsync(runtime.Directory.Path, ["run-once", "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(60));
            Assert.Equal(0, runOnce.ExitCode);
            Assert.Equal("dispatch_locked", runOnce.Json["reason"]!.GetValue<string>());

            var second = await HostCli.RunAsync(runtime.Directory.Path, ["serve", "--no-web", "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(60));
            Assert.Equal(1, second.ExitCode);
            Assert.Equal("dispatch_locked", second.Json["reason"]!.GetValue<string>());

            await serve.SignalAsync("INT");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
            Assert.Equal(0, serve.ExitCode);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Serve_WithWeb_ServesTheApiInTheSameProcessAndRunsATaskQueuedThroughIt()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", Completed);
        runtime.Save();
        var (serve, startLine) = await ServeProcess.StartAsync(runtime, "--port", "0");
        using (serve)
        {
            var port = startLine["port"]!.GetValue<int>();
            Assert.NotEqual(0, port);
            Assert.Equal("127.0.0.1", startLine["host"]!.GetValue<string>());
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
            Assert.Contains("\"runtime_name\": \"test-agent\"", await client.GetStringAsync(new Uri("/api/state", UriKind.Relative)), StringComparison.Ordinal);

            using var queued = await client.PostAsync(new Uri("/api/tasks/queue", UriKind.Relative), new StringContent("""{"message":"queued through the API"}"""));
            Assert.Equal(System.Net.HttpStatusCode.Created, queued.StatusCode);
            Assert.True(
                await ProcessTree.WaitUntilAsync(() => (string?)TestDb.Scalar(runtime.DbPath, "SELECT status FROM tasks") == "completed", TimeSpan.FromSeconds(60)),
                "the task queued through the API did not complete");

            await serve.SignalAsync("TERM");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
            Assert.True(serve.ExitCode == 0, $"exit {serve.ExitCode}\n{await serve.StderrAsync()}");
        }
    }

    internal static DateTimeOffset Time(object? stored) =>
        DateTimeOffset.Parse((string)stored!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

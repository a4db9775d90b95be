using AgentRuntime.Host.Tests.Resident;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>
/// Hostile data already in the database (<see cref="StoredRowCases"/>) never stops a phase for
/// everyone: <c>run-once</c>, <c>serve</c>, the web API and the read commands keep working, the
/// good task still runs and the good workflow still advances, and rows the dispatcher can only
/// skip are listed by <c>healthcheck</c>.
/// </summary>
public sealed class StoredHostileDataTests
{
    private const string Completed = """echo '{"status":"completed","operator_summary":"done"}'""";

    private static readonly string[] ReadCommands = ["status", "workflow-list", "workflow-show --id 1", "snapshot --label hostile", "adapters", "schedule-tick"];

    public static TheoryData<string, string, bool> Cases => StoredRowCases.All;

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task RunOnceAndReads_HostileStoredRow_NoCrashGoodWorkRunsAndListedWhenSkipped(string name, string sql, bool listed)
    {
        using var runtime = new TestRuntime().InProcess();
        var goodTask = await PrepareAsync(runtime);
        TestDb.Execute(runtime.DbPath, sql);

        var results = new List<CliResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await runtime.RunAsync("run-once"));
        }

        foreach (var command in ReadCommands)
        {
            results.Add(await runtime.RunAsync(command.Split(' ')));
        }

        var health = await runtime.RunAsync("healthcheck");
        await using var web = await WebServerFixture.StartAsync(runtime);
        var statuses = new List<string>();
        foreach (var route in Routes(goodTask))
        {
            var response = await web.GetAsync(route);
            statuses.Add($"{route} {(int)response.Status}");
        }

        Assert.All(statuses, s => Assert.True(Answered(s), $"{name}: {s}"));
        Assert.All(results, r => Assert.True(r.ExitCode == 0 && !Refusal.IsCrash(r), $"{name}: {r}"));
        Assert.True(health.ExitCode is 0 or 1 && !Refusal.IsCrash(health), $"{name}: {health}");
        AssertGoodWorkDone(runtime, goodTask, name);
        Assert.True(!listed || (health.ExitCode == 1 && health.Json.ContainsKey("dataIssues")), $"{name}: not listed by healthcheck: {health}");
    }

    [Fact(Timeout = 300_000)]
    public async Task ServeAndWeb_EveryHostileStoredRowAtOnce_KeepDispatchingAndAnswering()
    {
        using var runtime = new TestRuntime();
        var goodTask = await PrepareAsync(runtime);
        var n = 0;
        foreach (var (_, sql, _) in StoredRowCases.Cases())
        {
            // Every row once, under keys of its own.
            n++;
            TestDb.Execute(runtime.DbPath, sql.Replace("'hostile", $"'hostile-{n}", StringComparison.Ordinal));
        }

        var (serve, startLine) = await ServeProcess.StartAsync(runtime, "--port", "0");
        using (serve)
        {
            var done = await ProcessTree.WaitUntilAsync(
                () => (string?)TestDb.Scalar(runtime.DbPath, "SELECT status FROM tasks WHERE task_id = $t", ("$t", goodTask)) == "completed"
                    && (long)TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks WHERE source = 'workflow:1:plan'")! > 0,
                TimeSpan.FromSeconds(90));
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{startLine["port"]!.GetValue<int>()}"), Timeout = TimeSpan.FromSeconds(30) };
            var statuses = new List<string>();
            foreach (var route in Routes(goodTask))
            {
                using var response = await client.GetAsync(new Uri(route, UriKind.Relative));
                statuses.Add($"{route} {(int)response.StatusCode}");
            }

            await serve.SignalAsync("TERM");
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), "serve did not stop");
            var stderr = await serve.StderrAsync();
            Assert.True(done, $"the good task or workflow did not run\n{stderr}");
            Assert.All(statuses, s => Assert.True(Answered(s), s));
            Assert.True(serve.ExitCode == 0, $"exit {serve.ExitCode}\n{stderr}");
            Assert.DoesNotContain("dispatch_phase_failed", TestDb.EventTypes(runtime.DbPath));
        }

        var health = await HostCli.RunAsync(runtime.Directory.Path, ["healthcheck", "--config", runtime.ConfigPath], null, TimeSpan.FromSeconds(60));
        Assert.True(health.ExitCode == 1 && !Refusal.IsCrash(health), health.ToString());
        Assert.True(health.Json["dataIssues"]!.AsArray().Count >= StoredRowCases.Cases().Count(c => c.Listed), health.ToString());
    }

    /// <summary>A route answered without a server error: 200, or 404 for the hostile task when the case has none.</summary>
    private static bool Answered(string status) => status.EndsWith(" 200", StringComparison.Ordinal) || status == "/api/tasks/hostile-task 404";

    /// <summary>The API's read routes, over every table a hostile row may sit in.</summary>
    private static string[] Routes(string goodTask) =>
        ["/api/state", "/api/tasks", "/api/tasks?status=pending", "/api/workflows", "/api/events", "/api/schedules", "/api/sensors/events", "/api/snapshots", $"/api/tasks/{goodTask}", "/api/tasks/hostile-task"];

    /// <summary>A runtime with a good queued task (returned) and a good workflow (id 1) whose tasks run on the script adapter.</summary>
    private static async Task<string> PrepareAsync(TestRuntime runtime)
    {
        runtime.AddScriptAdapter("script-ok", Completed);
        runtime.Save();
        var created = await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "good", "--context", """{"summary":"S","requested_profile":"tester"}""");
        Assert.True(created.ExitCode == 0, created.ToString());
        var intake = await runtime.RunAsync("intake", "--json", """{"kind":"good","source":"s","payload":{},"priority":1}""");
        Assert.True(intake.ExitCode == 0, intake.ToString());
        return intake.Json["task_id"]!.GetValue<string>();
    }

    private static void AssertGoodWorkDone(TestRuntime runtime, string goodTask, string name)
    {
        Assert.DoesNotContain("dispatch_phase_failed", TestDb.EventTypes(runtime.DbPath));
        Assert.True(
            (string?)TestDb.Scalar(runtime.DbPath, "SELECT status FROM tasks WHERE task_id = $t", ("$t", goodTask)) == "completed",
            $"{name}: the good task did not run: {TestDb.Scalar(runtime.DbPath, "SELECT status || ' ' || IFNULL(last_error, '') FROM tasks WHERE task_id = $t", ("$t", goodTask))}");
        Assert.True((long)TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks WHERE source = 'workflow:1:plan'")! > 0, $"{name}: the good workflow did not advance");
    }
}

using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>The boot sweep runs when a dispatcher starts and reclaims only the attempts of runners that are gone.</summary>
public sealed class StartupSweepTests
{
    [Fact(Timeout = 120_000)]
    public async Task DispatcherStart_LiveAndDeadRunners_LeavesTheLiveAttemptAndReclaimsTheDeadOnesOnce()
    {
        using var runtime = new TestRuntime();
        runtime.AddScriptAdapter("script-ok", "echo '{\"status\":\"completed\",\"operator_summary\":\"ok\",\"machine_status\":\"ok\"}'");
        runtime.Config["plugins"] = new JsonObject { ["directory"] = Path.Combine(Repo.HostDirectory, "plugins") };
        runtime.Save();
        var host = System.Net.Dns.GetHostName();
        using var alive = ChildProcess.Start("sleep", "60");
        using var exited = ChildProcess.Start("true");
        await exited.WaitForExitAsync();
        var liveRunner = $"{host}:{alive.Id}:2026-05-01T10:00:00.000Z";
        var deadRunner = $"{host}:{exited.Id}:2026-05-01T10:00:00.000Z";
        const string BunRunner = "bun-runner-7f3a";

        try
        {
            var live = await ClaimAsAsync(runtime, liveRunner, "live");
            var dead = await ClaimAsAsync(runtime, deadRunner, "dead");
            var bun = await ClaimAsAsync(runtime, BunRunner, "bun");

            await using var core = RuntimeCore.Open(runtime.ConfigPath, CoreOptions.Default);
            var dispatcher = core.CreateDispatchCycle();
            await dispatcher.RunOnceAsync(CancellationToken.None);

            Assert.Equal(("running", null), AttemptState(runtime, live.Attempt.AttemptId));
            Assert.Equal("running", runtime.Task(live.Task.TaskId)["status"]);
            Assert.Equal(("finished", """{"reason":"boot_sweep"}"""), AttemptState(runtime, dead.Attempt.AttemptId));
            Assert.Equal(("finished", """{"reason":"boot_sweep"}"""), AttemptState(runtime, bun.Attempt.AttemptId));
            Assert.Equal(2L, TestDb.Scalar(runtime.DbPath, "SELECT json_extract(detail_json, '$.attempts_reclaimed') FROM run_events WHERE event_type = 'boot_sweep_reclaimed'"));

            // A later cycle of the same dispatcher does not sweep again: an attempt whose runner is
            // gone but which appeared after start-up is the next dispatcher's to reclaim.
            var late = await ClaimAsAsync(runtime, deadRunner, "late", priority: 9);
            await dispatcher.RunOnceAsync(CancellationToken.None);

            Assert.Equal(("running", null), AttemptState(runtime, late.Attempt.AttemptId));
            Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'boot_sweep_reclaimed'"));
        }
        finally
        {
            alive.Kill();
        }
    }

    /// <summary>Enqueues a task and claims it as the given runner would, on a connection of its own.</summary>
    private static async Task<ClaimedTask> ClaimAsAsync(TestRuntime runtime, string runnerId, string source, int priority = 1)
    {
        var options = new TaskStoreOptions { DefaultProfile = "tester", MaxAttempts = 2, RetryBackoffSeconds = 1, RunnerId = runnerId };
        using var store = new SqliteRuntimeStore(runtime.DbPath, options, TimeProvider.System, Serilog.Core.Logger.None);
        var input = TaskInputParser.Parse(JsonNode.Parse($$"""{"kind":"k","source":"{{source}}","priority":{{priority}},"payload":{} }"""));
        var task = await store.EnqueueAsync(TaskInputValidator.Validate(input, options, TimeProvider.System.GetUtcNow()), CancellationToken.None);
        var claimed = await store.ClaimAsync(CancellationToken.None);
        Assert.Equal(task.TaskId, claimed?.Task.TaskId);
        return claimed!;
    }

    private static (object? Status, object? Diagnostics) AttemptState(TestRuntime runtime, string attemptId)
    {
        var row = TestDb.Query(runtime.DbPath, "SELECT status, diagnostics_json FROM task_attempts WHERE attempt_id = $id", ("$id", attemptId)).Single();
        return (row["status"], row["diagnostics_json"]);
    }
}

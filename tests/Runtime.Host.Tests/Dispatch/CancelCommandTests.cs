using System.Text.Json.Nodes;
using AgentRuntime.Host.Composition;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary><c>cancel</c> of tasks that are not running, the refusals, and a running task whose runner died.</summary>
public sealed class CancelCommandTests
{
    [Theory(Timeout = 60_000)]
    [InlineData("pending")]
    [InlineData("retryable_failure")]
    [InlineData("blocked")]
    public async Task Cancel_QueuedOrBlockedTask_EndsItOperatorCanceledAtOnce(string status)
    {
        using var runtime = new TestRuntime().Save();
        var taskId = await IntakeAsync(runtime);
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET status = $status WHERE task_id = $id", ("$status", status), ("$id", taskId));

        var result = await CancelHarness.CancelAsync(runtime, "--task", taskId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($$"""{"ok":true,"task_id":"{{taskId}}","status":"operator_canceled"}""", result.Json.ToJsonString());
        Assert.Equal("operator_canceled", runtime.Task(taskId)["status"]);
        Assert.Equal(
            $$"""{"reason":null,"previous_status":"{{status}}"}""",
            TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'task_operator_canceled'"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_UnknownOrTerminalTask_RefusesOnStderrWithExitOneAndChangesNothing()
    {
        using var runtime = new TestRuntime().Save();
        var taskId = await IntakeAsync(runtime);
        TestDb.Execute(runtime.DbPath, "UPDATE tasks SET status = 'completed' WHERE task_id = $id", ("$id", taskId));
        var before = Snapshot(runtime);

        var unknown = await CancelHarness.CancelAsync(runtime, "--task", "nope");
        var terminal = await CancelHarness.CancelAsync(runtime, "--task", taskId, "--reason", "late");
        var missing = await CancelHarness.CancelAsync(runtime);

        Assert.Equal((1, "", "error: task not found: nope"), (unknown.ExitCode, unknown.Stdout, unknown.Stderr.Trim()));
        Assert.Equal((1, "", "error: task is already terminal: completed"), (terminal.ExitCode, terminal.Stdout, terminal.Stderr.Trim()));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--task", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(runtime));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_RunningTaskOfADeadRunnerOfThisHost_EndsTheAttemptAndTheTaskAtOnce()
    {
        using var runtime = new TestRuntime().Save();
        using var exited = ChildProcess.Start("true");
        await exited.WaitForExitAsync();
        var claimed = await ClaimAsAsync(runtime, $"{System.Net.Dns.GetHostName()}:{exited.Id}:2026-05-01T10:00:00.000Z");
        var taskId = claimed.Task.TaskId;

        var result = await CancelHarness.CancelAsync(runtime, "--task", taskId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($$"""{"ok":true,"task_id":"{{taskId}}","status":"operator_canceled"}""", result.Json.ToJsonString());
        var attempt = runtime.Attempts(taskId).Single();
        Assert.Equal(("finished", "canceled"), ((string)attempt["status"]!, (string)attempt["exit_status"]!));
        Assert.Equal(
            $$"""{"reason":null,"previous_status":"running","attempt_id":"{{claimed.Attempt.AttemptId}}"}""",
            TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'task_operator_canceled'"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancel_RunningTaskOfARunnerThatCannotBeChecked_StaysRequestedThenTheBootSweepEndsItCanceled()
    {
        using var runtime = new TestRuntime().Save();
        var claimed = await ClaimAsAsync(runtime, "bun-runner-7f3a");
        var taskId = claimed.Task.TaskId;
        var attemptId = claimed.Attempt.AttemptId;

        await using (var core = RuntimeCore.Open(runtime.ConfigPath, CoreOptions.Default))
        {
            var result = await core.Cancel.CancelAsync(taskId, "runner died", TimeSpan.FromMilliseconds(300), CancellationToken.None);

            Assert.Equal($$"""{"ok":true,"task_id":"{{taskId}}","status":"running","cancel_requested":true}""", result.ToJson().ToJsonString());
            Assert.Equal("running", runtime.Task(taskId)["status"]);

            var cycle = await core.CreateDispatchCycle().RunOnceAsync(CancellationToken.None);
            Assert.Equal("idle", cycle["status"]!.GetValue<string>());
        }

        Assert.Equal("operator_canceled", runtime.Task(taskId)["status"]);
        Assert.Equal("finished", runtime.Attempts(taskId).Single()["status"]);
        Assert.Equal(
            $$"""{"reason":"runner died","previous_status":"running","attempt_id":"{{attemptId}}"}""",
            TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'task_operator_canceled'"));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT json_extract(detail_json, '$.tasks_canceled') FROM run_events WHERE event_type = 'boot_sweep_reclaimed'"));
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT json_extract(detail_json, '$.tasks_reclaimed') FROM run_events WHERE event_type = 'boot_sweep_reclaimed'"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Reschedule_AttemptAskedToStop_EndsTheTaskCanceledInsteadOfRequeueingIt()
    {
        using var runtime = new TestRuntime().Save();
        var claimed = await ClaimAsAsync(runtime, "runner-a");
        using var store = Store(runtime, "runner-a");
        await store.RequestCancelAsync(claimed.Task.TaskId, null, CancellationToken.None);

        var write = await store.RescheduleAsync(
            new TaskReschedule { TaskId = claimed.Task.TaskId, Error = "boom", Attempt = new AttemptFinish { AttemptId = claimed.Attempt.AttemptId, ExitStatus = AgentRuntime.Sdk.ExitStatus.Error } },
            CancellationToken.None);

        Assert.True(write.Applied);
        Assert.Equal("operator_canceled", write.Task.Status);
        Assert.Equal("finished", runtime.Attempts(claimed.Task.TaskId).Single()["status"]);
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events WHERE event_type = 'task_retry_scheduled'"));
    }

    private static async Task<string> IntakeAsync(TestRuntime runtime)
    {
        var result = await InProcessCli.RunAsync(runtime.Directory.Path, ["intake", "--json", """{"kind":"k","source":"s","payload":{}}""", "--config", runtime.ConfigPath], TimeProvider.System);
        return result.Json["task_id"]!.GetValue<string>();
    }

    private static string Snapshot(TestRuntime runtime) => string.Join(
        "\n",
        TestDb.Query(runtime.DbPath, "SELECT task_id, status, updated_at, outcome_json FROM tasks").Select(r => string.Join("|", r.Values))
            .Concat(TestDb.Query(runtime.DbPath, "SELECT COUNT(*) AS n FROM run_events").Select(r => $"events={r["n"]}"))
            .Concat(TestDb.Query(runtime.DbPath, "SELECT COUNT(*) AS n FROM task_cancel_requests").Select(r => $"requests={r["n"]}")));

    private static SqliteRuntimeStore Store(TestRuntime runtime, string runnerId) => new(
        runtime.DbPath,
        new TaskStoreOptions { DefaultProfile = "tester", MaxAttempts = 2, RetryBackoffSeconds = 1, RunnerId = runnerId },
        TimeProvider.System,
        Serilog.Core.Logger.None);

    /// <summary>Enqueues a task and claims it as the given runner would, on a connection of its own.</summary>
    private static async Task<ClaimedTask> ClaimAsAsync(TestRuntime runtime, string runnerId)
    {
        using var store = Store(runtime, runnerId);
        var input = TaskInputParser.Parse(JsonNode.Parse("""{"kind":"k","source":"s","payload":{}}"""));
        await store.EnqueueAsync(TaskInputValidator.Validate(input, store.Options, TimeProvider.System.GetUtcNow()), CancellationToken.None);
        return (await store.ClaimAsync(CancellationToken.None))!;
    }
}

using System.Text.Json.Nodes;
using AgentRuntime.Host.Intake;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Sdk;
using Serilog;
using Serilog.Events;

namespace AgentRuntime.Host.Tests.Storage;

/// <summary>Finalize and reschedule through the queue port are fenced on the attempt that claimed the task.</summary>
public sealed class QueueFenceTests
{
    private static readonly TaskStoreOptions Options = new() { DefaultProfile = "tester", MaxAttempts = 3, RetryBackoffSeconds = 30, RunnerId = "runner-a" };

    [Fact(Timeout = 60_000)]
    public async Task FinalizeAsync_FromAttemptSweptAndReclaimed_ChangesNothingAndIsRecorded()
    {
        using var harness = new StoreHarness();
        var sink = new CollectingSink();
        using var store = Open(harness, sink);
        var task = await store.EnqueueAsync(New(harness), CancellationToken.None);
        var stale = (await store.ClaimAsync(CancellationToken.None))!.Attempt.AttemptId;
        await store.BootSweepAsync(_ => true, _ => { }, CancellationToken.None);
        var current = (await store.ClaimAsync(CancellationToken.None))!.Attempt.AttemptId;
        var staleRow = Row(harness, stale);

        var write = await store.FinalizeAsync(
            new TaskFinalization
            {
                TaskId = task.TaskId,
                Attempt = new AttemptFinish { AttemptId = stale, ExitStatus = ExitStatus.Ok, Diagnostics = new JsonObject { ["late"] = true } },
                Outcome = new JsonObject { ["status"] = "completed", ["machine_status"] = "ok" },
            },
            CancellationToken.None);

        Assert.False(write.Applied);
        Assert.Equal(TaskStatuses.Running, write.Task.Status);
        Assert.Null(write.Task.Outcome);
        Assert.Equal(TaskStatuses.Running, (await store.GetTaskAsync(task.TaskId, CancellationToken.None))!.Status);
        Assert.Equal(staleRow, Row(harness, stale));
        Assert.Equal("running", (await store.GetAttemptAsync(current, CancellationToken.None))!.Status);
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM run_events WHERE event_type = 'task_finished'"));
        Assert.Equal(
            $$"""{"runner_id":"runner-a","write":"finalize","task_status":"running","running_attempt_id":"{{current}}"}""",
            harness.Text("SELECT detail_json FROM run_events WHERE event_type = $t AND task_id = $task AND attempt_id = $a", ("$t", TaskStore.StaleWriteEvent), ("$task", task.TaskId), ("$a", stale)));
        var warning = Assert.Single(sink.Events, e => e.Level == LogEventLevel.Warning);
        Assert.Equal($"\"{stale}\"", warning.Properties["AttemptId"].ToString());

        var owner = await store.FinalizeAsync(
            new TaskFinalization
            {
                TaskId = task.TaskId,
                Attempt = new AttemptFinish { AttemptId = current, ExitStatus = ExitStatus.Ok },
                Outcome = new JsonObject { ["status"] = "completed", ["machine_status"] = "ok" },
            },
            CancellationToken.None);
        Assert.True(owner.Applied);
        Assert.Equal(TaskStatuses.Completed, owner.Task.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task RescheduleAsync_AfterTaskFinalized_ChangesNothingAndIsRecorded()
    {
        using var harness = new StoreHarness();
        var sink = new CollectingSink();
        using var store = Open(harness, sink);
        var task = await store.EnqueueAsync(New(harness), CancellationToken.None);
        var attempt = (await store.ClaimAsync(CancellationToken.None))!.Attempt.AttemptId;
        await store.FinalizeAsync(
            new TaskFinalization
            {
                TaskId = task.TaskId,
                Attempt = new AttemptFinish { AttemptId = attempt, ExitStatus = ExitStatus.Ok },
                Outcome = new JsonObject { ["status"] = "completed", ["machine_status"] = "ok" },
            },
            CancellationToken.None);
        var before = (await store.GetTaskAsync(task.TaskId, CancellationToken.None))!;
        var attemptRow = Row(harness, attempt);
        harness.Time.Advance(TimeSpan.FromSeconds(5));

        var write = await store.RescheduleAsync(
            new TaskReschedule
            {
                TaskId = task.TaskId,
                Error = "late retry",
                RefundAttempt = true,
                Attempt = new AttemptFinish { AttemptId = attempt, ExitStatus = ExitStatus.Error },
            },
            CancellationToken.None);

        Assert.False(write.Applied);
        var after = (await store.GetTaskAsync(task.TaskId, CancellationToken.None))!;
        Assert.Equal(
            (before.Status, before.UpdatedAt, before.AvailableAt, before.FinishedAt, before.AttemptCount, before.LastError, JsJson.Serialize(before.Outcome)),
            (after.Status, after.UpdatedAt, after.AvailableAt, after.FinishedAt, after.AttemptCount, after.LastError, JsJson.Serialize(after.Outcome)));
        Assert.Equal(TaskStatuses.Completed, after.Status);
        Assert.Equal(attemptRow, Row(harness, attempt));
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM run_events WHERE event_type = 'task_retry_scheduled'"));
        Assert.Equal(
            """{"runner_id":"runner-a","write":"reschedule","task_status":"completed","running_attempt_id":null}""",
            harness.Text("SELECT detail_json FROM run_events WHERE event_type = $t AND attempt_id = $a", ("$t", TaskStore.StaleWriteEvent), ("$a", attempt)));
        Assert.Single(sink.Events, e => e.Level == LogEventLevel.Warning);
    }

    private static SqliteRuntimeStore Open(StoreHarness harness, CollectingSink sink) =>
        new(harness.DbPath, Options, harness.Time, new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger());

    private static NewTask New(StoreHarness harness) => TaskInputValidator.Validate(StoreHarness.Input(), Options, harness.Time.GetUtcNow());

    /// <summary>The attempt row as text, to compare before and after a write.</summary>
    private static string Row(StoreHarness harness, string attemptId) => harness.Text(
        "SELECT status || '|' || IFNULL(ended_at, '') || '|' || IFNULL(exit_status, '') || '|' || IFNULL(retry_class, '') || '|' || IFNULL(diagnostics_json, '') FROM task_attempts WHERE attempt_id = $a",
        ("$a", attemptId))!;
}

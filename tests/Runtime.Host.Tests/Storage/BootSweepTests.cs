using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Storage;

public sealed class BootSweepTests
{
    [Fact(Timeout = 60_000)]
    public async Task BootSweep_RunningTaskWithAttemptsLeft_RequeuesItAndFinishesTheAttempt()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input(maxAttempts: 2));
        var claimed = harness.Store.Claim()!;
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var next = harness.OpenStore("runner-b");

        var result = next.BootSweep();

        Assert.Equal(new BootSweepResult { TasksReclaimed = 1, AttemptsReclaimed = 1, TasksBlocked = 0 }, result);
        var swept = next.GetTask(task.TaskId)!;
        Assert.Equal(TaskStatuses.RetryableFailure, swept.Status);
        Assert.Equal("2026-05-01T10:01:00.000Z", IsoTime.ToIso(swept.AvailableAt));
        Assert.Equal(1, swept.AttemptCount);
        Assert.Equal(TaskStore.BootSweepError, swept.LastError);
        var attempt = next.GetAttempt(claimed.Attempt.AttemptId)!;
        Assert.Equal(("finished", "error", "retryable"), (attempt.Status, attempt.ExitStatus, attempt.RetryClass));
        Assert.Equal("{\"reason\":\"boot_sweep\"}", JsJson.Serialize(attempt.Diagnostics));
        Assert.Equal(
            "{\"runner_id\":\"runner-b\",\"tasks_reclaimed\":1,\"attempts_reclaimed\":1}",
            harness.Text("SELECT detail_json FROM run_events WHERE event_type = 'boot_sweep_reclaimed' AND task_id IS NULL"));
        Assert.Equal(task.TaskId, next.Claim()?.Task.TaskId);
    }

    /// <summary>
    /// Reference defect B6: the reference sweep leaves this task <c>retryable_failure</c> with
    /// attempt_count == max_attempts, where no claim will ever pick it up again.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task BootSweep_RunningTaskWithNoAttemptsLeft_FinalizesItBlockedInsteadOfStranding()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input(maxAttempts: 1));
        var claimed = harness.Store.Claim()!;
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        var result = harness.Store.BootSweep();

        Assert.Equal(new BootSweepResult { TasksReclaimed = 0, AttemptsReclaimed = 1, TasksBlocked = 1 }, result);
        var swept = harness.Store.GetTask(task.TaskId)!;
        Assert.NotEqual(TaskStatuses.RetryableFailure, swept.Status);
        Assert.Equal(TaskStatuses.Blocked, swept.Status);
        Assert.Equal("2026-05-01T10:01:00.000Z", IsoTime.ToIso(swept.FinishedAt));
        Assert.Equal("reclaimed on boot from prior running state with no attempts left (1 of 1 attempts used)", swept.LastError);
        Assert.Equal("blocked", swept.Outcome!["machine_status"]!.GetValue<string>());
        Assert.Equal(claimed.Attempt.AttemptId, swept.Outcome["attempt_id"]!.GetValue<string>());
        Assert.Contains("no attempts left", swept.Outcome["operator_summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(
            "task_finished|{\"runner_id\":\"runner-a\",\"status\":\"blocked\",\"machine_status\":\"blocked\"}",
            TaskStoreLifecycleTests.Events(harness, task.TaskId)[^1]);
        Assert.Equal(
            "{\"runner_id\":\"runner-a\",\"tasks_reclaimed\":0,\"attempts_reclaimed\":1,\"tasks_blocked\":1}",
            harness.Text("SELECT detail_json FROM run_events WHERE event_type = 'boot_sweep_reclaimed'"));
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM tasks WHERE status = 'retryable_failure' AND attempt_count >= max_attempts"));
    }

    [Fact(Timeout = 60_000)]
    public async Task BootSweep_TaskAlreadyStrandedByTheBunRuntime_FinalizesItBlockedKeepingTheLastError()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input(maxAttempts: 2));

        // What the reference sweep leaves behind.
        harness.Db.Execute("UPDATE tasks SET status = 'retryable_failure', attempt_count = 2, last_error = 'reclaimed on boot from prior running state' WHERE task_id = $t", ("$t", task.TaskId));

        var result = harness.Store.BootSweep();

        Assert.Equal(1, result.TasksBlocked);
        var swept = harness.Store.GetTask(task.TaskId)!;
        Assert.Equal(TaskStatuses.Blocked, swept.Status);
        Assert.Equal("retryable_failure with no attempts left (2 of 2 attempts used); last error: reclaimed on boot from prior running state", swept.LastError);
    }

    [Fact(Timeout = 60_000)]
    public async Task BootSweep_NothingRunning_ChangesNothingAndRecordsNoEvent()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        harness.Store.Enqueue(StoreHarness.Input());

        var result = harness.Store.BootSweep();

        Assert.False(result.Changed);
        Assert.Equal(0, harness.Count("SELECT COUNT(*) FROM run_events WHERE event_type = 'boot_sweep_reclaimed'"));
        Assert.Equal(new Dictionary<string, long> { ["pending"] = 1 }, harness.GroupByCounts());
    }
}

using System.Collections.Concurrent;
using AgentRuntime.Host.Json;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Storage;

public sealed class TaskStoreClaimTests
{
    [Fact(Timeout = 60_000)]
    public async Task Claim_MixedPrioritiesAgesAndSameInstant_ClaimsByPriorityThenAgeThenInsertion()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var oldLow = harness.Store.Enqueue(StoreHarness.Input("old-low", priority: 1));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var sameA = harness.Store.Enqueue(StoreHarness.Input("same-a", priority: 5));
        var sameB = harness.Store.Enqueue(StoreHarness.Input("same-b", priority: 5));
        var sameC = harness.Store.Enqueue(StoreHarness.Input("same-c", priority: 5));
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var newHigh = harness.Store.Enqueue(StoreHarness.Input("new-high", priority: 9));

        // Same created_at text: only insertion order (rowid) separates them, however the ids sort.
        Assert.Equal(sameA.CreatedAt, sameC.CreatedAt);
        var order = new List<string>();
        while (harness.Store.Claim() is { } claimed)
        {
            order.Add(claimed.Task.TaskId);
        }

        Assert.Equal([newHigh.TaskId, sameA.TaskId, sameB.TaskId, sameC.TaskId, oldLow.TaskId], order);
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_BeforeAvailableAt_ReturnsNullUntilTheInstant()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input(delayMinutes: 0.5));
        Assert.Equal("2026-05-01T10:00:30.000Z", IsoTime.ToIso(task.AvailableAt));

        harness.Time.Advance(TimeSpan.FromMilliseconds(29_999));
        Assert.Null(harness.Store.Claim());

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(task.TaskId, harness.Store.Claim()?.Task.TaskId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_AttemptsExhausted_ReturnsNull()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var task = harness.Store.Enqueue(StoreHarness.Input(maxAttempts: 1));
        var first = harness.Store.Claim()!;
        harness.Store.Reschedule(new TaskReschedule { TaskId = task.TaskId, Error = "boom", AvailableAt = StoreHarness.Start });

        Assert.Equal(TaskStatuses.RetryableFailure, harness.Store.GetTask(task.TaskId)!.Status);
        Assert.Equal(1, first.Task.AttemptCount);
        Assert.Null(harness.Store.Claim());
    }

    [Fact(Timeout = 60_000)]
    public async Task Claim_EligibleTask_MarksRunningInsertsAttemptAndRecordsEvent()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var plain = harness.Store.Enqueue(StoreHarness.Input("plain", priority: 9));
        var pinned = harness.Store.Enqueue(StoreHarness.Input("pinned", requestedAdapter: "codex-local"));
        harness.Time.Advance(TimeSpan.FromSeconds(2));

        var claimed = harness.Store.Claim()!;

        Assert.Equal(plain.TaskId, claimed.Task.TaskId);
        Assert.Equal(TaskStatuses.Running, claimed.Task.Status);
        Assert.Equal(1, claimed.Task.AttemptCount);
        Assert.Equal("2026-05-01T10:00:02.000Z", IsoTime.ToIso(claimed.Task.StartedAt));
        Assert.Equal("2026-05-01T10:00:02.000Z", IsoTime.ToIso(claimed.Task.UpdatedAt));
        Assert.Equal(TaskStore.PendingResolutionAdapter, claimed.Attempt.AdapterId);
        Assert.Equal("unresolved", claimed.Attempt.AdapterKind);
        Assert.Equal("runner-a", claimed.Attempt.RunnerId);
        Assert.Equal("running", claimed.Attempt.Status);
        Assert.Null(claimed.Attempt.ExitStatus);
        Assert.Equal(
            "{\"runner_id\":\"runner-a\"}",
            harness.Text("SELECT detail_json FROM run_events WHERE event_type = 'task_claimed' AND task_id = $t AND attempt_id = $a", ("$t", plain.TaskId), ("$a", claimed.Attempt.AttemptId)));

        var second = harness.Store.Claim()!;
        Assert.Equal(pinned.TaskId, second.Task.TaskId);
        Assert.Equal("codex-local", second.Attempt.AdapterId);
        Assert.Null(harness.Store.Claim());
    }

    [Fact(Timeout = 120_000)]
    public async Task Claim_TwoConnectionsHammering_NeverClaimsATaskTwice()
    {
        using var harness = new StoreHarness();
        const int tasks = 150;
        for (var i = 0; i < tasks; i++)
        {
            harness.Store.Enqueue(StoreHarness.Input(source: $"s{i}", maxAttempts: 5));
        }

        var claims = new ConcurrentBag<(string Runner, string TaskId)>();
        var workers = new[] { "runner-x", "runner-y" }.Select(runner => Task.Run(() =>
        {
            // Each worker has its own connection, as a separate process would.
            var store = harness.OpenStore(runner);
            while (store.Claim() is { } claimed)
            {
                claims.Add((runner, claimed.Task.TaskId));
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(tasks, claims.Count);
        Assert.Equal(tasks, claims.Select(c => c.TaskId).Distinct().Count());
        Assert.Equal(tasks, harness.Count("SELECT COUNT(*) FROM task_attempts"));
        Assert.Equal(tasks, harness.Count("SELECT COUNT(*) FROM tasks WHERE status = 'running' AND attempt_count = 1"));
        Assert.Equal(tasks, harness.Count("SELECT COUNT(*) FROM run_events WHERE event_type = 'task_claimed'"));
        Assert.Equal(new Dictionary<string, long> { ["running"] = tasks }, harness.GroupByCounts());
    }
}

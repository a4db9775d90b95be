using System.Text.Json.Nodes;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Tests.Storage;

public sealed class StatusCountsTests
{
    [Fact(Timeout = 60_000)]
    public async Task ReadStatus_ThroughInsertClaimFinalizeCancelSweepAndDelete_CountsMatchTheTable()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        var store = harness.Store;
        void AssertCountsMatch()
        {
            var expected = harness.GroupByCounts().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new StatusCount(p.Key, p.Value));
            Assert.Equal(expected, store.ReadStatus().Counts);
        }

        var tasks = Enumerable.Range(0, 6).Select(i => store.Enqueue(StoreHarness.Input(source: $"s{i}", maxAttempts: 3))).ToList();
        AssertCountsMatch();
        var a = store.Claim()!;
        var b = store.Claim()!;
        var c = store.Claim()!;
        AssertCountsMatch();
        store.Finalize(new TaskFinalization { TaskId = a.Task.TaskId, Attempt = new AttemptFinish { AttemptId = a.Attempt.AttemptId, ExitStatus = ExitStatus.Ok }, Outcome = new JsonObject { ["status"] = "completed", ["machine_status"] = "ok" } });
        store.Reschedule(new TaskReschedule { TaskId = b.Task.TaskId, Error = "x" });
        store.Cancel(tasks[5].TaskId, "no");
        AssertCountsMatch();
        store.BootSweep();
        AssertCountsMatch();

        // A status-preserving update must not move counts; a delete must.
        harness.Db.Execute("UPDATE tasks SET status = status, priority = 9");
        harness.Db.Execute("DELETE FROM tasks WHERE task_id IN ($a, $c)", ("$a", a.Task.TaskId), ("$c", c.Task.TaskId));
        AssertCountsMatch();
        Assert.DoesNotContain(store.ReadStatus().Counts, count => count.Count == 0);
        Assert.Equal(
            [new StatusCount("operator_canceled", 1), new StatusCount("pending", 2), new StatusCount("retryable_failure", 1)],
            store.ReadStatus().Counts);
    }
}

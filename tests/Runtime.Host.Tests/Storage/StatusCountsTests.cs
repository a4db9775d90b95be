using System.Diagnostics;
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

    /// <summary>
    /// Another SQLite build (the system's sqlite3 CLI, standing in for the Bun runtime's) must parse
    /// the migrated schema and keep the counts right through its own writes. Passes vacuously where
    /// sqlite3 is not installed.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task ReadStatus_OtherSqliteBuildWritesTheFile_CountsStayRight()
    {
        var sqlite3 = new[] { "/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3" }.FirstOrDefault(File.Exists);
        if (sqlite3 is null)
        {
            return;
        }

        using var harness = new StoreHarness();
        var kept = harness.Store.Enqueue(StoreHarness.Input(source: "kept"));
        harness.Store.Enqueue(StoreHarness.Input(source: "gone"));

        var start = new ProcessStartInfo(sqlite3) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(harness.DbPath);
        start.ArgumentList.Add($"""
            PRAGMA busy_timeout = 5000;
            INSERT INTO tasks (task_id, kind, source, priority, payload_json, requested_profile, requested_adapter, status, created_at, updated_at, max_attempts, available_at)
              VALUES ('bun-1', 'probe', 'bun', 5, '{"{}"}', 'lumen', '', 'pending', '2026-05-01T09:00:00.000Z', '2026-05-01T09:00:00.000Z', 2, '2026-05-01T09:00:00.000Z');
            UPDATE tasks SET status = 'running' WHERE task_id = 'bun-1';
            UPDATE tasks SET status = 'blocked' WHERE task_id = '{kept.TaskId}';
            DELETE FROM tasks WHERE source = 'gone';
            """);
        using var process = ChildProcess.Start(start);
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Equal([new StatusCount("blocked", 1), new StatusCount("running", 1)], harness.Store.ReadStatus().Counts);
        Assert.Equal(new Dictionary<string, long> { ["blocked"] = 1, ["running"] = 1 }, harness.GroupByCounts());
    }
}

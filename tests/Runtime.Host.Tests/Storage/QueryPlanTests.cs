using System.Text.Json.Nodes;
using AgentRuntime.Host.Dispatch.Bundles;
using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;
using AgentRuntime.Sdk;

namespace AgentRuntime.Host.Tests.Storage;

/// <summary>
/// The hot queries must walk an index and stop early: no full table scan and no temp B-tree sort,
/// with or without planner statistics (ANALYZE), so they stay flat as tables grow.
/// </summary>
public sealed class QueryPlanTests
{
    public static TheoryData<bool> Analyzed => new() { false, true };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Analyzed))]
    public async Task ClaimQuery_Plan_WalksTheClaimableIndexWithoutSorting(bool analyzed)
    {
        await Task.Yield();
        using var harness = Populated(analyzed);

        var plan = StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.ClaimSelectSql, ("$now", "2026-05-01T10:00:00.000Z"));

        AssertIndexedWithoutSort(plan, "idx_tasks_claimable");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Analyzed))]
    public async Task RecentQuery_Plan_WalksUpdatedAtAndSearchesLatestAttemptAndBundle(bool analyzed)
    {
        await Task.Yield();
        using var harness = Populated(analyzed);

        var plan = StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.RecentSql, ("$limit", 5));

        AssertIndexedWithoutSort(plan, "idx_tasks_updated_at");
        Assert.Contains(plan, line => line.Contains("idx_task_attempts_task_latest (task_id=?)", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("idx_bundles_task_latest (task_id=?)", StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Analyzed))]
    public async Task CountsAndLastEventQueries_Plan_NeverTouchTasksOrScanEvents(bool analyzed)
    {
        await Task.Yield();
        using var harness = Populated(analyzed);

        var counts = StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.CountsSql);
        var last = StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.LastEventSql);

        Assert.All(counts, line => Assert.DoesNotContain(" tasks", line, StringComparison.Ordinal));
        Assert.Contains(counts, line => line.Contains("task_status_counts", StringComparison.Ordinal));
        Assert.DoesNotContain(last, line => line.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Contains(last, line => line.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Analyzed))]
    public async Task EventsAfterQuery_Plan_SearchesThePrimaryKeyRange(bool analyzed)
    {
        await Task.Yield();
        using var harness = Populated(analyzed);

        var plan = StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.EventsAfterSql, ("$after", 10), ("$limit", 50));

        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal) || line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("INTEGER PRIMARY KEY (rowid>?)", StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Analyzed))]
    public async Task SweepAndDedupeQueries_Plan_UseTheirIndexes(bool analyzed)
    {
        await Task.Yield();
        using var harness = Populated(analyzed);

        AssertIndexedWithoutSort(StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.RunningAttemptsSql), "idx_task_attempts_running");
        AssertIndexedWithoutSort(StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.StrandedSelectSql), "idx_tasks_stranded");
        AssertIndexedWithoutSort(
            StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.ActiveSourceSql, ("$source", "s1"), ("$a", "pending"), ("$b", "running"), ("$c", "retryable_failure")),
            "idx_tasks_source_status");
    }

    /// <summary>The fence runs on every finalize and reschedule, the orphan query on every sweep: neither may read a whole table.</summary>
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Analyzed))]
    public async Task FenceAndOrphanQueries_Plan_ReadNoWholeTable(bool analyzed)
    {
        await Task.Yield();
        using var harness = Populated(analyzed);

        foreach (var plan in new[]
        {
            StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.OwnerSql, ("$task", "t1")),
            StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.OrphanedTasksSql),
        })
        {
            Assert.Contains(plan, line => line.StartsWith("SEARCH a USING ", StringComparison.Ordinal) && line.Contains("INDEX", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal));
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Analyzed))]
    public async Task TaskListQueries_Plan_WalkUpdatedAtWithoutSortingWithOrWithoutStatus(bool analyzed)
    {
        await Task.Yield();
        using var harness = Populated(analyzed);

        var all = StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.ListTasksSql, ("$limit", 20));
        var running = StoreHarness.QueryPlan(harness.Db.Connection, TaskStore.ListTasksOfStatusSql, ("$status", "running"), ("$limit", 20));

        AssertIndexedWithoutSort(all, "idx_tasks_updated_at");
        AssertIndexedWithoutSort(running, "idx_tasks_status_updated_at (status=?)");
        Assert.Contains(running, line => line.Contains("idx_task_attempts_task_latest (task_id=?)", StringComparison.Ordinal));
    }

    private static void AssertIndexedWithoutSort(List<string> plan, string index)
    {
        var text = string.Join("\n", plan);
        Assert.Contains(plan, line => line.Contains($"INDEX {index}", StringComparison.Ordinal));
        Assert.DoesNotContain("TEMP B-TREE", text, StringComparison.Ordinal);

        // A bare "SCAN <table>" (no index) reads the whole table.
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal));
    }

    /// <summary>Mostly finished tasks with attempts, bundles and events, plus a pending tail.</summary>
    private static StoreHarness Populated(bool analyzed)
    {
        var harness = new StoreHarness();
        var store = harness.Store;
        harness.Db.InTransaction(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                store.Enqueue(StoreHarness.Input(source: $"s{i % 40}", priority: i % 7));
            }

            for (var i = 0; i < 250; i++)
            {
                var claimed = store.Claim()!;
                store.InsertBundle(new NewBundle
                {
                    BundleId = Guid.NewGuid().ToString(),
                    TaskId = claimed.Task.TaskId,
                    AttemptId = claimed.Attempt.AttemptId,
                    BundleHash = $"h{i % 10}",
                    ProfileId = "tester",
                    AdapterId = "script",
                    ReplayGrade = ReplayGrades.BestEffort,
                    RelativePath = "r",
                    PromptRelativePath = "p",
                    PromptPath = "/p",
                });
                store.Finalize(new TaskFinalization
                {
                    TaskId = claimed.Task.TaskId,
                    Attempt = new AttemptFinish { AttemptId = claimed.Attempt.AttemptId, ExitStatus = ExitStatus.Ok },
                    Outcome = new JsonObject { ["status"] = i % 10 == 0 ? "blocked" : "completed", ["machine_status"] = "ok" },
                });
            }
        });
        if (analyzed)
        {
            harness.Db.Execute("ANALYZE");
        }

        return harness;
    }
}

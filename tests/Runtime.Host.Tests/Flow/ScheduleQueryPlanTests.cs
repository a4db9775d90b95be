using AgentRuntime.Host.Storage;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>The due-schedule query compares ISO text through <c>idx_schedules_due</c> instead of scanning with <c>datetime()</c>.</summary>
public sealed class ScheduleQueryPlanTests
{
    [Fact(Timeout = 60_000)]
    public async Task DueQuery_Plan_SearchesTheDueIndex()
    {
        await Task.Yield();
        using var harness = new StoreHarness();
        for (var i = 0; i < 200; i++)
        {
            harness.Db.Execute(
                "INSERT INTO schedules (schedule_id, name, enabled, interval_seconds, next_run_at, task_json, created_at, updated_at) VALUES ($id, $id, $e, 60, $next, '{}', 'x', 'x')",
                ("$id", $"s{i}"),
                ("$e", i % 3 == 0 ? 0 : 1),
                ("$next", $"2026-05-01T10:{i % 60:00}:00.000Z"));
        }

        harness.Db.Execute("ANALYZE");

        var plan = StoreHarness.QueryPlan(harness.Db.Connection, ScheduleStore.DueSql, ("$at", "2026-05-01T10:30:00.000Z"));

        Assert.Contains(plan, line => line.Contains("USING INDEX idx_schedules_due (enabled=? AND next_run_at<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN schedules", StringComparison.Ordinal));
    }
}

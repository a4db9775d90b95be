using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Dispatch;

/// <summary>An operator points AgentRuntime at the config and state the Bun runtime wrote, and keeps dispatching.</summary>
public sealed class BunFixtureDispatchTests
{
    private const string ProbeTask = "93b5dbb0-373c-43b8-8020-9f80b28fb63e";
    private const string DelayedCheckin = "5a470f69-67b0-4fe1-9dd0-6230adee8cc8";

    [Fact(Timeout = 180_000)]
    public async Task BunState_KeepsDispatching_UntilIdle_WithNothingLeftRunning()
    {
        using var fixture = new BunFixture();
        var completedBefore = Convert.ToInt64(TestDb.Scalar(fixture.DbPath, "SELECT COUNT(*) FROM tasks WHERE status = 'completed'"), System.Globalization.CultureInfo.InvariantCulture);

        var statuses = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var result = await fixture.RunAsync("run-once");
            Assert.True(result.ExitCode == 0, result.ToString());
            statuses.Add(result.Json["status"]!.GetValue<string>());
            if (statuses[^1] == "idle")
            {
                break;
            }
        }

        Assert.Equal("idle", statuses[^1]);
        Assert.Equal(0L, TestDb.Scalar(fixture.DbPath, "SELECT COUNT(*) FROM tasks WHERE status = 'running'"));
        Assert.Equal(0L, TestDb.Scalar(fixture.DbPath, "SELECT COUNT(*) FROM task_attempts WHERE status = 'running'"));

        // The Bun runtime left "probe" (flaky script, 1 of 2 attempts used) retryable: its second attempt exhausts it.
        var probe = TestDb.Query(fixture.DbPath, "SELECT status, attempt_count, last_error FROM tasks WHERE task_id = $t", ("$t", ProbeTask)).Single();
        Assert.Equal("blocked", probe["status"]);
        Assert.Equal(2L, probe["attempt_count"]);
        Assert.Equal("upstream returned 503\n", probe["last_error"]);

        // The heartbeat it queued with a 30-minute delay runs through the real heartbeat script.
        var checkin = TestDb.Query(fixture.DbPath, "SELECT status, outcome_json FROM tasks WHERE task_id = $t", ("$t", DelayedCheckin)).Single();
        Assert.Equal("completed", checkin["status"]);
        Assert.Equal("heartbeat ok", JsonNode.Parse((string)checkin["outcome_json"]!)!["operator_summary"]!.GetValue<string>());
        Assert.True(Convert.ToInt64(TestDb.Scalar(fixture.DbPath, "SELECT COUNT(*) FROM tasks WHERE status = 'completed'"), System.Globalization.CultureInfo.InvariantCulture) > completedBefore);

        // New bundles sit beside the Bun-written ones.
        Assert.True(Directory.GetFiles(fixture.Directory.Combine("state", "artifacts", "bundles"), "*.json", SearchOption.AllDirectories).Length > 7);
        var status = await fixture.RunAsync("status");
        Assert.Equal(["counts", "recent", "lastEvent"], status.Json.Select(p => p.Key));
    }
}

using System.Text.Json.Nodes;
using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>The schedule, sensor event and workflows the Bun runtime wrote keep working here.</summary>
public sealed class BunFixtureFlowTests
{
    [Fact(Timeout = 180_000)]
    public async Task BunState_RunOnce_EvaluatesItsScheduleAndWorkflowsWithoutErrors()
    {
        using var fixture = new BunFixture();
        const string RetryDisabled = "SELECT COUNT(*) FROM run_events WHERE event_type = 'workflow_state_retry_disabled' AND task_id = 'e18bdb33-580f-40ce-aee4-76c9642f47e9'";
        var retryDisabledBefore = (long)TestDb.Scalar(fixture.DbPath, RetryDisabled)!;
        var nextRunBefore = (string)TestDb.Scalar(fixture.DbPath, "SELECT next_run_at FROM schedules WHERE name = 'aibtc-checkin'")!;

        var listed = await fixture.RunAsync("workflow-list");
        var shown = await fixture.RunAsync("workflow-show", "--instance_key", "lumen-community-wiki");
        var result = await fixture.RunAsync("run-once");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Equal([1, 2], listed.Json["workflows"]!.AsArray().Select(w => w!["id"]!.GetValue<int>()).Order());
        Assert.Equal("basics_researched", shown.Json["context"]!["last_workflow_signal"]!.GetValue<string>());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);

        // The Bun schedule (due at 00:29:42 on the day the fixture was made) produced its slot's task and moved on.
        Assert.Equal(1L, TestDb.Scalar(fixture.DbPath, "SELECT COUNT(*) FROM tasks WHERE source = $s", ("$s", $"schedule:aibtc-checkin:{nextRunBefore}")));
        Assert.True(string.CompareOrdinal((string)TestDb.Scalar(fixture.DbPath, "SELECT next_run_at FROM schedules")!, nextRunBefore) > 0);

        // community-research: the Bun-completed outline task advances the workflow (its context had no state_entered_at).
        Assert.Equal("research-wallet-onboarding", TestDb.Scalar(fixture.DbPath, "SELECT current_state FROM workflows WHERE id = 2"));

        // goal-loop: its plan task was blocked under Bun; goal-loop tasks are not requeued.
        Assert.Equal("plan", TestDb.Scalar(fixture.DbPath, "SELECT current_state FROM workflows WHERE id = 1"));
        Assert.Equal(retryDisabledBefore + 1, TestDb.Scalar(fixture.DbPath, RetryDisabled));
        Assert.Equal(1L, TestDb.Scalar(fixture.DbPath, "SELECT COUNT(*) FROM tasks WHERE source = 'workflow:1:plan'"));

        var log = File.ReadAllLines(fixture.Directory.Combine("state", "logs", "runtime.jsonl"))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Select(line => line["event"]!.GetValue<string>())
            .ToList();
        Assert.Contains("schedule_evaluation", log);
        Assert.Contains("workflow_evaluation", log);

        // The next cycle creates the new state's task.
        Assert.Equal(0, (await fixture.RunAsync("run-once")).ExitCode);
        Assert.Equal(1L, TestDb.Scalar(fixture.DbPath, "SELECT COUNT(*) FROM tasks WHERE source = 'workflow:2:research-wallet-onboarding'"));
    }
}

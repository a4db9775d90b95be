using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>The workflow-* commands: output shapes, the spec's messages, and B15.</summary>
public sealed class WorkflowCliTests
{
    [Fact(Timeout = 120_000)]
    public async Task WorkflowCreate_SameInstanceKeyTwice_SecondReportsTheExistingRowAndWritesNothing()
    {
        using var runtime = new TestRuntime().InProcess().Save();

        var first = await runtime.RunAsync("workflow-create", "--template", "community-research", "--instance_key", "wiki", "--context", """{"topic": "AIBTC community wiki"}""");
        var second = await runtime.RunAsync("workflow-create", "--template", "wallet-onboarding", "--instance_key", "wiki");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("""{"created":true,"workflow_id":1,"template":"community-research","instance_key":"wiki","state":"discover-aibtc-basics"}""", first.Json.ToJsonString());
        Assert.False(second.Json["created"]!.GetValue<bool>());
        var row = second.Json["workflow"]!.AsObject();
        Assert.Equal(["id", "template", "instance_key", "current_state", "context_json", "created_at", "updated_at", "completed_at"], row.Select(p => p.Key));

        // The context is stored as given, not re-serialized.
        Assert.Equal("""{"topic": "AIBTC community wiki"}""", row["context_json"]!.GetValue<string>());
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM workflows"));
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM run_events"));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(new[] { "workflow-create", "--template", "goal-loop" }, "Provide --template <name> and --instance_key <key>")]
    [InlineData(new[] { "workflow-create", "--template", "nope", "--instance_key", "k" }, "Unknown workflow template: nope")]
    [InlineData(new[] { "workflow-create", "--template", "goal-loop", "--instance_key", "k", "--context", "{oops" }, "--context: not valid JSON")]
    [InlineData(new[] { "workflow-show", "--instance_key", "missing" }, "Provide --id <number> or --instance_key <key> for an existing workflow")]
    [InlineData(new[] { "workflow-transition", "--id", "1" }, "Provide --id <number> and --state <new_state>")]
    [InlineData(new[] { "workflow-transition", "--id", "9", "--state", "execute" }, "Workflow not found: 9")]
    [InlineData(new[] { "workflow-complete" }, "Provide --id <number>")]
    public async Task WorkflowCommands_BadArguments_ExitNonZeroWithTheSpecMessage(string[] args, string message)
    {
        using var runtime = new TestRuntime().InProcess().Save();

        var result = await runtime.RunAsync(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact(Timeout = 120_000)]
    public async Task WorkflowTransition_ToATargetAndNotToASignal_MergesContextAndRecordsTheEvent()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g", "--context", """{"summary":"S","objective":"O"}""");

        var bySignal = await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "plan_ready");
        var moved = await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "execute", "--context", """{"objective":"O2","extra":[1]}""");
        var shown = await runtime.RunAsync("workflow-show", "--id", "1");
        var list = await runtime.RunAsync("workflow-list");

        Assert.Contains("Transition not allowed from plan to plan_ready", bySignal.Stderr, StringComparison.Ordinal);
        Assert.Equal("""{"transitioned":true,"workflow_id":1,"from":"plan","to":"execute"}""", moved.Json.ToJsonString());
        var context = shown.Json["context"]!.AsObject();
        Assert.Equal(["summary", "objective", "extra", "state_entered_at"], context.Select(p => p.Key));
        Assert.Equal("O2", context["objective"]!.GetValue<string>());
        Assert.Equal("execute", shown.Json["current_state"]!.GetValue<string>());
        Assert.Null(shown.Json["completed_at"]);
        Assert.Single(list.Json["workflows"]!.AsArray());
        Assert.Equal("""{"workflow_id":1,"new_state":"execute"}""", TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'workflow_transitioned'"));
    }

    [Fact(Timeout = 120_000)]
    public async Task WorkflowTransition_IntoTheTerminalCompleteState_SetsCompletedAt()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g", "--state", "verify");

        var result = await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "complete");
        var list = await runtime.RunAsync("workflow-list");

        // The reference (B15) left completed_at null: an active workflow parked in a terminal state.
        Assert.True(result.ExitCode == 0, result.ToString());
        var row = TestDb.Query(runtime.DbPath, "SELECT current_state, completed_at, updated_at FROM workflows").Single();
        Assert.Equal("complete", row["current_state"]);
        Assert.NotNull(row["completed_at"]);
        Assert.Empty(list.Json["workflows"]!.AsArray());
        Assert.Equal(["workflow_transitioned", "workflow_completed"], TestDb.EventTypes(runtime.DbPath));
    }

    [Fact(Timeout = 120_000)]
    public async Task WorkflowComplete_ExistingWorkflow_SetsCompletedAtAndDropsItFromTheList()
    {
        using var runtime = new TestRuntime().InProcess().Save();
        await runtime.RunAsync("workflow-create", "--template", "wallet-onboarding", "--instance_key", "w");

        var result = await runtime.RunAsync("workflow-complete", "--id", "1");
        var missing = await runtime.RunAsync("workflow-complete", "--id", "2");
        var byKey = await runtime.RunAsync("workflow-show", "--instance_key", "w");

        Assert.Equal("""{"completed":true,"workflow_id":1}""", result.Json.ToJsonString());
        Assert.Contains("Workflow not found: 2", missing.Stderr, StringComparison.Ordinal);
        Assert.NotNull(byKey.Json["completed_at"]);
        Assert.Null(byKey.Json["context"]);
        Assert.Equal(["workflow_completed"], TestDb.EventTypes(runtime.DbPath));
    }
}

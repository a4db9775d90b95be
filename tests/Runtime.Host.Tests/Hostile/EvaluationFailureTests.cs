using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>A stored workflow the phase cannot evaluate is reported once per distinct error, recovers visibly, and is listed by <c>healthcheck</c>.</summary>
public sealed class EvaluationFailureTests
{
    private const string FailuresSql = "SELECT COUNT(*) FROM run_events WHERE event_type = 'workflow_evaluation_failed'";

    private const string RecoveriesSql = "SELECT COUNT(*) FROM run_events WHERE event_type = 'workflow_evaluation_recovered'";

    [Fact(Timeout = 180_000)]
    public async Task WorkflowPhase_SameFailureOnEveryCycle_OneEventPerDistinctErrorUntilItRecovers()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo done");
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "bad")).ExitCode);

        SetObjective(runtime, 300 * 1024);
        await RunOnce(runtime, 3);
        var afterSame = TestDb.Scalar(runtime.DbPath, FailuresSql);
        SetObjective(runtime, 400 * 1024);
        await RunOnce(runtime, 2);
        var afterChanged = TestDb.Scalar(runtime.DbPath, FailuresSql);
        SetObjective(runtime, 10);
        await RunOnce(runtime, 1);
        var recoveries = TestDb.Scalar(runtime.DbPath, RecoveriesSql);

        // The recovered state's task ran (and was blocked: the template's profile is not configured); without it the action runs again.
        TestDb.Execute(runtime.DbPath, "DELETE FROM tasks");
        SetObjective(runtime, 400 * 1024);
        await RunOnce(runtime, 2);

        Assert.Equal(1L, afterSame);
        Assert.Equal(2L, afterChanged);
        Assert.Equal(1L, recoveries);
        Assert.Equal(3L, TestDb.Scalar(runtime.DbPath, FailuresSql));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, RecoveriesSql));
        Assert.DoesNotContain("dispatch_phase_failed", TestDb.EventTypes(runtime.DbPath));
    }

    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_WorkflowWhoseTaskCannotBeBuilt_ListedBeforeAnyCycle()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo done");
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "bad")).ExitCode);
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "good")).ExitCode);
        SetObjective(runtime, 300 * 1024);

        var result = await runtime.RunAsync("healthcheck");

        Assert.Equal(1, result.ExitCode);
        var issue = Assert.Single(result.Json["dataIssues"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("workflow 1 (bad): evaluation fails (payload: too large (", issue, StringComparison.Ordinal);
        Assert.EndsWith("); it is skipped on every cycle", issue, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_RecordedEvaluationFailure_ListedUntilTheWorkflowEvaluatesAgain()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo done");
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "w")).ExitCode);
        TestDb.Execute(
            runtime.DbPath,
            """INSERT INTO run_events (event_type, task_id, attempt_id, detail_json, created_at) VALUES ('workflow_evaluation_failed', NULL, NULL, '{"workflow_id":1,"error":"boom"}', '2026-01-01T00:00:00.000Z')""");

        var failing = await runtime.RunAsync("healthcheck");
        await RunOnce(runtime, 1);
        var recovered = await runtime.RunAsync("healthcheck");

        Assert.Equal(1, failing.ExitCode);
        Assert.Equal(["workflow 1 (w): evaluation fails (boom); it is skipped on every cycle"], failing.Json["dataIssues"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, RecoveriesSql));
        Assert.True(recovered.ExitCode == 0 && !recovered.Json.ContainsKey("dataIssues"), recovered.ToString());
    }

    private static void SetObjective(TestRuntime runtime, int length) =>
        TestDb.Execute(runtime.DbPath, "UPDATE workflows SET context_json = $c WHERE id = 1", ("$c", $$"""{"objective":"{{new string('o', length)}}"}"""));

    private static async Task RunOnce(TestRuntime runtime, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var run = await runtime.RunAsync("run-once");
            Assert.True(run.ExitCode == 0 && !Refusal.IsCrash(run), run.ToString());
        }
    }
}

using AgentRuntime.Host.Tests.TestSupport;

namespace AgentRuntime.Host.Tests.Hostile;

/// <summary>JSON already in the database with a repeated key (the Bun runtime stores a context as given) is read as JavaScript reads it: first position, last value.</summary>
public sealed class StoredDataTests
{
    [Fact(Timeout = 120_000)]
    public async Task StoredContextWithDuplicateKey_WorkflowPhaseShowSnapshotAndTransitionKeepWorking()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo done");
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "g", "--context", """{"summary":"S","objective":"O"}""")).ExitCode);
        TestDb.Execute(runtime.DbPath, """UPDATE workflows SET context_json = '{"a":1,"summary":"S","a":2,"objective":"O"}' WHERE id = 1""");

        var run = await runtime.RunAsync("run-once");
        var show = await runtime.RunAsync("workflow-show", "--id", "1");
        var snapshot = await runtime.RunAsync("snapshot", "--label", "dup");
        var transition = await runtime.RunAsync("workflow-transition", "--id", "1", "--state", "execute", "--context", """{"b":3}""");

        Assert.True(run.ExitCode == 0 && !Refusal.IsCrash(run), run.ToString());
        Assert.DoesNotContain("dispatch_phase_failed", TestDb.EventTypes(runtime.DbPath));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks WHERE source = 'workflow:1:plan'"));
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Equal("""{"a":2,"summary":"S","objective":"O"}""", show.Json["context"]!.ToJsonString());
        Assert.True(snapshot.ExitCode == 0, snapshot.ToString());
        Assert.True(transition.ExitCode == 0, transition.ToString());
        Assert.StartsWith("""{"a":2,"summary":"S","objective":"O","b":3,""", (string)TestDb.Scalar(runtime.DbPath, "SELECT context_json FROM workflows WHERE id = 1")!, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task StoredPayloadAndScheduleTaskWithDuplicateKey_StatusTickAndRunOnceKeepWorking()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo done");
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("schedule-create", "--json", """{"name":"n","interval_seconds":60,"task":{"kind":"k","payload":{}}}""")).ExitCode);
        TestDb.Execute(runtime.DbPath, """UPDATE schedules SET task_json = '{"kind":"k","payload":{"x":1,"x":2},"kind":"tick"}'""");

        var tick = await runtime.RunAsync("schedule-tick");
        var status = await runtime.RunAsync("status");
        var run = await runtime.RunAsync("run-once");

        Assert.True(tick.ExitCode == 0, tick.ToString());
        Assert.Equal(1, tick.Json["tasksCreated"]!.GetValue<int>());
        Assert.Equal("""{"x":2}""", TestDb.Scalar(runtime.DbPath, "SELECT payload_json FROM tasks WHERE kind = 'tick'"));
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.True(run.ExitCode == 0 && !Refusal.IsCrash(run), run.ToString());
    }

    [Fact(Timeout = 120_000)]
    public async Task StoredWorkflowThatCannotBeEvaluated_ReportedAndSkippedWhileTheOthersAdvance()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo done");
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "bad")).ExitCode);
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "good", "--context", """{"summary":"S"}""")).ExitCode);

        // Written by another runtime: an objective too large for the task the plan state queues.
        TestDb.Execute(runtime.DbPath, "UPDATE workflows SET context_json = $c WHERE id = 1", ("$c", $$"""{"objective":"{{new string('o', 300 * 1024)}}"}"""));

        var first = await runtime.RunAsync("run-once");
        var second = await runtime.RunAsync("run-once");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.DoesNotContain("dispatch_phase_failed", TestDb.EventTypes(runtime.DbPath));
        Assert.Equal(1L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks WHERE source = 'workflow:2:plan'"));
        Assert.Equal(0L, TestDb.Scalar(runtime.DbPath, "SELECT COUNT(*) FROM tasks WHERE source = 'workflow:1:plan'"));
        var failure = (string)TestDb.Scalar(runtime.DbPath, "SELECT detail_json FROM run_events WHERE event_type = 'workflow_evaluation_failed' ORDER BY id LIMIT 1")!;
        Assert.StartsWith("""{"workflow_id":1,"error":"payload: too large""", failure, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Healthcheck_StoredRowsTheDispatcherSkips_ListedAsDataIssuesAndFails()
    {
        using var runtime = new TestRuntime().InProcess();
        runtime.AddScriptAdapter("script-ok", "echo done");
        runtime.Save();
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "a")).ExitCode);
        Assert.Equal(0, (await runtime.RunAsync("workflow-create", "--template", "goal-loop", "--instance_key", "b")).ExitCode);
        Assert.Equal(0, (await runtime.RunAsync("schedule-create", "--json", """{"name":"n","interval_seconds":60,"task":{"kind":"k","payload":{}}}""")).ExitCode);
        var healthy = await runtime.RunAsync("healthcheck");
        TestDb.Execute(runtime.DbPath, """UPDATE workflows SET current_state = 'nowhere' WHERE id = 1""");
        TestDb.Execute(runtime.DbPath, """UPDATE workflows SET context_json = '[1]' WHERE id = 2""");
        TestDb.Execute(runtime.DbPath, """UPDATE schedules SET task_json = '{"kind":7,"payload":{}}'""");

        var result = await runtime.RunAsync("healthcheck");

        Assert.True(healthy.ExitCode == 0 && !healthy.Json.ContainsKey("dataIssues"), healthy.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                "workflow 1 (a): nowhere is not a state of goal-loop; it never advances",
                "workflow 2 (b): context_json is not a JSON object; it reads as an empty context",
                "schedule n: task.kind: expected a non-empty string, got a number; it creates nothing when due",
            ],
            result.Json["dataIssues"]!.AsArray().Select(n => n!.GetValue<string>()));
    }
}

using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>The workflow engine's rules (spec §7.3) and the B1/B2 fixes, in-process over a real SQLite file and a fake clock.</summary>
public sealed class WorkflowEngineTests
{
    [Fact(Timeout = 30_000)]
    public async Task Engine_ExecuteReenteredAfterContinue_RunsANewTaskInsteadOfReusingTheLastIterations()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("goal-loop", """{"summary":"Loop"}""");
        h.Evaluate();
        h.Finish(h.LastTask(id).TaskId, "completed", "plan_ready");
        h.Evaluate();
        h.Evaluate();
        var firstExecute = h.LastTask(id);
        h.Finish(firstExecute.TaskId, "completed", "execute_ready");
        h.Evaluate();
        h.Evaluate();
        h.Finish(h.LastTask(id).TaskId, "completed", "continue");
        h.Evaluate();
        Assert.Equal("execute", h.Workflow(id).CurrentState);

        var evaluation = h.Evaluate();

        // The reference (B1) found the first iteration's completed goal-execute again and moved
        // straight on to verify (execution_iteration 2, no new work); here a new task runs.
        Assert.Equal(1, evaluation.TasksCreated);
        Assert.Equal("execute", h.Workflow(id).CurrentState);
        var secondExecute = h.LastTask(id);
        Assert.NotEqual(firstExecute.TaskId, secondExecute.TaskId);
        Assert.Equal("goal-execute", secondExecute.Kind);
        Assert.Equal("pending", secondExecute.Status);
        Assert.Equal(2, secondExecute.Payload["iteration"]!.GetValue<double>());
        Assert.Equal("Execute goal iteration 2: Loop", secondExecute.Subject);
        Assert.EndsWith("-loop-execute-2.md", secondExecute.Payload["implementation_artifact"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Engine_VerifySignalUnresolved_ParksWithOneEventInsteadOfQueueingVerifyEveryCycle()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("goal-loop", """{"summary":"Loop","execution_iteration":1}""", state: "verify");
        h.Evaluate();
        var verify = h.LastTask(id);
        h.Finish(verify.TaskId, "completed", "maybe-later", rawOutput: "```json\n{\"status\":\"unsure\"}\n```");

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(0, h.Evaluate().TasksCreated);
        }

        // The reference (B2) queued a new goal-verify on every one of those cycles.
        Assert.Single(h.Tasks(id));
        Assert.Equal("verify", h.Workflow(id).CurrentState);
        Assert.Equal(1, h.EventCount("workflow_signal_unresolved"));
        Assert.Equal(
            """{"workflow_id":1,"workflow_state":"verify","task_kind":"goal-verify","workflow_signal":"maybe-later","accepted_signals":["continue","complete","revise_plan"]}""",
            h.Harness.Text("SELECT detail_json FROM run_events WHERE event_type = 'workflow_signal_unresolved'"));

        // An operator decides; the loop goes on with new work.
        h.Operations.Transition(id, "execute", null);
        Assert.Equal(1, h.Evaluate().TasksCreated);
        Assert.Equal("goal-execute", h.LastTask(id).Kind);
    }

    [Fact(Timeout = 30_000)]
    public async Task Engine_SignalFromFencedRawOutputStatus_DrivesTheLoopAndPatchesContext()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("goal-loop", """{"summary":"Loop","execution_iteration":3,"base_name":"b"}""", state: "verify");
        h.Evaluate();
        var verify = h.LastTask(id);
        h.Finish(verify.TaskId, "completed", signal: null, rawOutput: "```json\n{\"status\":\"revise_plan\"}\n```");

        h.Evaluate();

        var workflow = h.Workflow(id);
        Assert.Equal("plan", workflow.CurrentState);
        var context = workflow.Context();
        Assert.Equal(
            ["summary", "execution_iteration", "base_name", "last_completed_task_id", "last_completed_task_kind", "last_completed_task_at", "last_workflow_signal", "plan_artifact", "state_entered_at"],
            context.Select(p => p.Key));
        Assert.Equal("revise_plan", context["last_workflow_signal"]!.GetValue<string>());
        Assert.Equal(3, context["execution_iteration"]!.GetValue<double>());
        Assert.Equal(verify.TaskId, context["last_completed_task_id"]!.GetValue<string>());
        Assert.Equal("plans/b-plan.md", context["plan_artifact"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Engine_NonGoalLoopTaskBlocked_RequeuedTwiceThenParkedAtTheLimit()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("community-research");
        h.Evaluate();
        for (var i = 0; i < 3; i++)
        {
            h.Finish(h.LastTask(id).TaskId, i == 1 ? "permanent_failure" : "blocked");
            h.Evaluate();
        }

        h.Evaluate();

        Assert.Equal(3, h.Tasks(id).Count);
        Assert.Equal(2, h.EventCount("workflow_state_requeued_after_failure"));
        Assert.Equal(2, h.EventCount("workflow_state_retry_limit_reached"));
        Assert.Equal("""{"discover-aibtc-basics":2}""", h.Workflow(id).Context()["state_retry_counts"]!.ToJsonString());
        Assert.Equal(
            """{"workflow_id":1,"workflow_state":"discover-aibtc-basics","prior_task_status":"permanent_failure","retry_count":2}""",
            h.Harness.Text("SELECT detail_json FROM run_events WHERE event_type = 'workflow_state_requeued_after_failure' ORDER BY id DESC LIMIT 1"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Engine_GoalLoopTaskBlockedOrCanceled_IsNotRequeued()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var blocked = h.Create("goal-loop");
        var canceled = h.Create("goal-loop");
        h.Evaluate();
        h.Finish(h.LastTask(blocked).TaskId, "blocked");
        h.Finish(h.LastTask(canceled).TaskId, "operator_canceled");

        var evaluation = h.Evaluate();

        Assert.Equal(new WorkflowEvaluation(2, 0), evaluation);
        Assert.Single(h.Tasks(blocked));
        Assert.Single(h.Tasks(canceled));
        Assert.Equal(1, h.EventCount("workflow_state_retry_disabled"));
        Assert.Equal(1, h.EventCount("workflow_state_operator_canceled"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Engine_CompletionKindCompleted_CompletesWorkflowAndLeavesTheState()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("wallet-onboarding", state: "draft-wallet-checklist");
        h.Evaluate();
        var task = h.LastTask(id);
        h.Finish(task.TaskId, "completed");

        var evaluation = h.Evaluate();

        Assert.Equal(new WorkflowEvaluation(1, 0), evaluation);
        var workflow = h.Workflow(id);
        Assert.NotNull(workflow.CompletedAt);
        Assert.Equal("draft-wallet-checklist", workflow.CurrentState);
        Assert.Equal(
            """{"workflow_id":1,"workflow_state":"draft-wallet-checklist","task_kind":"wallet-checklist-draft"}""",
            h.Harness.Text("SELECT detail_json FROM run_events WHERE event_type = 'workflow_completed_from_task'"));
        Assert.Equal(new WorkflowEvaluation(0, 0), h.Evaluate());
    }

    [Fact(Timeout = 30_000)]
    public async Task Engine_UnknownTemplate_RecordsAnEventAndCreatesNothing()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        h.Harness.Db.Execute("INSERT INTO workflows (template, instance_key, current_state, created_at, updated_at) VALUES ('gone', 'k', 's', 'x', 'x')");

        Assert.Equal(new WorkflowEvaluation(1, 0), h.Evaluate());
        Assert.Equal("""{"workflow_id":1,"template":"gone"}""", h.Harness.Text("SELECT detail_json FROM run_events WHERE event_type = 'workflow_unknown_template'"));
    }
}

using AgentRuntime.Host.Workflows;

namespace AgentRuntime.Host.Tests.Flow;

/// <summary>The action tasks of the three templates (spec §7.4), exactly as stored.</summary>
public sealed class WorkflowTemplateTests
{
    [Fact(Timeout = 30_000)]
    public async Task CommunityResearch_FirstState_TaskMatchesTheSpecFieldByField()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("community-research", """{"topic":"AIBTC community wiki","output_path":"community-wiki/aibtc-basics.md"}""");

        h.Evaluate();

        var task = h.LastTask(id);
        Assert.Equal("community-research", task.Kind);
        Assert.Equal($"workflow:{id}:discover-aibtc-basics", task.Source);
        Assert.Equal(6, task.Priority);
        Assert.Equal("lumen", task.RequestedProfile);
        Assert.Equal("", task.RequestedAdapter);
        Assert.Equal("Research AIBTC basics for AIBTC community wiki", task.Subject);
        Assert.Equal("Use the provided docs to extract the key platform, messaging, registration, and news concepts that a new community member needs to understand.", task.Description);
        Assert.Equal(
            $$"""{"topic":"AIBTC community wiki","focus":"platform-basics","output_path":"community-wiki/aibtc-basics.md","sources":["docs/aibtc-platform.md","docs/aibtc-news.md"],"operator_goal":"Produce a concise research summary Lumen can reuse for community explanations.","workflow_id":{{id}},"workflow_template":"community-research","workflow_state":"discover-aibtc-basics","workflow_instance_key":"{{h.Workflow(id).InstanceKey}}"}""",
            task.Payload.ToJsonString());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("""{"slug":"Lumen Community Wiki!"}""", "community-wiki/lumen-community-wiki-outline.md", "AIBTC community wiki")]
    [InlineData("""{"slug":"***","topic":"T"}""", "community-wiki/community-wiki-outline.md", "T")]
    [InlineData("""{"outline_path":"x/o.md","slug":"s"}""", "x/o.md", "AIBTC community wiki")]
    [InlineData("{}", "community-wiki/outline.md", "AIBTC community wiki")]
    public async Task CommunityResearch_OutlineState_OutputPathFromContext(string context, string path, string topic)
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("community-research", context, state: "draft-community-wiki-outline");

        h.Evaluate();

        var task = h.LastTask(id);
        Assert.Equal(5, task.Priority);
        Assert.Equal("Draft the first community wiki outline", task.Subject);
        Assert.Equal(path, task.Payload["output_path"]!.GetValue<string>());
        Assert.Equal(topic, task.Payload["topic"]!.GetValue<string>());
        Assert.Equal("wiki-outline", task.Payload["focus"]!.GetValue<string>());
    }

    [Fact(Timeout = 30_000)]
    public async Task WalletOnboarding_FirstState_UsesAgentNameForSubjectAndDefaultsInPayload()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("wallet-onboarding", """{"agent_name":""}""");

        h.Evaluate();

        var task = h.LastTask(id);
        Assert.Equal("wallet-registration-research", task.Kind);
        Assert.Equal("Research AIBTC registration flow for agent", task.Subject);
        Assert.Equal("Document the wallet, registration, heartbeat, and inbox prerequisites for AIBTC participation.", task.Description);
        Assert.StartsWith(
            """{"agent_name":"","checklist_path":"community-wiki/lumen-wallet-checklist.md","sources":["docs/aibtc-platform.md"],"operator_goal":"Produce a grounded checklist, not speculative guidance.","workflow_id":""",
            task.Payload.ToJsonString(),
            StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task GoalLoop_PlanState_PayloadWithOneBaseNameDerivedFromTimeAndSummary()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("goal-loop", """{"summary":"Ship builder mode","scope":["src"],"requested_profile":"tester"}""");

        h.Evaluate();

        var task = h.LastTask(id);
        Assert.Equal("goal-plan", task.Kind);
        Assert.Equal(7, task.Priority);
        Assert.Equal("tester", task.RequestedProfile);
        Assert.Equal("Plan goal: Ship builder mode", task.Subject);
        const string Plan = "plans/2026-05-01T10-00-01.000Z-ship-builder-mode-plan.md";
        Assert.Equal(
            $$"""{"objective":"Ship builder mode","summary":"Ship builder mode","scope":["src"],"phase":"plan","phase_skills":["planning","artifact-reporting"],"proposal_artifact":"{{Plan}}","required_artifacts":["{{Plan}}"],"acceptance_criteria":["Plan includes clear scope","Plan includes acceptance criteria","Plan includes stop condition","Plan is suitable for iterative execution and verification"],"operator_goal":"Produce the plan artifact for the workflow goal.","response_contract":{"required_workflow_signal":"plan_ready"},"workflow_id":{{id}},"workflow_template":"goal-loop","workflow_state":"plan","workflow_instance_key":"{{h.Workflow(id).InstanceKey}}"}""",
            task.Payload.ToJsonString());
    }

    [Fact(Timeout = 30_000)]
    public async Task GoalLoop_VerifyState_PayloadNamesTheIterationsArtifactsAndAcceptedSignals()
    {
        await Task.Yield();
        using var h = new EngineHarness();
        var id = h.Create("goal-loop", """{"plan_artifact":"plans/abc-plan.md","execution_iteration":2}""", state: "verify");

        h.Evaluate();

        var task = h.LastTask(id);
        Assert.Equal("Verify execution iteration 2: workflow goal", task.Subject);
        Assert.Equal("proving-codex", task.RequestedProfile);
        Assert.StartsWith(
            """{"objective":"workflow goal","summary":"workflow goal","scope":[],"phase":"verify","iteration":2,"phase_skills":["review","verification","artifact-reporting"],"proposal_artifact":"plans/abc-plan.md","implementation_artifact":"reports/abc-execute-2.md","verification_artifact":"reports/abc-verify-2.md","required_artifacts":["reports/abc-verify-2.md"],"accepted_signals":["continue","complete","revise_plan"],"operator_goal":"Verify execution against the plan and decide the next loop transition.","response_contract":{"required_workflow_signal":"continue|complete|revise_plan"},""",
            task.Payload.ToJsonString(),
            StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("Ship Builder Mode!", "fallback", "ship-builder-mode")]
    [InlineData("--Ünïcode--", "fallback", "n-code")]
    [InlineData("", "fallback", "fallback")]
    public async Task Slug_Text_LowerCasedRunsCollapsedAndTrimmed(string text, string fallback, string expected)
    {
        await Task.Yield();
        Assert.Equal(expected, Slug.Make(text, fallback));
    }
}
